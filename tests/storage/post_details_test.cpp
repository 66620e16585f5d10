// storage/post_details (mentions, tags, media, polls, emoji), storage/relations (blocks, pins),
// storage/notifications (notifications, reports) and storage/profiles.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "storage/notifications.hpp"
#include "storage/post_details.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"
#include "storage/thread.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

class PostDetails : public MigratedDatabase {
protected:
    core::Status post(const core::Account& author, core::Visibility visibility = core::Visibility::public_) {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.content = "<p>hello</p>";
        s.visibility = visibility;
        s.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::insert_status(conn, s); });
        return s;
    }
    template <typename F>
    auto w(F&& f) {
        return db.write([&](Connection& conn) { return f(conn); });
    }

    core::Account alice = insert_local_user("alice");
    core::Account zed = insert_remote("zed", "far.example");
};

TEST_F(PostDetails, StatusKeepsItsTypeQuoteRightsAndLicence) {
    core::Status s;
    s.id = next_id();
    s.account_id = zed.id;
    s.uri = "https://far.example/objects/1";
    s.object_type = "Article";
    s.quote_uri = "https://far.example/objects/0";
    s.x_robots_tag = "noai, noimageai";
    s.license = "https://creativecommons.org/licenses/by-nc/4.0/";
    s.local = false;
    s.created_at = fixed_now();
    w([&](Connection& c) { storage::insert_status(c, s); });
    auto back = w([&](Connection& c) { return storage::find_status(c, s.id); });
    ASSERT_TRUE(back);
    EXPECT_EQ(back->object_type, "Article");
    EXPECT_EQ(back->quote_uri, s.quote_uri);
    EXPECT_EQ(back->x_robots_tag, "noai, noimageai");
    EXPECT_EQ(back->license, s.license);
}

TEST_F(PostDetails, MentionsAreReplacedAndDeduplicated) {
    core::Status s = post(zed);
    w([&](Connection& c) {
        storage::replace_mentions(c, s.id, {{alice.uri, alice.id, "@alice"}, {alice.uri, alice.id, "@alice"},
                                            {"https://else.example/u/x", std::nullopt, "@x@else.example"}});
    });
    auto mentions = w([&](Connection& c) { return storage::find_mentions(c, s.id); });
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].account_uri, "https://art.example/users/alice");
    EXPECT_EQ(mentions[0].account_id, alice.id);
    EXPECT_FALSE(mentions[1].account_id);
    w([&](Connection& c) { storage::replace_mentions(c, s.id, {}); });
    EXPECT_TRUE(w([&](Connection& c) { return storage::find_mentions(c, s.id); }).empty());
}

TEST_F(PostDetails, TagsMatchCaseInsensitivelyAndOnlyPublicPostsAreListed) {
    core::Status a = post(zed);
    core::Status b = post(zed);
    core::Status hidden = post(zed, core::Visibility::followers);
    for (auto* s : {&a, &b, &hidden}) {
        w([&](Connection& c) { storage::replace_tags(c, s->id, {"Art", "art", "Painting"}); });
    }
    EXPECT_EQ(w([&](Connection& c) { return storage::find_tags(c, a.id); }), (std::vector<std::string>{"Art", "Painting"}));
    auto tagged = w([&](Connection& c) { return storage::statuses_with_tag(c, "ART", std::nullopt, 10); });
    EXPECT_EQ(tagged, (std::vector<core::Id>{b.id, a.id}));
    auto page = w([&](Connection& c) { return storage::statuses_with_tag(c, "art", b.id, 10); });
    EXPECT_EQ(page, (std::vector<core::Id>{a.id}));
    w([&](Connection& c) { storage::mark_status_deleted(c, b.id, fixed_now()); });
    EXPECT_EQ(w([&](Connection& c) { return storage::statuses_with_tag(c, "art", std::nullopt, 10); }),
              (std::vector<core::Id>{a.id}));
}

