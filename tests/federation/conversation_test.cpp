// Two real nodes: rich posts (mentions, hashtags, images with alt text, polls), replies, edits, follow
// requests, blocks, pins, profile updates and reports, end to end over HTTPS.
#include <gtest/gtest.h>

#include "activitypub/outbox.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/relationships.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"
#include "core/error.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "storage/post_details.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"
#include "support/expect_error.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using activitypub::PostDraft;
using storage::Connection;

class Conversation : public ::testing::Test {
protected:
    Conversation() {
        alice = pair.a().create_account("alice", true);
        bob = pair.b().create_account("bob");
        alice_uri = pair.a().base() + "/users/alice";
        bob_uri = pair.b().base() + "/users/bob";
    }

    void bob_follows_alice() {
        activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
        pair.pump();
    }

    core::Status post(TestNode& node, const core::Account& author, const std::string& text,
                      core::Visibility visibility = core::Visibility::public_) {
        PostDraft draft;
        draft.text = text;
        draft.visibility = visibility;
        core::Status s = activitypub::publish_status(node.ctx(), author, draft);
        pair.pump();
        return s;
    }

    template <typename F>
    auto on(TestNode& node, F&& f) {
        return node.db().write([&](Connection& c) { return f(c); });
    }
    std::optional<core::Status> status_on(TestNode& node, const std::string& uri) {
        return on(node, [&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    }
    core::Account account_on(TestNode& node, const std::string& uri) {
        auto a = on(node, [&](Connection& c) { return storage::find_account_by_uri(c, uri); });
        EXPECT_TRUE(a) << uri;
        return a.value_or(core::Account{});
    }
    std::vector<core::Notification> notifications(TestNode& node, const core::Account& who) {
        return on(node, [&](Connection& c) { return storage::list_notifications(c, who.id, std::nullopt, 40); });
    }
    std::optional<core::Follow> follow_on(TestNode& node, const std::string& follower, const std::string& target) {
        return on(node, [&](Connection& c) -> std::optional<core::Follow> {
            auto f = storage::find_account_by_uri(c, follower);
            auto t = storage::find_account_by_uri(c, target);
            if (!f || !t) return std::nullopt;
            return storage::find_follow(c, f->id, t->id);
        });
    }

    FederationPair pair;
    core::Account alice, bob;
    std::string alice_uri, bob_uri;
};

TEST_F(Conversation, APostWithAnImageMentionsAndTagsArrivesWhole) {
    bob_follows_alice();
    core::MediaAttachment image;
    image.id = pair.a().ctx().ids.next();
    image.account_id = alice.id;
    image.file_path = "ab/cd/painting.png";
    image.mime_type = "image/png";
    image.description = "A fox in oils, orange on blue";
    image.blurhash = "LEHV6nWB2yk8pyo0adR*.7kCMdnj";
    image.width = 1600;
    image.height = 1200;
    image.focus_x = -0.25;
    image.focus_y = 0.5;
    image.created_at = pair.clock().now();
    on(pair.a(), [&](Connection& c) { storage::insert_media(c, image); return 0; });

    PostDraft draft;
    draft.text = "New #OilPainting for @bob@" + pair.b().domain() + " #art";
    draft.spoiler_text = "eye contact";
    draft.media_ids = {image.id};
    core::Status sent = activitypub::publish_status(pair.a().ctx(), alice, draft);
    pair.pump();

    auto got = status_on(pair.b(), sent.uri);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->spoiler_text, "eye contact");
    EXPECT_TRUE(got->sensitive);
    EXPECT_NE(got->content.find("class=\"u-url mention\""), std::string::npos);
    auto media = on(pair.b(), [&](Connection& c) { return storage::find_status_media(c, got->id); });
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].remote_url, pair.a().base() + "/media/ab/cd/painting.png");
    EXPECT_EQ(media[0].description, image.description);
    EXPECT_EQ(media[0].blurhash, image.blurhash);
    EXPECT_EQ(media[0].type, "image");
    EXPECT_EQ(media[0].width, 1600);
    EXPECT_DOUBLE_EQ(media[0].focus_x, -0.25);
    EXPECT_DOUBLE_EQ(media[0].focus_y, 0.5);
    auto tags = on(pair.b(), [&](Connection& c) { return storage::find_tags(c, got->id); });
    EXPECT_EQ(tags, (std::vector<std::string>{"art", "OilPainting"}));
    auto mentions = on(pair.b(), [&](Connection& c) { return storage::find_mentions(c, got->id); });
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].account_id, bob.id);

    auto home = on(pair.b(), [&](Connection& c) { return storage::home_timeline(c, bob.id, std::nullopt, 10); });
    EXPECT_EQ(home, std::vector<core::Id>{got->id});
    auto n = notifications(pair.b(), bob);
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].type, "mention");
    EXPECT_EQ(n[0].status_id, got->id);
}

