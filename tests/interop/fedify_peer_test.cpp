// Two-way interop with real third-party ActivityPub software: a Gesso node (a.test, in this process) and a
// Fedify 1.5 server (b.test, tests/interop/fedify-peer.mjs in a Node.js child), both over HTTPS on loopback with
// certificates from a CA made at test time, real HTTP signatures and real key fetches. Gesso's queues are
// pumped by hand; the peer has no queue (Fedify then delivers and processes inline, before it answers), so
// nothing here sleeps or polls. Skipped when Node.js >= 20 or tests/interop/node_modules is missing.
#include "support/fedify_peer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "activitypub/federation.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/reactions.hpp"
#include "activitypub/remote_actors.hpp"
#include "core/json.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/statuses.hpp"
#include "support/temp_dir.hpp"
#include "support/test_ca.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

// The member `key` of object `v` as a string ("" when absent or not a string).
std::string str(const rapidjson::Value& v, const char* key) {
    if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) return {};
    return v[key].GetString();
}

// The first entry of the array state[list] whose `key` equals `value`, or nullptr.
const rapidjson::Value* find_entry(const rapidjson::Value& state, const char* list, const char* key,
                                   const std::string& value) {
    if (!state.IsObject() || !state.HasMember(list) || !state[list].IsArray()) return nullptr;
    for (const auto& entry : state[list].GetArray()) {
        if (str(entry, key) == value) return &entry;
    }
    return nullptr;
}

std::string json_object(std::initializer_list<std::pair<const char*, std::string>> fields) {
    core::JsonWriter w;
    w.begin_object();
    for (const auto& [k, v] : fields) w.field(k, v);
    w.end_object();
    return w.str();
}

class FedifyInterop : public ::testing::Test {
protected:
    void SetUp() override {
        if (auto why = fedify_unavailable()) GTEST_SKIP() << *why;
        certs = make_test_certificates(dir.path());
        TestNodeOptions options;
        options.tls_cert_file = certs.cert_file.string();
        options.tls_key_file = certs.key_file.string();
        options.domain_host = "a.test";
        gesso = std::make_unique<TestNode>(options);
        peer = std::make_unique<FedifyPeer>(certs, dir.path(), "b.test");
        gesso->enable_federation(
            certs.ca_file.string(),
            {gesso->domain() + "=127.0.0.1:" + std::to_string(gesso->port()), peer->resolve_rule()});
        peer->use_transport(gesso->client());
        alice = gesso->create_account("alice");
        alice_uri = gesso->base() + "/users/alice";
        alice_key_id = gesso->db().read([&](Connection& c) { return storage::find_keys(c, alice.id); }).at(0).key_id;
    }

    void TearDown() override {
        // The peer's log on failure, or always with GESSO_INTEROP_VERBOSE=1.
        if (peer && (HasFailure() || std::getenv("GESSO_INTEROP_VERBOSE") != nullptr)) {
            std::cerr << "--- Fedify peer log (tail) ---\n" << peer->log_tail(20000) << "\n";
        }
    }

    // Runs Gesso's federation steps until a whole round does nothing.
    void pump() {
        for (int round = 0; round < 50; ++round) {
            if (activitypub::pump_once(gesso->ctx()).total() == 0) return;
        }
        ADD_FAILURE() << "Gesso's federation queues still busy after 50 rounds";
    }

    std::optional<core::Follow> follow_on_gesso(const std::string& follower, const std::string& target) {
        return gesso->db().read([&](Connection& c) -> std::optional<core::Follow> {
            auto f = storage::find_account_by_uri(c, follower);
            auto t = storage::find_account_by_uri(c, target);
            if (!f || !t) return std::nullopt;
            return storage::find_follow(c, f->id, t->id);
        });
    }

