// Two real nodes over HTTPS on loopback: follows, posts, deletes, unfollows, and the inbox's defences.
#include <gtest/gtest.h>

#include "activitypub/accounts.hpp"
#include "activitypub/federation.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/signatures/http_signatures.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/queues.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using activitypub::OutgoingRequest;
using storage::Connection;

class Federation : public ::testing::Test {
protected:
    Federation() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        alice_uri = pair.a().base() + "/users/alice";
        bob_uri = pair.b().base() + "/users/bob";
    }

    // bob@b follows alice@a and the Accept comes back.
    void bob_follows_alice() {
        activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
        pair.pump();
    }

    std::optional<core::Follow> follow_on(TestNode& node, const std::string& follower, const std::string& target) {
        return node.db().read([&](Connection& c) -> std::optional<core::Follow> {
            auto f = storage::find_account_by_uri(c, follower);
            auto t = storage::find_account_by_uri(c, target);
            if (!f || !t) return std::nullopt;
            return storage::find_follow(c, f->id, t->id);
        });
    }

    std::optional<core::Status> status_on(TestNode& node, const std::string& uri) {
        return node.db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    }

    std::vector<core::Id> home_of(TestNode& node, const core::Account& account) {
        return node.db().read([&](Connection& c) { return storage::home_timeline(c, account.id, std::nullopt, 40); });
    }

    std::int64_t count(TestNode& node, const std::string& sql) {
        return node.db().read([&](Connection& c) {
            auto stmt = c.prepare(sql);
            stmt.step();
            return stmt.int64(0);
        });
    }

    // A POST to `inbox_url` signed by a's `signer` with its real key (cavage), optionally tampered after signing.
    activitypub::IncomingResponse post_signed(const core::Account& signer, const std::string& inbox_url,
                                              const std::string& body, bool tamper = false) {
        auto keys = pair.a().db().read([&](Connection& c) { return storage::find_keys(c, signer.id); });
        OutgoingRequest request;
        request.method = "POST";
        request.url = inbox_url;
        request.body = body;
        request.set_header("Content-Type", "application/activity+json");
        std::string key_id = keys.at(0).key_id, pem = keys.at(0).private_pem;
        request.sign = [&, key_id, pem](OutgoingRequest& r) {
            activitypub::sign_cavage(r, key_id, pem, pair.clock().now());
            if (tamper) r.body += " ";
        };
        return pair.a().client().send(request);
    }

    std::string note_create(const std::string& actor, const std::string& id, const std::string& text) {
        core::JsonWriter w;
        w.begin_object();
        activitypub::write_context(w);
        w.field("id", id + "/activity").field("type", "Create").field("actor", actor);
        w.key("to").begin_array().value(activitypub::kPublic).end_array();
        w.key("object").begin_object().field("id", id).field("type", "Note").field("attributedTo", actor);
        w.field("content", text).key("to").begin_array().value(activitypub::kPublic).end_array().end_object();
        w.end_object();
        return w.str();
    }

    FederationPair pair;
    core::Account alice, bob;
    std::string alice_uri, bob_uri;
};

TEST_F(Federation, FollowIsDeliveredAndAcceptedAutomatically) {
    activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
    auto pending = follow_on(pair.b(), bob_uri, alice_uri);
    ASSERT_TRUE(pending);
    EXPECT_FALSE(pending->accepted);
    pair.pump();
    auto on_a = follow_on(pair.a(), bob_uri, alice_uri);
    ASSERT_TRUE(on_a) << "a never received the Follow";
    EXPECT_TRUE(on_a->accepted);
    EXPECT_TRUE(follow_on(pair.b(), bob_uri, alice_uri)->accepted) << "b never received the Accept";
    // a fetched bob's actor (signed GET) and knows his inbox; alice's followers collection lists him.
    // (b's GET is signed by its instance actor: a answers only signed fetches.)
    auto followers = activitypub::fetch_document(pair.b().ctx(), alice_uri + "/followers?page=true");
    ASSERT_TRUE(followers.HasMember("orderedItems") && followers["orderedItems"].IsArray());
    ASSERT_EQ(followers["orderedItems"].Size(), 1u);
    EXPECT_EQ(std::string(followers["orderedItems"][0].GetString()), bob_uri);
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM deliveries"), 0);
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM outbox_jobs"), 0);
}