TEST_F(Conversation, ADirectMessageReachesOnlyTheMentionedAccount) {
    core::Account carol = pair.b().create_account("carol");
    activitypub::follow_account(pair.b().ctx(), carol, alice_uri);
    pair.pump();
    core::Status dm = post(pair.a(), alice, "psst @bob@" + pair.b().domain(), core::Visibility::direct);
    auto got = status_on(pair.b(), dm.uri);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->visibility, core::Visibility::direct);
    EXPECT_EQ(on(pair.b(), [&](Connection& c) { return storage::home_timeline(c, bob.id, std::nullopt, 10); }).size(), 1u);
    EXPECT_TRUE(on(pair.b(), [&](Connection& c) { return storage::home_timeline(c, carol.id, std::nullopt, 10); }).empty());
}

TEST_F(Conversation, RepliesThreadOnBothSidesAndNotifyTheAuthor) {
    bob_follows_alice();
    core::Status original = post(pair.a(), alice, "What should I paint next?");
    auto original_on_b = status_on(pair.b(), original.uri);
    ASSERT_TRUE(original_on_b);
    PostDraft reply;
    reply.text = "@alice@" + pair.a().domain() + " a heron!";
    reply.in_reply_to_id = original_on_b->id;
    core::Status sent = activitypub::publish_status(pair.b().ctx(), bob, reply);
    pair.pump();
    EXPECT_EQ(sent.in_reply_to_uri, original.uri);
    auto got = status_on(pair.a(), sent.uri);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->in_reply_to_id, original.id);
    auto replies = on(pair.a(), [&](Connection& c) { return storage::list_replies(c, original.id, 10); });
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].uri, sent.uri);
    auto n = notifications(pair.a(), alice);
    ASSERT_FALSE(n.empty());
    EXPECT_EQ(n[0].type, "mention");
}

TEST_F(Conversation, EditsReplaceTextAndTagsOnTheFollowersCopy) {
    bob_follows_alice();
    core::Status s = post(pair.a(), alice, "Sketch #wip");
    PostDraft edit;
    edit.text = "Finished piece #done";
    activitypub::edit_status(pair.a().ctx(), alice, s.id, edit);
    pair.pump();
    auto got = status_on(pair.b(), s.uri);
    ASSERT_TRUE(got);
    EXPECT_NE(got->content.find("Finished piece"), std::string::npos);
    EXPECT_TRUE(got->edited_at);
    EXPECT_EQ(on(pair.b(), [&](Connection& c) { return storage::find_tags(c, got->id); }), std::vector<std::string>{"done"});
    // Nobody else may edit it.
    EXPECT_EQ(error_code([&] { activitypub::edit_status(pair.b().ctx(), bob, got->id, edit); }), core::Errc::not_found);
}

