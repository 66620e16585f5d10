// Likes and boosts between two real nodes, and their Undo.
#include <gtest/gtest.h>

#include "activitypub/outbox.hpp"
#include "activitypub/reactions.hpp"
#include "storage/accounts.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class Reactions : public ::testing::Test {
protected:
    Reactions() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
    }
    std::string uri_of(TestNode& node, const std::string& name) { return node.base() + "/users/" + name; }

    // The id on `node` of the status with `uri`.
    core::Id local_id(TestNode& node, const std::string& uri) {
        auto s = node.db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
        EXPECT_TRUE(s) << uri << " is not on " << node.domain();
        return s ? s->id : 0;
    }
    std::int64_t favourites(TestNode& node, core::Id status) {
        return node.db().read([&](Connection& c) { return storage::count_favourites(c, status); });
    }
    std::int64_t reblogs(TestNode& node, core::Id status) {
        return node.db().read([&](Connection& c) { return storage::count_reblogs(c, status); });
    }

    FederationPair pair;
    core::Account alice, bob;
};

TEST_F(Reactions, ALikeReachesTheAuthorAndCanBeUndone) {
    activitypub::follow_account(pair.b().ctx(), bob, uri_of(pair.a(), "alice"));
    pair.pump();
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>like me</p>");
    pair.pump();
    core::Id on_b = local_id(pair.b(), post.uri);
    activitypub::favourite_status(pair.b().ctx(), bob, on_b);
    activitypub::favourite_status(pair.b().ctx(), bob, on_b);  // idempotent
    pair.pump();
    EXPECT_EQ(favourites(pair.a(), post.id), 1);
    EXPECT_TRUE(activitypub::unfavourite_status(pair.b().ctx(), bob, on_b));
    EXPECT_FALSE(activitypub::unfavourite_status(pair.b().ctx(), bob, on_b));
    pair.pump();
    EXPECT_EQ(favourites(pair.a(), post.id), 0);
}

TEST_F(Reactions, ABoostReachesTheAuthorAndTheBoostersFollowers) {
    auto carol = pair.a().create_account("carol");
    activitypub::follow_account(pair.b().ctx(), bob, uri_of(pair.a(), "alice"));
    activitypub::follow_account(pair.a().ctx(), carol, uri_of(pair.b(), "bob"));
    pair.pump();
    core::Status post = activitypub::publish_note(pair.a().ctx(), alice, "<p>boost me</p>");
    pair.pump();
    core::Status boost = activitypub::reblog_status(pair.b().ctx(), bob, local_id(pair.b(), post.uri));
    EXPECT_EQ(activitypub::reblog_status(pair.b().ctx(), bob, local_id(pair.b(), post.uri)).id, boost.id);
    pair.pump();
    EXPECT_EQ(reblogs(pair.a(), post.id), 1);
    // carol follows bob: the boost is in her home timeline, pointing at alice's post.
    auto home = pair.a().db().read([&](Connection& c) { return storage::home_timeline(c, carol.id, std::nullopt, 10); });
    ASSERT_FALSE(home.empty());
    auto top = pair.a().db().read([&](Connection& c) { return storage::find_status(c, home[0]); });
    ASSERT_TRUE(top);
    EXPECT_EQ(top->reblog_of_id, post.id);

    EXPECT_TRUE(activitypub::unreblog_status(pair.b().ctx(), bob, local_id(pair.b(), post.uri)));
    pair.pump();
    EXPECT_EQ(reblogs(pair.a(), post.id), 0);
}

TEST_F(Reactions, ABoostOfAnUnseenPostFetchesThePostFromItsServer) {
    auto dave = pair.b().create_account("dave");
    activitypub::follow_account(pair.a().ctx(), alice, uri_of(pair.b(), "bob"));
    pair.pump();
    core::Status daves = activitypub::publish_note(pair.b().ctx(), dave, "<p>nobody on a follows me</p>");
    pair.pump();
    EXPECT_FALSE(pair.a().db().read([&](Connection& c) { return storage::find_status_by_uri(c, daves.uri); }));
    activitypub::reblog_status(pair.b().ctx(), bob, daves.id);
    pair.pump();
    auto fetched = pair.a().db().read([&](Connection& c) { return storage::find_status_by_uri(c, daves.uri); });
    ASSERT_TRUE(fetched) << "a did not fetch the boosted post";
    EXPECT_EQ(fetched->content, "<p>nobody on a follows me</p>");
    auto author = pair.a().db().read([&](Connection& c) { return storage::find_account(c, fetched->account_id); });
    ASSERT_TRUE(author);
    EXPECT_EQ(author->uri, uri_of(pair.b(), "dave"));
    EXPECT_EQ(reblogs(pair.a(), fetched->id), 1);
}

TEST_F(Reactions, PrivatePostsCannotBeBoosted) {
    core::Status secret = activitypub::publish_note(pair.a().ctx(), alice, "<p>shh</p>", core::Visibility::followers);
    EXPECT_THROW(activitypub::reblog_status(pair.a().ctx(), alice, secret.id), core::Error);
}

}  // namespace
}  // namespace gesso::test