TEST_F(PostDetails, MediaAttachOnlyOnceToTheOwnersStatusInOrder) {
    core::Status s = post(alice);
    std::vector<core::Id> media_ids;
    for (int i = 0; i < 3; ++i) {
        core::MediaAttachment m;
        m.id = next_id();
        m.account_id = i == 2 ? zed.id : alice.id;  // the third belongs to someone else
        m.file_path = "m" + std::to_string(i);
        m.description = "alt " + std::to_string(i);
        m.focus_x = 0.5;
        m.created_at = fixed_now();
        w([&](Connection& c) { storage::insert_media(c, m); });
        media_ids.push_back(m.id);
    }
    EXPECT_EQ(w([&](Connection& c) { return storage::attach_media(c, alice.id, s.id, {media_ids[1], media_ids[0], media_ids[2]}); }), 2);
    auto media = w([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(media.size(), 2u);
    EXPECT_EQ(media[0].id, media_ids[1]);
    EXPECT_EQ(media[1].description, "alt 0");
    EXPECT_DOUBLE_EQ(media[1].focus_x, 0.5);
    core::Status other = post(alice);
    EXPECT_EQ(w([&](Connection& c) { return storage::attach_media(c, alice.id, other.id, {media_ids[0]}); }), 0);
}

TEST_F(PostDetails, PollVotesCountOncePerChoiceAndVoter) {
    core::Status s = post(alice);
    core::Poll poll;
    poll.status_id = s.id;
    poll.multiple = true;
    poll.options = {{"red", 0}, {"blue", 0}};
    poll.expires_at = fixed_now() + hours(24);
    w([&](Connection& c) { storage::upsert_poll(c, poll); });
    auto vote = [&](core::Id who, int choice) {
        return w([&](Connection& c) {
            return storage::insert_poll_vote(c, next_id(), s.id, who, choice, "", fixed_now());
        });
    };
    EXPECT_TRUE(vote(zed.id, 0));
    EXPECT_TRUE(vote(zed.id, 1));
    EXPECT_FALSE(vote(zed.id, 1));  // the same vote again
    EXPECT_FALSE(vote(zed.id, 5));  // no such option
    auto back = w([&](Connection& c) { return storage::find_poll(c, s.id); });
    ASSERT_TRUE(back);
    EXPECT_EQ(back->options[0].votes, 1);
    EXPECT_EQ(back->options[1].votes, 1);
    EXPECT_EQ(back->voters_count, 1);
    EXPECT_EQ(back->expires_at, poll.expires_at);
    EXPECT_EQ(w([&](Connection& c) { return storage::find_poll_votes(c, s.id, zed.id); }), (std::vector<int>{0, 1}));
}

TEST_F(PostDetails, EmojiAreKeptPerDomainAndRefreshed) {
    w([&](Connection& c) {
        storage::upsert_emoji(c, "blobcat", "far.example", "https://far.example/e/1.png", "", fixed_now());
        storage::upsert_emoji(c, "blobcat", "far.example", "https://far.example/e/2.png", "", fixed_now());
        storage::upsert_emoji(c, "blobcat", "other.example", "https://other.example/b.png", "", fixed_now());
    });
    auto found = w([&](Connection& c) { return storage::find_emojis(c, "far.example", {"blobcat", "nope", "blobcat"}); });
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].image_url, "https://far.example/e/2.png");
}

TEST_F(PostDetails, DeletingAStatusDropsWhatPointsAtIt) {
    core::Status s = post(zed);
    w([&](Connection& c) {
        storage::replace_mentions(c, s.id, {{alice.uri, alice.id, "@alice"}});
        storage::replace_tags(c, s.id, {"art"});
        storage::insert_pin(c, zed.id, s.id, fixed_now());
        storage::insert_notification(c, {next_id(), alice.id, zed.id, "mention", s.id, std::nullopt, fixed_now()});
        storage::mark_status_deleted(c, s.id, fixed_now());
    });
    EXPECT_EQ(count_rows("mentions"), 0);
    EXPECT_EQ(count_rows("status_tags"), 0);
    EXPECT_EQ(count_rows("status_pins"), 0);
    EXPECT_EQ(count_rows("notifications"), 0);
}