TEST_F(Federation, FollowOfALockedAccountStaysPending) {
    pair.a().db().write([&](Connection& c) {
        c.prepare("UPDATE accounts SET locked = 1 WHERE id = ?").bind(1, alice.id).run();
    });
    bob_follows_alice();
    auto on_a = follow_on(pair.a(), bob_uri, alice_uri);
    ASSERT_TRUE(on_a);
    EXPECT_FALSE(on_a->accepted);
    EXPECT_FALSE(follow_on(pair.b(), bob_uri, alice_uri)->accepted);
}

TEST_F(Federation, PublicPostReachesTheFollowersHomeTimeline) {
    bob_follows_alice();
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>a new painting</p>");
    pair.pump();
    auto copy = status_on(pair.b(), post.uri);
    ASSERT_TRUE(copy) << "the Create never arrived";
    EXPECT_EQ(copy->content, "<p>a new painting</p>");
    EXPECT_EQ(copy->visibility, core::Visibility::public_);
    EXPECT_FALSE(copy->local);
    auto home = home_of(pair.b(), bob);
    ASSERT_EQ(home.size(), 1u);
    EXPECT_EQ(home[0], copy->id);
}

TEST_F(Federation, FollowersOnlyPostsReachFollowersAndDirectPostsAreNotFannedOut) {
    bob_follows_alice();
    core::Status private_post =
        activitypub::publish_note(pair.a().ctx(), alice, "<p>for followers</p>", core::Visibility::followers);
    core::Status direct = activitypub::publish_note(pair.a().ctx(), alice, "<p>to nobody</p>", core::Visibility::direct);
    pair.pump();
    auto copy = status_on(pair.b(), private_post.uri);
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->visibility, core::Visibility::followers);
    EXPECT_FALSE(status_on(pair.b(), direct.uri));
}

TEST_F(Federation, PostsFromAccountsNobodyFollowsGoNowhere) {
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>hello?</p>");
    pair.pump();
    EXPECT_FALSE(status_on(pair.b(), post.uri));
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM outbox_jobs"), 0);
}

TEST_F(Federation, DeletedPostsDisappearFromTheFollower) {
    bob_follows_alice();
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>oops</p>");
    pair.pump();
    ASSERT_TRUE(status_on(pair.b(), post.uri));
    activitypub::delete_local_status(pair.a().ctx(), alice, post.id);
    pair.pump();
    EXPECT_FALSE(status_on(pair.b(), post.uri));
    EXPECT_TRUE(home_of(pair.b(), bob).empty());
}

TEST_F(Federation, UnfollowRemovesTheFollowOnBothSides) {
    bob_follows_alice();
    ASSERT_TRUE(follow_on(pair.a(), bob_uri, alice_uri));
    EXPECT_TRUE(activitypub::unfollow_account(pair.b().ctx(), bob, alice_uri));
    pair.pump();
    EXPECT_FALSE(follow_on(pair.b(), bob_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.a(), bob_uri, alice_uri));
}

TEST_F(Federation, RedeliveryDoesNotDuplicate) {
    std::string body = note_create(alice_uri, alice_uri + "/statuses/1", "<p>once</p>");
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", body).status, 202);
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/users/bob/inbox", body).status, 202);
    pair.pump();
    EXPECT_TRUE(status_on(pair.b(), alice_uri + "/statuses/1"));
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM statuses WHERE local = 0"), 1);
}

