// storage/paged, mutes, bookmarks and follow options: the paging window (max_id, since_id, min_id, limit) over
// reaction rows, mutes that run out, a person's own domain blocks, and the predicate timelines ask.
#include <gtest/gtest.h>

#include <chrono>

#include "storage/bookmarks.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"
#include "storage/statuses.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

class PersonalRelations : public MigratedDatabase {
protected:
    PersonalRelations() {
        alice = local_account("alice");
        bob = remote_account("bob", "Far.Example");
        db.write([&](Connection& c) {
            storage::insert_account(c, alice);
            storage::insert_account(c, bob);
        });
    }
    core::Id add_status(const core::Account& author) {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.created_at = fixed_now();
        db.write([&](Connection& c) { storage::insert_status(c, s); });
        return s.id;
    }
    core::Account alice, bob;
};

TEST_F(PersonalRelations, BookmarkPagesFollowTheBookmarkRowsNotTheStatuses) {
    // Statuses s0 < s1 < s2 < s3, bookmarked in the order s3, s0, s2, s1: keys k0 < k1 < k2 < k3.
    std::vector<core::Id> s;
    for (int i = 0; i < 4; ++i) s.push_back(add_status(bob));
    std::vector<core::Id> k;
    for (int i : {3, 0, 2, 1}) {
        k.push_back(next_id());
        db.write(
            [&](Connection& c) { EXPECT_TRUE(storage::insert_bookmark(c, k.back(), alice.id, s[i], fixed_now())); });
    }
    EXPECT_FALSE(
        db.write([&](Connection& c) { return storage::insert_bookmark(c, next_id(), alice.id, s[0], fixed_now()); }));
    auto page = [&](storage::IdPage p) {
        return db.read([&](Connection& c) { return storage::bookmarks_page(c, alice.id, p); });
    };
    auto all = page({});
    EXPECT_EQ(storage::page_keys(all), (std::vector<core::Id>{k[3], k[2], k[1], k[0]}));
    EXPECT_EQ(storage::page_values(all), (std::vector<core::Id>{s[1], s[2], s[0], s[3]}));
    EXPECT_EQ(storage::page_keys(page({k[3], std::nullopt, std::nullopt, 2})), (std::vector<core::Id>{k[2], k[1]}));
    EXPECT_EQ(storage::page_keys(page({std::nullopt, k[1], std::nullopt, 20})), (std::vector<core::Id>{k[3], k[2]}));
    // min_id: the rows just above it, still newest first.
    EXPECT_EQ(storage::page_keys(page({std::nullopt, std::nullopt, k[0], 2})), (std::vector<core::Id>{k[2], k[1]}));
    EXPECT_TRUE(page({k[0], std::nullopt, std::nullopt, 20}).empty());
    // A deleted status drops out of the list.
    db.write([&](Connection& c) { storage::mark_status_deleted(c, s[2], fixed_now()); });
    EXPECT_EQ(page({}).size(), 3u);
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::delete_bookmark(c, alice.id, s[0]); }));
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::bookmarked(c, alice.id, s[0]); }));
}

TEST_F(PersonalRelations, MutesRunOutAndDomainBlocksHideAWholeServer) {
    auto hidden = [&](core::TimePoint at, bool for_notifications) {
        return db.read(
            [&](Connection& c) { return storage::hidden_by_viewer(c, alice.id, bob.id, at, for_notifications); });
    };
    EXPECT_FALSE(hidden(fixed_now(), false));
    storage::Mute m{next_id(), alice.id, bob.id, false, fixed_now() + hours(1), fixed_now()};
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::upsert_mute(c, m); }));
    EXPECT_TRUE(hidden(fixed_now(), false));
    EXPECT_FALSE(hidden(fixed_now(), true));              // notifications were left on
    EXPECT_FALSE(hidden(fixed_now() + hours(1), false));  // it ran out
    EXPECT_EQ(
        db.read([&](Connection& c) { return storage::mutes_page(c, alice.id, {}, fixed_now() + hours(2)); }).size(),
        0u);
    m.notifications = true;
    m.expires_at.reset();
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::upsert_mute(c, m); }));  // replaced, not added
    EXPECT_TRUE(hidden(fixed_now() + hours(100), true));
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::delete_mute(c, alice.id, bob.id); }));
    EXPECT_FALSE(hidden(fixed_now(), false));

    // The domain as stored on the account is Far.Example: the person's block matches it case-insensitively.
    EXPECT_TRUE(db.write([&](Connection& c) {
        return storage::insert_account_domain_block(c, next_id(), alice.id, "far.example", fixed_now());
    }));
    EXPECT_FALSE(db.write([&](Connection& c) {
        return storage::insert_account_domain_block(c, next_id(), alice.id, "FAR.example", fixed_now());
    }));
    EXPECT_TRUE(hidden(fixed_now(), true));
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::hidden_by_viewer(c, bob.id, alice.id, fixed_now()); }));
    EXPECT_TRUE(
        db.write([&](Connection& c) { return storage::delete_account_domain_block(c, alice.id, "far.example"); }));
    EXPECT_FALSE(hidden(fixed_now(), false));
}

TEST_F(PersonalRelations, FollowOptionsPickWhoGetsBoostsAndNewPostNotifications) {
    core::Account carol = local_account("carol"), dave = local_account("dave");
    db.write([&](Connection& c) {
        storage::insert_account(c, carol);
        storage::insert_account(c, dave);
        for (const auto* follower : {&carol, &dave}) {
            core::Follow f{next_id(), follower->id, alice.id, "urn:f:" + follower->username, true, fixed_now()};
            storage::insert_follow(c, f);
        }
        auto f = storage::find_follow(c, carol.id, alice.id);
        storage::set_follow_options(c, f->id, {false, true, {"en", "fr"}});
    });
    auto options = db.read([&](Connection& c) { return storage::find_follow_options(c, carol.id, alice.id); });
    EXPECT_FALSE(options.show_reblogs);
    EXPECT_TRUE(options.notify);
    EXPECT_EQ(options.languages, (std::vector<std::string>{"en", "fr"}));
    EXPECT_TRUE(
        db.read([&](Connection& c) { return storage::find_follow_options(c, dave.id, alice.id); }).show_reblogs);
    EXPECT_EQ(db.read([&](Connection& c) { return storage::local_boost_follower_ids(c, alice.id); }),
              std::vector<core::Id>{dave.id});
    EXPECT_EQ(db.read([&](Connection& c) { return storage::local_notify_follower_ids(c, alice.id); }),
              std::vector<core::Id>{carol.id});
}

}  // namespace
}  // namespace gesso::test