TEST_F(PostDetails, RepliesThatArriveFirstAreLinkedToTheirParentLater) {
    core::Status reply;
    reply.id = next_id();
    reply.account_id = zed.id;
    reply.uri = "https://far.example/objects/reply";
    reply.in_reply_to_uri = "https://art.example/users/alice/statuses/parent";
    reply.created_at = fixed_now();
    w([&](Connection& c) { storage::insert_status(c, reply); });
    core::Status parent = post(alice);
    EXPECT_EQ(w([&](Connection& c) { return storage::link_orphan_replies(c, parent.id, reply.in_reply_to_uri); }), 1);
    auto replies = w([&](Connection& c) { return storage::list_replies(c, parent.id, 10); });
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].id, reply.id);
}

// A level of a thread in one query: each parent's replies oldest first, at most `per_parent` of them, grouped by
// parent in the order asked; deleted replies and replies to other statuses are left out.
TEST_F(PostDetails, RepliesToALevelOfAThread) {
    core::Status root = post(alice), other = post(zed);
    auto reply_to = [&](const core::Status& parent, const core::Account& author) {
        core::Status r;
        r.id = next_id();
        r.account_id = author.id;
        r.uri = author.uri + "/statuses/" + std::to_string(r.id);
        r.in_reply_to_id = parent.id;
        r.created_at = fixed_now();
        w([&](Connection& c) { storage::insert_status(c, r); });
        return r;
    };
    core::Status a = reply_to(root, zed), b = reply_to(root, alice), c1 = reply_to(other, alice);
    core::Status a1 = reply_to(a, alice), b1 = reply_to(b, zed), a2 = reply_to(a, zed), gone = reply_to(b, alice);
    w([&](Connection& c) { storage::mark_status_deleted(c, gone.id, fixed_now()); });

    auto pairs_of = [](const std::vector<storage::Reply>& replies) {
        std::vector<std::pair<core::Id, core::Id>> out;
        for (const auto& r : replies) out.emplace_back(r.parent_id, r.id);
        return out;
    };
    using Pairs = std::vector<std::pair<core::Id, core::Id>>;
    EXPECT_EQ(pairs_of(w([&](Connection& c) { return storage::replies_to(c, {root.id}, 10); })),
              (Pairs{{root.id, a.id}, {root.id, b.id}}));
    // Parents in the order asked (b before a), each one's replies oldest first; a parent asked twice answers once.
    EXPECT_EQ(pairs_of(w([&](Connection& c) { return storage::replies_to(c, {b.id, a.id, b.id}, 10); })),
              (Pairs{{b.id, b1.id}, {a.id, a1.id}, {a.id, a2.id}}));
    EXPECT_EQ(pairs_of(w([&](Connection& c) { return storage::replies_to(c, {a.id, b.id}, 1); })),
              (Pairs{{a.id, a1.id}, {b.id, b1.id}}))
        << "at most one reply of each parent";
    EXPECT_EQ(pairs_of(w([&](Connection& c) { return storage::replies_to(c, {other.id}, 10); })), (Pairs{{other.id, c1.id}}));
    EXPECT_TRUE(w([&](Connection& c) { return storage::replies_to(c, {a1.id}, 10); }).empty());
    EXPECT_TRUE(w([&](Connection& c) { return storage::replies_to(c, {}, 10); }).empty());
}

