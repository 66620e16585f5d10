// Authorized fetch, domain policies on signed fetches, and hidden follower lists, against a real node on
// 127.0.0.1:0 with real HTTP and real signatures (draft-cavage and RFC 9421).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <string>
#include <vector>

#include "activitypub/actors.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "core/error.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/relations.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

void expect_json_error(const HttpResult& res, int status, const std::string& what) {
    EXPECT_EQ(res.status, status) << what << ": " << res.body;
    EXPECT_NE(res.header("content-type").find("application/json"), std::string::npos) << what;
    auto doc = parse_document(res.body);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("error") && doc["error"].IsString()) << what << ": " << res.body;
}

class AuthorizedFetch : public ::testing::Test {
protected:
    AuthorizedFetch() {
        alice = node.create_account("alice");
        node.insert_remote_follower(alice, "fan");
        post = node.insert_status(alice, "a sketch");
    }

    // Every document authorized fetch protects, as paths on the node.
    std::vector<std::string> protected_paths() const {
        return {"/users/alice",
                "/@alice",
                post.uri.substr(node.base().size()),
                "/users/alice/outbox",
                "/users/alice/outbox?page=true",
                "/users/alice/followers",
                "/users/alice/followers?page=true",
                "/users/alice/following",
                "/users/alice/collections/featured"};
    }

    void block(const std::string& domain, core::DomainSeverity severity) {
        core::DomainBlock b;
        b.id = node.ctx().ids.next();
        b.domain = domain;
        b.severity = severity;
        b.created_at = node.ctx().clock.now();
        node.db().write([&](Connection& c) { storage::upsert_domain_block(c, b); });
    }

    // A GET of `path` carrying a cavage signature made at `when` for `signed_path` (normally the same path).
    HttpResult signed_get(const std::string& path, const std::string& signed_path, core::TimePoint when) {
        const auto& signer = node.reader();
        activitypub::OutgoingRequest request;
        request.url = node.base() + signed_path;
        request.set_header("Accept", "application/activity+json");
        activitypub::sign_cavage(request, signer.key_id, signer.private_pem, when);
        HttpCall call;
        call.target = path;
        for (const auto& h : request.headers) call.headers.emplace_back(h.name, h.value);
        return http_request(node.port(), call);
    }

    TestNode node;
    core::Account alice;
    core::Status post;
};

TEST_F(AuthorizedFetch, UnsignedFetchesAre401AndSignedOnesAreAnswered) {
    for (const auto& path : protected_paths()) {
        expect_json_error(node.get_activity_unsigned(path), 401, path);
        auto signed_res = node.get_activity(path);
        EXPECT_EQ(signed_res.status, 200) << path << ": " << signed_res.body;
        EXPECT_EQ(signed_res.header("content-type").rfind("application/activity+json", 0), 0u) << path;
    }
}

TEST_F(AuthorizedFetch, Rfc9421SignaturesAreAcceptedToo) {
    const auto& signer = node.reader();
    for (const auto& path : protected_paths()) {
        auto res = node.get_activity_signed(path, signer.key_id, signer.private_pem, true);
        EXPECT_EQ(res.status, 200) << path << ": " << res.body;
    }
}

TEST_F(AuthorizedFetch, DiscoveryTheInstanceActorAndBrowsersNeedNoSignature) {
    for (const std::string path : {"/actor", "/actor/outbox"}) {
        EXPECT_EQ(node.get_activity_unsigned(path).status, 200) << path;
    }
    EXPECT_EQ(node.get("/.well-known/webfinger?resource=acct:alice@" + node.domain()).status, 200);
    EXPECT_EQ(node.get("/.well-known/host-meta").status, 200);
    EXPECT_EQ(node.get("/.well-known/nodeinfo").status, 200);
    EXPECT_EQ(node.get("/nodeinfo/2.1").status, 200);
    EXPECT_EQ(node.get("/users/alice", "text/html").status, 302);
    EXPECT_EQ(node.get("/@alice", "text/html").status, 200);
    EXPECT_EQ(node.get(post.uri.substr(node.base().size()), "text/html").status, 302);
}

TEST_F(AuthorizedFetch, SignaturesThatDoNotVerifyAre401) {
    // Signed for another path (replayed), stale, and by a key nobody can find.
    expect_json_error(signed_get("/users/alice", "/users/alice/outbox", node.ctx().clock.now()), 401, "replayed");
    expect_json_error(signed_get("/users/alice", "/users/alice", node.ctx().clock.now() - std::chrono::hours(3)),
                      401, "stale");
    auto stranger = activitypub::generate_rsa_key();
    expect_json_error(node.get_activity_signed("/users/alice", "https://unknown.example/users/x#main-key",
                                               stranger.private_pem),
                      401, "unknown key");
    // A known key id with somebody else's private key.
    expect_json_error(node.get_activity_signed("/users/alice", node.reader().key_id, stranger.private_pem), 401,
                      "wrong key");
}

TEST_F(AuthorizedFetch, CavageSignaturesOverThePathWithoutTheQueryAreAccepted) {
    // Fedify 1.5 (and older Mastodon) leave the query out of (request-target).
    auto now = node.ctx().clock.now();
    EXPECT_EQ(signed_get("/users/alice/outbox?page=true", "/users/alice/outbox", now).status, 200);
    EXPECT_EQ(signed_get("/users/alice/outbox?page=true", "/users/alice/outbox?page=true", now).status, 200);
    expect_json_error(signed_get("/users/alice/outbox?page=true", "/users/alice/followers", now), 401, "other path");
    expect_json_error(signed_get("/users/alice/outbox?page=true", "/users/alice/outbox?page=false", now), 401,
                      "other query");
}