TEST_F(Conversation, ALockedAccountApprovesOneRequestAndRejectsAnother) {
    on(pair.a(), [&](Connection& c) { c.prepare("UPDATE accounts SET locked = 1 WHERE id = ?").bind(1, alice.id).run(); return 0; });
    core::Account carol = pair.b().create_account("carol");
    std::string carol_uri = pair.b().base() + "/users/carol";
    activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
    activitypub::follow_account(pair.b().ctx(), carol, alice_uri);
    pair.pump();
    auto requests = notifications(pair.a(), alice);
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].type, "follow_request");

    activitypub::authorize_follow_request(pair.a().ctx(), alice, account_on(pair.a(), bob_uri).id);
    activitypub::reject_follow_request(pair.a().ctx(), alice, account_on(pair.a(), carol_uri).id);
    pair.pump();
    EXPECT_TRUE(follow_on(pair.b(), bob_uri, alice_uri)->accepted);
    EXPECT_TRUE(follow_on(pair.a(), bob_uri, alice_uri)->accepted);
    EXPECT_FALSE(follow_on(pair.b(), carol_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.a(), carol_uri, alice_uri));
    EXPECT_EQ(error_code([&] { activitypub::authorize_follow_request(pair.a().ctx(), alice, account_on(pair.a(), carol_uri).id); }), core::Errc::not_found);
    auto types = notifications(pair.a(), alice);
    ASSERT_EQ(types.size(), 1u);  // the requests are gone, the approved one is now a follow
    EXPECT_EQ(types[0].type, "follow");
}

TEST_F(Conversation, ABlockEndsFollowsBothWaysAndRefusesNewOnes) {
    bob_follows_alice();
    activitypub::follow_account(pair.a().ctx(), alice, bob_uri);
    pair.pump();
    ASSERT_TRUE(follow_on(pair.b(), alice_uri, bob_uri));
    activitypub::block_account(pair.a().ctx(), alice, account_on(pair.a(), bob_uri).id);
    pair.pump();
    EXPECT_FALSE(follow_on(pair.a(), bob_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.b(), bob_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.b(), alice_uri, bob_uri));
    core::Account alice_on_b = account_on(pair.b(), alice_uri);
    EXPECT_TRUE(on(pair.b(), [&](Connection& c) { return storage::find_block(c, alice_on_b.id, bob.id).has_value(); }));

    // bob's server knows of the block and refuses to follow; a server that forgot it is answered with a Reject,
    // which drops the pending follow there too.
    EXPECT_EQ(error_code([&] { activitypub::follow_account(pair.b().ctx(), bob, alice_uri); }), core::Errc::forbidden);
    on(pair.b(), [&](Connection& c) { return storage::delete_block(c, alice_on_b.id, bob.id); });
    activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
    pair.pump();
    EXPECT_FALSE(follow_on(pair.a(), bob_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.b(), bob_uri, alice_uri));

    on(pair.b(), [&](Connection& c) { return storage::insert_block(c, {99, alice_on_b.id, bob.id, "", pair.clock().now()}); });
    activitypub::unblock_account(pair.a().ctx(), alice, account_on(pair.a(), bob_uri).id);
    pair.pump();
    EXPECT_FALSE(on(pair.b(), [&](Connection& c) { return storage::find_block(c, alice_on_b.id, bob.id).has_value(); }));
    bob_follows_alice();
    EXPECT_TRUE(follow_on(pair.a(), bob_uri, alice_uri));
}

TEST_F(Conversation, PinsAreFeaturedOnTheProfileAndFollowTheAuthorsChanges) {
    bob_follows_alice();
    core::Status s = post(pair.a(), alice, "My best work");
    activitypub::pin_status(pair.a().ctx(), alice, s.id);
    pair.pump();
    core::Account alice_on_b = account_on(pair.b(), alice_uri);
    auto pinned = [&] { return on(pair.b(), [&](Connection& c) { return storage::pinned_status_ids(c, alice_on_b.id, 10); }); };
    ASSERT_EQ(pinned().size(), 1u);
    EXPECT_EQ(pinned()[0], status_on(pair.b(), s.uri)->id);

    core::Status hidden = post(pair.a(), alice, "followers only", core::Visibility::followers);
    EXPECT_EQ(error_code([&] { activitypub::pin_status(pair.a().ctx(), alice, hidden.id); }), core::Errc::unprocessable);

    EXPECT_TRUE(activitypub::unpin_status(pair.a().ctx(), alice, s.id));
    pair.pump();
    EXPECT_TRUE(pinned().empty());
}