TEST_F(Federation, ForgedSpoofedAndUnsignedPostsAreRejectedAndStoreNothing) {
    std::string body = note_create(alice_uri, alice_uri + "/statuses/2", "<p>forged</p>");
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", body, /*tamper=*/true).status, 401);

    auto carol = pair.a().create_account("carol");
    std::string spoofed = note_create(pair.a().base() + "/users/carol", pair.a().base() + "/users/carol/statuses/3",
                                      "<p>I am carol, honest</p>");
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", spoofed).status, 401);

    OutgoingRequest unsigned_post;
    unsigned_post.method = "POST";
    unsigned_post.url = pair.b().base() + "/inbox";
    unsigned_post.body = body;
    unsigned_post.set_header("Content-Type", "application/activity+json");
    auto res = pair.a().client().send(unsigned_post);
    EXPECT_EQ(res.status, 401);
    EXPECT_NE(res.body.find("\"error\""), std::string::npos);

    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM inbox_jobs"), 0);
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM seen_activities"), 0);
    pair.pump();
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM statuses WHERE local = 0"), 0);
}

TEST_F(Federation, MalformedInboxBodiesAreClearErrors) {
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", "{not json").status, 400);
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", std::string(40, '[') + std::string(40, ']')).status, 400);
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", "{\"type\":\"Create\"}").status, 422);
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/users/nobody/inbox", note_create(alice_uri, alice_uri + "/s/9", "x"))
                  .status,
              404);
}

TEST_F(Federation, SuspendedDomainsAreRefusedBothWays) {
    bob_follows_alice();
    activitypub::follow_account(pair.a().ctx(), alice, bob_uri);
    pair.pump();
    ASSERT_TRUE(follow_on(pair.b(), alice_uri, bob_uri)->accepted);
    pair.b().db().write([&](Connection& c) {
        storage::upsert_domain_block(c, {pair.b().ctx().ids.next(), pair.a().domain(), core::DomainSeverity::suspend,
                                         "spam", pair.clock().now()});
    });
    std::string body = note_create(alice_uri, alice_uri + "/statuses/4", "<p>blocked</p>");
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", body).status, 403);
    // Nothing goes from b to a either, though alice follows bob.
    activitypub::publish_note(pair.b().ctx(), bob, "<p>to the blocked</p>");
    pair.pump();
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM deliveries"), 0);
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM statuses WHERE local = 0"), 0);
}

TEST_F(Federation, ActorFetchesAreSignedAndVerifiedUnderAuthorizedFetch) {
    ASSERT_TRUE(pair.a().ctx().settings.authorized_fetch);  // the default
    core::Account fetched = activitypub::remote_actor(pair.b().ctx(), alice_uri, activitypub::FetchMode::refresh);
    EXPECT_EQ(fetched.uri, alice_uri);
    // To verify b's signature, a fetched the key of b's instance actor (exempt from the rule, or nobody could).
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM accounts WHERE uri = '" + pair.b().base() + "/actor'"), 1);
}

TEST_F(Federation, ASuspendedDomainCannotFetchOurActors) {
    pair.a().db().write([&](Connection& c) {
        storage::upsert_domain_block(c, {pair.a().ctx().ids.next(), "b.test", core::DomainSeverity::suspend, "",
                                         pair.clock().now()});
    });
    try {
        activitypub::remote_actor(pair.b().ctx(), alice_uri, activitypub::FetchMode::refresh);
        FAIL() << "a answered a suspended domain";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), core::Errc::forbidden) << e.what();
    }
}

