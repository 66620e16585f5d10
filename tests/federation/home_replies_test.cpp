// Replies in home timelines fed over real federation (two nodes over HTTPS on loopback), as Mastodon's
// FeedManager decides: a reply by someone followed reaches a follower's home only when the follower also follows
// whom it answers, or it answers the follower, or its own author (a thread).
#include <gtest/gtest.h>

#include <algorithm>

#include "activitypub/accounts.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/posting.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class HomeReplies : public ::testing::Test {
protected:
    HomeReplies() {
        alice = pair.a().create_account("alice");
        carol = pair.a().create_account("carol");
        bob = pair.b().create_account("bob");
    }

    // bob@b follows `local`@a and the Accept comes back.
    void bob_follows(const std::string& local) {
        activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/" + local);
        pair.pump();
    }
    core::Status reply(const core::Account& author, const core::Status& parent, const std::string& text) {
        activitypub::PostDraft d;
        d.text = text;
        d.in_reply_to_id = parent.id;
        core::Status s = activitypub::publish_status(pair.a().ctx(), author, d);
        pair.pump();
        return s;
    }
    // The uris of bob's home timeline on b, newest first.
    std::vector<std::string> bobs_home() {
        return pair.b().db().read([&](Connection& c) {
            std::vector<std::string> out;
            for (core::Id id : storage::home_timeline(c, bob.id, std::nullopt, 40)) {
                if (auto s = storage::find_status(c, id)) out.push_back(s->uri);
            }
            return out;
        });
    }

    FederationPair pair;
    core::Account alice, carol, bob;
};

TEST_F(HomeReplies, RepliesToAccountsTheReaderDoesNotFollowStayOutOfHome) {
    bob_follows("alice");
    core::Status carols = activitypub::publish_note(pair.a().ctx(), carol, "<p>a sketch</p>");
    core::Status alices = activitypub::publish_note(pair.a().ctx(), alice, "<p>a painting</p>");
    pair.pump();
    core::Status to_carol = reply(alice, carols, "nice sketch @carol");
    core::Status thread = reply(alice, alices, "and a detail of it");
    EXPECT_EQ(bobs_home(), (std::vector<std::string>{thread.uri, alices.uri}));
    (void)to_carol;

    // Once bob follows carol too, alice's replies to carol reach him (and carol's posts themselves).
    bob_follows("carol");
    core::Status carols_next = activitypub::publish_note(pair.a().ctx(), carol, "<p>another sketch</p>");
    pair.pump();
    core::Status again = reply(alice, carols_next, "this one too @carol");
    EXPECT_EQ(bobs_home(), (std::vector<std::string>{again.uri, carols_next.uri, thread.uri, alices.uri}));
}

TEST_F(HomeReplies, AKnownParentByAnAccountNoLongerFollowedKeepsTheReplyOut) {
    bob_follows("alice");
    bob_follows("carol");
    core::Status carols = activitypub::publish_note(pair.a().ctx(), carol, "<p>a sketch</p>");
    pair.pump();
    ASSERT_EQ(bobs_home(), std::vector<std::string>{carols.uri});  // b knows carol's post
    activitypub::unfollow_account(pair.b().ctx(), bob, pair.a().base() + "/users/carol");
    pair.pump();
    core::Status to_carol = reply(alice, carols, "nice sketch");
    auto copy = pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, to_carol.uri); });
    ASSERT_TRUE(copy) << "the reply never reached b";
    ASSERT_TRUE(copy->in_reply_to_id) << "b knows the parent";
    auto home = bobs_home();
    EXPECT_EQ(std::count(home.begin(), home.end(), to_carol.uri), 0);
}

TEST_F(HomeReplies, ARemoteReplyToTheReaderReachesTheirHome) {
    bob_follows("alice");
    // bob posts on b; alice@a replies to it (a fetches the parent to reply), and the reply comes back to b.
    activitypub::follow_account(pair.a().ctx(), alice, pair.b().base() + "/users/bob");
    pair.pump();
    core::Status bobs = activitypub::publish_note(pair.b().ctx(), bob, "<p>my first piece</p>");
    pair.pump();
    auto parent_on_a = pair.a().db().read([&](Connection& c) { return storage::find_status_by_uri(c, bobs.uri); });
    ASSERT_TRUE(parent_on_a) << "bob's post never reached a";
    core::Status answer = reply(alice, *parent_on_a, "welcome");
    auto home = bobs_home();
    ASSERT_FALSE(home.empty());
    EXPECT_EQ(home.front(), answer.uri);
}

}  // namespace
}  // namespace gesso::test