TEST_F(AuthorizedFetch, SignersFromSuspendedDomainsAndSuspendedActorsAre403) {
    auto troll = node.remote_signer("troll.bad.example", "troll");
    auto quiet = node.remote_signer("quiet.example", "quiet");
    block("bad.example", core::DomainSeverity::suspend);  // covers troll.bad.example
    block("quiet.example", core::DomainSeverity::silence);
    expect_json_error(node.get_activity_signed("/users/alice", troll.key_id, troll.private_pem), 403, "suspended");
    EXPECT_EQ(node.get_activity_signed("/users/alice", quiet.key_id, quiet.private_pem).status, 200)
        << "silenced domains may still fetch";
    // An actor the admin suspended here, from a domain in good standing.
    core::Id reader_id = node.reader().account.id;  // (made on first use, with a write of its own)
    node.db().write([&](Connection& c) { storage::set_suspended(c, reader_id, node.ctx().clock.now()); });
    expect_json_error(node.get_activity("/users/alice"), 403, "suspended actor");
}

TEST_F(AuthorizedFetch, AnActorTheOwnerBlocksIs403ForThatOwnersDocumentsOnly) {
    auto bob = node.create_account("bob");
    core::Status bobs = node.insert_status(bob, "bob's sketch");
    core::Id reader_id = node.reader().account.id;
    node.db().write([&](Connection& c) {
        storage::insert_block(c, core::Block{node.ctx().ids.next(), alice.id, reader_id, "", node.ctx().clock.now()});
    });
    for (const auto& path : protected_paths()) expect_json_error(node.get_activity(path), 403, path);
    EXPECT_EQ(node.get_activity("/users/bob").status, 200);
    EXPECT_EQ(node.get_activity(bobs.uri.substr(node.base().size())).status, 200);
    auto other = node.remote_signer("other.example", "other");
    EXPECT_EQ(node.get_activity_signed("/users/alice", other.key_id, other.private_pem).status, 200);
}

TEST_F(AuthorizedFetch, AllowlistModeAnswersOnlyAllowedDomains) {
    node.ctx().settings.federation_mode = storage::FederationMode::allowlist;
    expect_json_error(node.get_activity("/users/alice"), 403, "not allowlisted");
    node.db().write([&](Connection& c) { storage::allow_domain(c, "reader.test", node.ctx().clock.now()); });
    EXPECT_EQ(node.get_activity("/users/alice").status, 200);
    expect_json_error(node.get_activity_unsigned("/users/alice"), 401, "unsigned");
}

TEST_F(AuthorizedFetch, WhenOffUnsignedFetchesAreAnsweredButSignaturesAreStillChecked) {
    node.ctx().settings.authorized_fetch = false;
    for (const auto& path : protected_paths()) EXPECT_EQ(node.get_activity_unsigned(path).status, 200) << path;
    EXPECT_EQ(node.get_activity("/users/alice").status, 200);
    expect_json_error(signed_get("/users/alice", "/users/alice/outbox", node.ctx().clock.now()), 401, "replayed");
    // Refused domains stay refused when they identify themselves.
    node.ctx().settings.federation_mode = storage::FederationMode::allowlist;
    expect_json_error(node.get_activity("/users/alice"), 403, "not allowlisted");
    EXPECT_EQ(node.get_activity_unsigned("/users/alice").status, 200);
}

class HiddenCollections : public AuthorizedFetch {};

TEST_F(HiddenCollections, OnlyTheCountsAreShown) {
    node.insert_remote_follower(alice, "fan2");
    node.insert_remote_follower(alice, "fan3");
    auto root = parse_document(node.get_activity("/users/alice/followers").body);
    ASSERT_TRUE(root.IsObject());
    EXPECT_TRUE(root.HasMember("first"));

    activitypub::set_collections_hidden(node.ctx(), "alice", true);
    for (const std::string path : {"/users/alice/followers", "/users/alice/followers?page=true",
                                   "/users/alice/followers?max_id=999999999999"}) {
        auto res = node.get_activity(path);
        ASSERT_EQ(res.status, 200) << path;
        auto doc = parse_document(res.body);
        ASSERT_TRUE(doc.IsObject()) << res.body;
        EXPECT_EQ(std::string(doc["type"].GetString()), "OrderedCollection") << path;
        EXPECT_EQ(std::string(doc["id"].GetString()), node.base() + "/users/alice/followers") << path;
        EXPECT_EQ(doc["totalItems"].GetInt64(), 3) << path;
        EXPECT_FALSE(doc.HasMember("first")) << path;
        EXPECT_FALSE(doc.HasMember("orderedItems")) << path;
        EXPECT_EQ(res.body.find("fan"), std::string::npos) << "a follower leaked: " << res.body;
    }
    auto following = parse_document(node.get_activity("/users/alice/following?page=true").body);
    EXPECT_FALSE(following.HasMember("orderedItems"));
    EXPECT_EQ(following["totalItems"].GetInt64(), 0);
    // The outbox is not a follower list.
    auto outbox = parse_document(node.get_activity("/users/alice/outbox").body);
    EXPECT_TRUE(outbox.HasMember("first"));

    activitypub::set_collections_hidden(node.ctx(), "alice", false);
    auto page = parse_document(node.get_activity("/users/alice/followers?page=true").body);
    ASSERT_TRUE(page.HasMember("orderedItems"));
    EXPECT_EQ(page["orderedItems"].Size(), 3u);
}

TEST_F(HiddenCollections, UnknownAccountsAreNotFound) {
    try {
        activitypub::set_collections_hidden(node.ctx(), "nobody", true);
        FAIL() << "no error for an unknown account";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), core::Errc::not_found);
    }
}

}  // namespace
}  // namespace gesso::test