TEST_F(PostDetails, BlocksAndPins) {
    core::Block b{next_id(), alice.id, zed.id, "https://art.example/block/1", fixed_now()};
    EXPECT_TRUE(w([&](Connection& c) { return storage::insert_block(c, b); }));
    EXPECT_FALSE(w([&](Connection& c) { return storage::insert_block(c, b); }));
    EXPECT_TRUE(w([&](Connection& c) { return storage::blocked_either_way(c, zed.id, alice.id); }));
    EXPECT_TRUE(w([&](Connection& c) { return storage::delete_block(c, alice.id, zed.id); }));
    EXPECT_FALSE(w([&](Connection& c) { return storage::blocked_either_way(c, alice.id, zed.id); }));

    core::Status p1 = post(zed), p2 = post(zed), p3 = post(zed);
    w([&](Connection& c) { storage::replace_pins(c, zed.id, {p3.id, p1.id}, fixed_now()); });
    EXPECT_EQ(w([&](Connection& c) { return storage::pinned_status_ids(c, zed.id, 10); }),
              (std::vector<core::Id>{p3.id, p1.id}));
    w([&](Connection& c) { storage::insert_pin(c, zed.id, p2.id, fixed_now() + hours(1)); });
    EXPECT_EQ(w([&](Connection& c) { return storage::pinned_status_ids(c, zed.id, 10); }).front(), p2.id);
    EXPECT_EQ(w([&](Connection& c) { return storage::count_pins(c, zed.id); }), 3);
}

TEST_F(PostDetails, NotificationsAreNotDuplicatedAndCanBeWithdrawn) {
    core::Status s = post(alice);
    core::Notification fav{next_id(), alice.id, zed.id, "favourite", s.id, std::nullopt, fixed_now()};
    EXPECT_TRUE(w([&](Connection& c) { return storage::insert_notification(c, fav); }));
    fav.id = next_id();
    EXPECT_FALSE(w([&](Connection& c) { return storage::insert_notification(c, fav); }));
    core::Notification follow{next_id(), alice.id, zed.id, "follow", std::nullopt, std::nullopt, fixed_now()};
    EXPECT_TRUE(w([&](Connection& c) { return storage::insert_notification(c, follow); }));
    follow.id = next_id();
    EXPECT_FALSE(w([&](Connection& c) { return storage::insert_notification(c, follow); }));
    auto list = w([&](Connection& c) { return storage::list_notifications(c, alice.id, std::nullopt, 10); });
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].type, "follow");
    w([&](Connection& c) { storage::delete_notifications_from(c, zed.id, "favourite", s.id); });
    EXPECT_EQ(w([&](Connection& c) { return storage::list_notifications(c, alice.id, std::nullopt, 10); }).size(), 1u);
}

TEST_F(PostDetails, ReportsKeepTheirStatusesAndAreFoundByFlagId) {
    core::Status s = post(alice);
    core::Report r;
    r.id = next_id();
    r.account_id = zed.id;
    r.target_account_id = alice.id;
    r.status_ids = {s.id};
    r.comment = "spam";
    r.uri = "https://far.example/flags/1";
    r.created_at = fixed_now();
    w([&](Connection& c) { storage::insert_report(c, r); });
    auto back = w([&](Connection& c) { return storage::find_report_by_uri(c, r.uri); });
    ASSERT_TRUE(back);
    EXPECT_EQ(back->status_ids, std::vector<core::Id>{s.id});
    EXPECT_EQ(back->comment, "spam");
    EXPECT_EQ(w([&](Connection& c) { return storage::list_open_reports(c, 10); }).size(), 1u);
    EXPECT_FALSE(w([&](Connection& c) { return storage::find_report_by_uri(c, ""); }));
}

TEST_F(PostDetails, ProfilesKeepFieldsAliasesAndMoves) {
    core::AccountProfile p;
    p.fields = {{"Shop", "<a href=\"https://shop.example\">shop</a>"}};
    p.also_known_as = {"https://old.example/users/zed"};
    p.x_robots_tag = "noai";
    w([&](Connection& c) {
        storage::update_profile(c, zed.id, p);
        storage::set_moved_to(c, zed.id, alice.id);
    });
    auto back = w([&](Connection& c) { return storage::find_profile(c, zed.id); });
    ASSERT_EQ(back.fields.size(), 1u);
    EXPECT_EQ(back.fields[0].value, p.fields[0].value);
    EXPECT_EQ(back.also_known_as, p.also_known_as);
    EXPECT_EQ(back.moved_to_account_id, alice.id);
    EXPECT_EQ(back.x_robots_tag, "noai");
}

}  // namespace
}  // namespace gesso::test