    // The peer's record of the inbox POST carrying `activity_id`: Fedify's answer, and the key whose HTTP
    // signature Fedify verified. Fails the test when there was none.
    void expect_verified_delivery(const rapidjson::Value& state, const std::string& activity_id,
                                  const std::string& signer_key) {
        const rapidjson::Value* post = find_entry(state, "inboxPosts", "activity", activity_id);
        ASSERT_NE(post, nullptr) << "Fedify's inbox never got " << activity_id;
        EXPECT_EQ((*post)["status"].GetInt(), 202) << "Fedify refused " << activity_id;
        EXPECT_EQ(str(*post, "signatureKey"), signer_key) << "Fedify could not verify the HTTP signature";
        EXPECT_NE(str(*post, "proof"), "invalid") << "Fedify rejected the object integrity proof";
    }

    // The peer's record of its own delivery of `activity_id` to Gesso: signed, and answered 202 by Gesso's inbox.
    void expect_accepted_by_gesso(const rapidjson::Value& state, const std::string& activity_id) {
        const rapidjson::Value* sent = find_entry(state, "sent", "activity", activity_id);
        ASSERT_NE(sent, nullptr) << "Fedify never delivered " << activity_id;
        EXPECT_EQ(str(*sent, "inbox").rfind(gesso->base() + "/", 0), 0u) << str(*sent, "inbox");
        EXPECT_TRUE((*sent)["signed"].GetBool());
        EXPECT_EQ((*sent)["status"].GetInt(), 202) << "Gesso's inbox refused " << activity_id;
    }

    TempDir dir;
    TestCertificates certs;
    std::unique_ptr<TestNode> gesso;
    std::unique_ptr<FedifyPeer> peer;
    core::Account alice;
    std::string alice_uri, alice_key_id;
};