TEST_F(Federation, AllowlistModeRefusesOtherDomainsBothWaysUntilAllowed) {
    bob_follows_alice();
    activitypub::follow_account(pair.a().ctx(), alice, bob_uri);
    pair.pump();
    ASSERT_TRUE(follow_on(pair.b(), alice_uri, bob_uri)->accepted);
    pair.b().ctx().settings.federation_mode = storage::FederationMode::allowlist;
    std::string body = note_create(alice_uri, alice_uri + "/statuses/5", "<p>not on the list</p>");
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", body).status, 403);
    activitypub::publish_note(pair.b().ctx(), bob, "<p>allowlisted only</p>");
    pair.pump();
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM deliveries"), 0);
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM statuses WHERE local = 0"), 0);
    // Allowing the domain (any port of a.test) lets everything through again.
    pair.b().db().write([&](Connection& c) { storage::allow_domain(c, "a.test", pair.clock().now()); });
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", body).status, 202);
    core::Status later = activitypub::publish_note(pair.b().ctx(), bob, "<p>welcome</p>");
    pair.pump();
    EXPECT_TRUE(status_on(pair.a(), later.uri));
    EXPECT_TRUE(status_on(pair.b(), alice_uri + "/statuses/5"));
}

TEST_F(Federation, RejectMediaKeepsThePostAndDropsItsAttachments) {
    auto create_with_image = [&](const std::string& id) {
        core::JsonWriter w;
        w.begin_object();
        activitypub::write_context(w);
        w.field("id", id + "/activity").field("type", "Create").field("actor", alice_uri);
        w.key("to").begin_array().value(activitypub::kPublic).end_array();
        w.key("object").begin_object().field("id", id).field("type", "Note").field("attributedTo", alice_uri);
        w.field("content", "<p>a drawing</p>").key("to").begin_array().value(activitypub::kPublic).end_array();
        w.key("attachment").begin_array().begin_object().field("type", "Document").field("mediaType", "image/png");
        w.field("url", pair.a().base() + "/media/" + id.substr(id.rfind('/') + 1) + ".png").field("name", "alt text");
        w.end_object().end_array().end_object();
        w.end_object();
        return w.str();
    };
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", create_with_image(alice_uri + "/statuses/21")).status,
              202);
    pair.pump();
    ASSERT_TRUE(status_on(pair.b(), alice_uri + "/statuses/21"));
    ASSERT_EQ(count(pair.b(), "SELECT count(*) FROM media"), 1);
    pair.b().db().write([&](Connection& c) {
        core::DomainBlock block{pair.b().ctx().ids.next(), "a.test", core::DomainSeverity::none, "", pair.clock().now()};
        block.reject_media = true;
        storage::upsert_domain_block(c, block);
    });
    EXPECT_EQ(post_signed(alice, pair.b().base() + "/inbox", create_with_image(alice_uri + "/statuses/22")).status,
              202);
    pair.pump();
    EXPECT_TRUE(status_on(pair.b(), alice_uri + "/statuses/22")) << "the post itself is kept";
    EXPECT_EQ(count(pair.b(), "SELECT count(*) FROM media"), 1) << "its attachment is not";
}

TEST_F(Federation, DeliveriesToADownServerAreRetriedUntilItAnswers) {
    bob_follows_alice();
    // a cannot reach b for a while: its resolver points b.test at a closed port.
    pair.a().enable_federation(pair.certificates().ca_file.string(),
                               {pair.b().domain() + "=127.0.0.1:1"});
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>patience</p>");
    pair.pump();
    EXPECT_FALSE(status_on(pair.b(), post.uri));
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM deliveries"), 1);
    EXPECT_EQ(count(pair.a(), "SELECT attempts FROM deliveries"), 1);
    // b is back; the retry is not due yet, then it is.
    pair.a().enable_federation(pair.certificates().ca_file.string(),
                               {pair.b().domain() + "=127.0.0.1:" + std::to_string(pair.b().port())});
    pair.pump();
    EXPECT_FALSE(status_on(pair.b(), post.uri));
    pair.clock().advance(std::chrono::minutes(2));
    pair.pump();
    EXPECT_TRUE(status_on(pair.b(), post.uri));
    EXPECT_EQ(count(pair.a(), "SELECT count(*) FROM deliveries"), 0);
}

}  // namespace
}  // namespace gesso::test