TEST_F(Conversation, ProfileUpdatesReachFollowers) {
    bob_follows_alice();
    on(pair.a(), [&](Connection& c) {
        c.prepare("UPDATE accounts SET display_name = 'Alice Painter' WHERE id = ?").bind(1, alice.id).run();
        return 0;
    });
    activitypub::publish_profile_update(pair.a().ctx(), alice);
    pair.pump();
    EXPECT_EQ(account_on(pair.b(), alice_uri).display_name, "Alice Painter");
}

TEST_F(Conversation, AMovedAccountTakesItsFollowersAlong) {
    bob_follows_alice();
    core::Account nova = pair.a().create_account("nova");
    std::string nova_uri = pair.a().base() + "/users/nova";
    // Without the alias on the new account the move is refused.
    EXPECT_EQ(error_code([&] { activitypub::move_account(pair.a().ctx(), alice, nova_uri); }), core::Errc::unprocessable);
    activitypub::set_aliases(pair.a().ctx(), nova, {alice_uri});
    activitypub::move_account(pair.a().ctx(), alice, nova_uri);
    pair.pump();
    auto moved = follow_on(pair.a(), bob_uri, nova_uri);
    ASSERT_TRUE(moved);
    EXPECT_TRUE(moved->accepted);
    EXPECT_FALSE(follow_on(pair.a(), bob_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.b(), bob_uri, alice_uri));
    core::Account alice_on_b = account_on(pair.b(), alice_uri);
    auto profile = on(pair.b(), [&](Connection& c) { return storage::find_profile(c, alice_on_b.id); });
    EXPECT_EQ(profile.moved_to_account_id, account_on(pair.b(), nova_uri).id);
    auto n = notifications(pair.b(), bob);
    ASSERT_FALSE(n.empty());
    EXPECT_EQ(n[0].type, "move");
}

TEST_F(Conversation, AMoveToAnAccountThatDoesNotClaimTheMoverIsIgnored) {
    bob_follows_alice();
    core::Account nova = pair.a().create_account("nova");
    // Forged: the Move is sent although nova never named alice as an alias.
    on(pair.a(), [&](Connection& c) {
        storage::set_moved_to(c, alice.id, nova.id);
        return 0;
    });
    core::JsonWriter w;
    w.begin_object();
    activitypub::write_context(w);
    w.field("id", alice_uri + "#moves/forged").field("type", "Move").field("actor", alice_uri).field("object", alice_uri);
    w.field("target", pair.a().base() + "/users/nova").end_object();
    pair.a().db().write([&](Connection& c) {
        activitypub::enqueue_activity(pair.a().ctx(), c, alice, alice_uri + "#moves/forged", w.str(), {true, {}});
    });
    pair.pump();
    EXPECT_TRUE(follow_on(pair.b(), bob_uri, alice_uri));
    EXPECT_FALSE(follow_on(pair.b(), bob_uri, pair.a().base() + "/users/nova"));
}

TEST_F(Conversation, AForwardedReportBecomesAReportForTheOtherServersAdmins) {
    bob_follows_alice();
    core::Status s = post(pair.a(), alice, "spam spam spam");
    auto on_b = status_on(pair.b(), s.uri);
    ASSERT_TRUE(on_b);
    activitypub::file_report(pair.b().ctx(), bob, account_on(pair.b(), alice_uri).id, {on_b->id}, "this is spam", true);
    pair.pump();
    auto reports = on(pair.a(), [&](Connection& c) { return storage::list_open_reports(c, 10); });
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].target_account_id, alice.id);
    EXPECT_EQ(reports[0].status_ids, std::vector<core::Id>{s.id});
    EXPECT_EQ(reports[0].comment, "this is spam");
    // The reporter's identity stays on b: a's report comes from b's instance actor.
    EXPECT_EQ(on(pair.a(), [&](Connection& c) { return storage::find_account(c, reports[0].account_id); })->actor_type,
              "Application");
    auto n = notifications(pair.a(), alice);  // alice is a's admin
    ASSERT_FALSE(n.empty());
    EXPECT_EQ(n[0].type, "admin.report");
}