TEST_F(FedifyInterop, FedifyFollowsGessoGetsTheAcceptThePostsAndUnfollows) {
    // Fedify resolves alice@a.test:PORT (WebFinger over https, actor fetched with a signed GET) and follows.
    auto followed = peer->control("follow", json_object({{"handle", "alice@" + gesso->domain()}}));
    ASSERT_EQ(str(followed, "actor"), alice_uri);
    std::string follow_id = str(followed, "follow");
    pump();

    auto follow = follow_on_gesso(peer->actor_uri(), alice_uri);
    ASSERT_TRUE(follow) << "Gesso never stored Fedify's Follow";
    EXPECT_TRUE(follow->accepted);
    EXPECT_EQ(follow->uri, follow_id);

    auto state = peer->state();
    expect_accepted_by_gesso(state, follow_id);
    const rapidjson::Value* accept = find_entry(state, "received", "type", "Accept");
    ASSERT_NE(accept, nullptr) << "Fedify's inbox listener never got an Accept";
    EXPECT_EQ(str(*accept, "actor"), alice_uri);
    EXPECT_EQ(str(*accept, "acceptedFollow"), follow_id);
    expect_verified_delivery(state, str(*accept, "id"), alice_key_id);
    EXPECT_EQ(str(state["following"], alice_uri.c_str()), "accepted");

    // Gesso fetched bob's actor to verify the Follow; Fedify serves it only to signed requests, and every
    // fetch was signed by a key Fedify could verify (Gesso's instance actor).
    ASSERT_TRUE(state["signedGets"].IsArray());
    ASSERT_FALSE(state["signedGets"].Empty()) << "Gesso never fetched the Fedify actor";
    for (const auto& get : state["signedGets"].GetArray()) {
        EXPECT_EQ(str(get, "keyId").rfind(gesso->base() + "/", 0), 0u)
            << "unsigned or foreign fetch of " << str(get, "path");
    }

    // alice posts: Fedify's shared inbox gets the Create, verifies it and parses the Note.
    core::Status post = activitypub::publish_note(gesso->ctx(), alice, "<p>a new painting, oil on gesso</p>");
    pump();
    state = peer->state();
    const rapidjson::Value* create = find_entry(state, "received", "objectId", post.uri);
    ASSERT_NE(create, nullptr) << "Fedify never got the Create of " << post.uri;
    EXPECT_EQ(str(*create, "type"), "Create");
    EXPECT_EQ(str(*create, "actor"), alice_uri);
    EXPECT_EQ(str(*create, "objectType"), "Note");
    EXPECT_EQ(str(*create, "attributedTo"), alice_uri);
    EXPECT_EQ(str(*create, "content"), "<p>a new painting, oil on gesso</p>");
    expect_verified_delivery(state, str(*create, "id"), alice_key_id);

    // Fedify reads alice's collections and walks their pages (signed GETs, with ?page= query strings).
    auto followers = peer->control("collection", json_object({{"url", alice_uri + "/followers"}}));
    EXPECT_EQ(str(followers, "type"), "OrderedCollection");
    ASSERT_TRUE(followers["items"].IsArray());
    std::vector<std::string> items;
    for (const auto& item : followers["items"].GetArray()) items.emplace_back(item.GetString());
    EXPECT_EQ(items, std::vector<std::string>{peer->actor_uri()});
    auto outbox = peer->control("collection", json_object({{"url", alice_uri + "/outbox"}}));
    EXPECT_EQ(str(outbox, "type"), "OrderedCollection");
    ASSERT_TRUE(outbox["totalItems"].IsInt());
    EXPECT_EQ(outbox["totalItems"].GetInt(), 1);
    ASSERT_TRUE(outbox["items"].IsArray());
    ASSERT_EQ(outbox["items"].Size(), 1u);
    EXPECT_EQ(std::string(outbox["items"][0].GetString()).rfind(post.uri, 0), 0u)
        << "outbox item " << outbox["items"][0].GetString() << " is not the Create of " << post.uri;

    // alice deletes the post: Fedify verifies and receives the Delete of it.
    activitypub::delete_local_status(gesso->ctx(), alice, post.id);
    pump();
    state = peer->state();
    const rapidjson::Value* del = find_entry(state, "received", "type", "Delete");
    ASSERT_NE(del, nullptr) << "Fedify never got the Delete";
    EXPECT_EQ(str(*del, "actor"), alice_uri);
    EXPECT_EQ(str(*del, "object"), post.uri);
    expect_verified_delivery(state, str(*del, "id"), alice_key_id);

    // Fedify unfollows: Undo(Follow) with the Follow embedded; Gesso drops the follow.
    auto unfollowed = peer->control("unfollow", json_object({{"actor", alice_uri}}));
    expect_accepted_by_gesso(peer->state(), str(unfollowed, "undo"));
    pump();
    EXPECT_FALSE(follow_on_gesso(peer->actor_uri(), alice_uri)) << "Gesso kept the follow after Undo(Follow)";
    EXPECT_EQ(peer->state()["blockedFetches"].Size(), 0u) << "Fedify tried to leave loopback";
}

TEST_F(FedifyInterop, GessoFollowsFedifyAndGetsItsPostsEditsRepliesAndDeletes) {
    // Gesso resolves bob@b.test:PORT by WebFinger and a signed fetch of the actor (Fedify requires it).
    core::Account bob = activitypub::resolve_handle(gesso->ctx(), peer->handle());
    EXPECT_EQ(bob.uri, peer->actor_uri());
    EXPECT_EQ(bob.username, "bob");
    EXPECT_EQ(bob.inbox_url, peer->actor_uri() + "/inbox");
    EXPECT_EQ(bob.shared_inbox_url, peer->base() + "/inbox");
    // Both of Fedify's keys: the RSA publicKey and the Ed25519 Multikey in assertionMethod (FEP-521a).
    auto keys = gesso->db().read([&](Connection& c) { return storage::find_keys(c, bob.id); });
    auto has_key = [&](core::KeyType type) {
        return std::any_of(keys.begin(), keys.end(), [&](const core::KeyPair& k) {
            return k.type == type && k.key_id.rfind(peer->actor_uri() + "#", 0) == 0;
        });
    };
    EXPECT_TRUE(has_key(core::KeyType::rsa)) << "Gesso stored no RSA key of the Fedify actor";
    EXPECT_TRUE(has_key(core::KeyType::ed25519)) << "Gesso stored no Ed25519 Multikey of the Fedify actor";

    activitypub::follow_account(gesso->ctx(), alice, bob.uri);
    ASSERT_TRUE(follow_on_gesso(alice_uri, bob.uri));
    EXPECT_FALSE(follow_on_gesso(alice_uri, bob.uri)->accepted);
    pump();

    auto state = peer->state();
    const rapidjson::Value* follow = find_entry(state, "received", "type", "Follow");
    ASSERT_NE(follow, nullptr) << "Fedify's inbox listener never got the Follow";
    EXPECT_EQ(str(*follow, "actor"), alice_uri);
    EXPECT_EQ(str(*follow, "object"), peer->actor_uri());
    expect_verified_delivery(state, str(*follow, "id"), alice_key_id);
    EXPECT_TRUE(state["followers"].HasMember(alice_uri.c_str()));
    auto accepted = follow_on_gesso(alice_uri, bob.uri);
    ASSERT_TRUE(accepted);
    EXPECT_TRUE(accepted->accepted) << "Fedify's Accept did not reach Gesso or was refused";
    const rapidjson::Value* accept = find_entry(state, "sent", "type", "Accept");
    ASSERT_NE(accept, nullptr);
    expect_accepted_by_gesso(state, str(*accept, "activity"));

    // bob posts to his followers; the Create arrives while the peer answers, then Gesso's worker applies it.
    auto posted = peer->control("post", json_object({{"content", "<p>sketch of a heron</p>"}}));
    std::string note_uri = str(posted, "note");
    ASSERT_FALSE(note_uri.empty());
    state = peer->state();
    expect_accepted_by_gesso(state, str(posted, "activity"));
    // Fedify signs the Create twice: HTTP signature (RSA) and an eddsa-jcs-2022 proof (Ed25519) in the body.
    const rapidjson::Value* create = find_entry(state, "sent", "activity", str(posted, "activity"));
    ASSERT_NE(create, nullptr);
    EXPECT_TRUE((*create)["proof"].GetBool());
    pump();
    auto note = gesso->db().read([&](Connection& c) { return storage::find_status_by_uri(c, note_uri); });
    ASSERT_TRUE(note) << "the Note from Fedify never reached Gesso";
    EXPECT_EQ(note->account_id, bob.id);
    EXPECT_FALSE(note->local);
    EXPECT_EQ(note->visibility, core::Visibility::public_);
    EXPECT_NE(note->content.find("sketch of a heron"), std::string::npos) << note->content;
    auto home_of_alice = [&] {
        return gesso->db().read([&](Connection& c) { return storage::home_timeline(c, alice.id, std::nullopt, 40); });
    };
    auto home = home_of_alice();
    EXPECT_EQ(std::count(home.begin(), home.end(), note->id), 1) << "not in alice's home timeline";
    auto find_status = [&](const std::string& uri) {
        return gesso->db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    };

    // bob edits the note: Update(Note) changes the content and marks it edited.
    auto updated = peer->control("update", json_object({{"note", note_uri}, {"content", "<p>heron, coloured</p>"}}));
    expect_accepted_by_gesso(peer->state(), str(updated, "update"));
    pump();
    auto edited = find_status(note_uri);
    ASSERT_TRUE(edited);
    EXPECT_NE(edited->content.find("heron, coloured"), std::string::npos) << edited->content;
    EXPECT_TRUE(edited->edited_at.has_value());

    // bob replies to a post of alice's: the reply is threaded under it.
    core::Status question = activitypub::publish_note(gesso->ctx(), alice, "<p>is that a heron?</p>");
    pump();
    auto replied =
        peer->control("post", json_object({{"content", "<p>yes, a grey one</p>"}, {"inReplyTo", question.uri}}));
    pump();
    auto reply = find_status(str(replied, "note"));
    ASSERT_TRUE(reply) << "the reply from Fedify never reached Gesso";
    EXPECT_EQ(reply->in_reply_to_uri, question.uri);
    EXPECT_EQ(reply->in_reply_to_id, std::optional<core::Id>(question.id));

    // alice likes and boosts bob's note, then takes both back: Fedify verifies and receives each activity.
    activitypub::favourite_status(gesso->ctx(), alice, note->id);
    core::Status boost = activitypub::reblog_status(gesso->ctx(), alice, note->id);
    pump();
    EXPECT_TRUE(activitypub::unfavourite_status(gesso->ctx(), alice, note->id));
    EXPECT_TRUE(activitypub::unreblog_status(gesso->ctx(), alice, note->id));
    pump();
    state = peer->state();
    for (const char* type : {"Like", "Announce"}) {
        const rapidjson::Value* got = find_entry(state, "received", "type", type);
        ASSERT_NE(got, nullptr) << "Fedify never got alice's " << type;
        EXPECT_EQ(str(*got, "actor"), alice_uri);
        EXPECT_EQ(str(*got, "object"), note_uri);
        expect_verified_delivery(state, str(*got, "id"), alice_key_id);
        bool undone = false;
        for (const auto& entry : state["received"].GetArray()) {
            undone = undone || (str(entry, "type") == "Undo" && str(entry, "undone") == str(*got, "id"));
        }
        EXPECT_TRUE(undone) << "Fedify never got the Undo of alice's " << type;
    }
    EXPECT_FALSE(boost.uri.empty());

    // bob deletes the first note: it disappears from Gesso and from alice's home timeline.
    auto deleted = peer->control("delete", json_object({{"note", note_uri}}));
    expect_accepted_by_gesso(peer->state(), str(deleted, "delete"));
    pump();
    EXPECT_FALSE(find_status(note_uri)) << "Gesso kept a note Fedify deleted";
    home = home_of_alice();
    EXPECT_EQ(std::count(home.begin(), home.end(), note->id), 0);

    // alice unfollows: Fedify gets the Undo(Follow) and drops her from bob's followers.
    EXPECT_TRUE(activitypub::unfollow_account(gesso->ctx(), alice, bob.uri));
    pump();
    state = peer->state();
    const rapidjson::Value* undo = find_entry(state, "received", "undoneType", "Follow");
    ASSERT_NE(undo, nullptr) << "Fedify never got the Undo(Follow)";
    EXPECT_EQ(str(*undo, "type"), "Undo");
    expect_verified_delivery(state, str(*undo, "id"), alice_key_id);
    EXPECT_FALSE(state["followers"].HasMember(alice_uri.c_str()));
}