TEST_F(Conversation, RemotePollsArriveAndLocalPollsCountRemoteVotes) {
    bob_follows_alice();
    PostDraft draft;
    draft.text = "Which palette?";
    draft.poll = activitypub::PollDraft{{"warm", "cold"}, false, std::chrono::hours(24)};
    core::Status poll = activitypub::publish_status(pair.a().ctx(), alice, draft);
    pair.pump();
    auto got = status_on(pair.b(), poll.uri);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->object_type, "Question");
    auto remote_poll = on(pair.b(), [&](Connection& c) { return storage::find_poll(c, got->id); });
    ASSERT_TRUE(remote_poll);
    ASSERT_EQ(remote_poll->options.size(), 2u);
    EXPECT_EQ(remote_poll->options[1].title, "cold");

    activitypub::vote_in_poll(pair.b().ctx(), bob, got->id, {1});
    pair.pump();
    auto counted = on(pair.a(), [&](Connection& c) { return storage::find_poll(c, poll.id); });
    ASSERT_TRUE(counted);
    EXPECT_EQ(counted->options[0].votes, 0);
    EXPECT_EQ(counted->options[1].votes, 1);
    EXPECT_EQ(counted->voters_count, 1);
    EXPECT_TRUE(on(pair.a(), [&](Connection& c) { return storage::list_replies(c, poll.id, 10); }).empty());  // not a post
    EXPECT_EQ(error_code([&] { activitypub::vote_in_poll(pair.b().ctx(), bob, got->id, {0}); }), core::Errc::unprocessable);
    pair.clock().advance(std::chrono::hours(25));
    EXPECT_EQ(error_code([&] { activitypub::vote_in_poll(pair.a().ctx(), alice, poll.id, {0}); }), core::Errc::unprocessable);

    EXPECT_EQ(error_code([&] {
            PostDraft bad;
            bad.text = "x";
            bad.poll = activitypub::PollDraft{{"only one"}, false, std::chrono::hours(1)};
            activitypub::publish_status(pair.a().ctx(), alice, bad);
        }), core::Errc::unprocessable);
}

TEST_F(Conversation, DraftsAreCheckedBeforeAnythingIsStored) {
    auto before = on(pair.a(), [&](Connection& c) { auto s = c.prepare("SELECT count(*) FROM statuses"); s.step(); return s.int64(0); });
    PostDraft blank;
    blank.text = "   ";
    EXPECT_EQ(error_code([&] { activitypub::publish_status(pair.a().ctx(), alice, blank); }), core::Errc::unprocessable);
    PostDraft too_long;
    too_long.text = std::string(501, 'x');
    EXPECT_EQ(error_code([&] { activitypub::publish_status(pair.a().ctx(), alice, too_long); }), core::Errc::unprocessable);
    PostDraft not_mine;
    not_mine.text = "x";
    not_mine.media_ids = {12345};
    EXPECT_EQ(error_code([&] { activitypub::publish_status(pair.a().ctx(), alice, not_mine); }), core::Errc::unprocessable);
    PostDraft orphan;
    orphan.text = "x";
    orphan.in_reply_to_id = 999;
    EXPECT_EQ(error_code([&] { activitypub::publish_status(pair.a().ctx(), alice, orphan); }), core::Errc::not_found);
    auto after = on(pair.a(), [&](Connection& c) { auto s = c.prepare("SELECT count(*) FROM statuses"); s.step(); return s.int64(0); });
    EXPECT_EQ(before, after);
}

}  // namespace
}  // namespace gesso::test