TEST_F(FedifyInterop, FedifyLikesAGessoPostAndUndoesTheLike) {
    core::Status post = activitypub::publish_note(gesso->ctx(), alice, "<p>charcoal study</p>");
    pump();
    auto favourites = [&] {
        return gesso->db().read([&](Connection& c) { return storage::count_favourites(c, post.id); });
    };

    // Fedify fetches the post (signed GET), then its author, and sends the Like to her inbox.
    auto liked = peer->control("like", json_object({{"object", post.uri}}));
    EXPECT_EQ(str(liked, "author"), alice_uri);
    EXPECT_EQ(str(liked, "content"), "<p>charcoal study</p>");
    std::string like_id = str(liked, "like");
    ASSERT_FALSE(like_id.empty());
    expect_accepted_by_gesso(peer->state(), like_id);
    pump();
    EXPECT_EQ(favourites(), 1) << "Gesso did not record Fedify's Like";
    auto bob = gesso->db().read([&](Connection& c) { return storage::find_account_by_uri(c, peer->actor_uri()); });
    ASSERT_TRUE(bob);
    EXPECT_EQ(gesso->db().read([&](Connection& c) { return storage::find_favourite_uri(c, bob->id, post.id); }),
              like_id);

    auto undone = peer->control("undo", json_object({{"activity", like_id}}));
    expect_accepted_by_gesso(peer->state(), str(undone, "undo"));
    pump();
    EXPECT_EQ(favourites(), 0) << "Gesso did not apply Fedify's Undo(Like)";
}

}  // namespace
}  // namespace gesso::test
