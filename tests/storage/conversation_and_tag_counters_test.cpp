// Conversation memberships and daily hashtag counters (migration 16): kept as statuses are stored, edited and
// deleted, and backfilled by the migration from a database that had statuses before it.
#include <gtest/gtest.h>

#include "storage/conversations.hpp"
#include "storage/migrations.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "storage/tags.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class Counters : public MigratedDatabase {
protected:
    Counters() {
        alice = insert_local_user("alice");
        bob = insert_local_user("bob");
        zed = insert_remote("zed", "far.example");
    }
    core::Status status(const core::Account& author, core::Visibility v, std::optional<core::Id> reply_to = {},
                        core::TimePoint at = fixed_now()) {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.content = "<p>hi</p>";
        s.visibility = v;
        s.in_reply_to_id = reply_to;
        s.local = author.is_local();
        s.created_at = at;
        return s;
    }
    // Stores `s` with its mentions and tags as the engine does (conversation membership last).
    void store(const core::Status& s, const std::vector<core::Account>& mentioned,
               const std::vector<std::string>& tags = {}) {
        db.write([&](Connection& c) {
            storage::insert_status(c, s);
            std::vector<core::MentionRef> refs;
            for (const auto& a : mentioned) refs.push_back({a.uri, a.id, a.username});
            storage::replace_mentions(c, s.id, refs);
            storage::replace_tags(c, s.id, tags);
            storage::add_to_conversation(c, s);
        });
    }
    std::optional<core::Id> last_of(const core::Account& a, core::Id root) {
        return db.read([&](Connection& c) { return storage::conversation_last_status(c, a.id, root); });
    }
    storage::TagDay today(const std::string& tag) {
        return db.read([&](Connection& c) { return storage::tag_history(c, tag, fixed_now(), 7); })[0];
    }
    // Drops what migration 16 made and runs it again over the data stored since.
    void rerun_counters_migration() {
        db.with_writer([&](Connection& c) {
            c.exec("DROP TRIGGER status_tags_count_in; DROP TRIGGER status_tags_count_out; "
                   "DROP TABLE tag_day_accounts; DROP TABLE conversation_members;");
            storage::Transaction tx(c);
            c.exec(std::string(storage::migration_sql(kCountersMigration)));
            tx.commit();
        });
    }
    static constexpr int kCountersMigration = 16;

    core::Account alice, bob, zed;
};

TEST_F(Counters, DirectThreadsAreKeptPerParticipantAndRoot) {
    core::Status first = status(alice, core::Visibility::direct);
    store(first, {bob});
    core::Status answer = status(bob, core::Visibility::direct, first.id);
    store(answer, {alice});
    core::Status other = status(zed, core::Visibility::direct);
    store(other, {alice});
    store(status(alice, core::Visibility::public_), {bob});  // not direct: no conversation

    EXPECT_EQ(last_of(alice, first.id), answer.id);
    EXPECT_EQ(last_of(bob, first.id), answer.id);
    EXPECT_EQ(last_of(alice, other.id), other.id);
    EXPECT_EQ(last_of(bob, other.id), std::nullopt);
    auto page = db.read([&](Connection& c) { return storage::conversations_page(c, alice.id, {}); });
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].key, other.id);
    EXPECT_EQ(page[0].value, other.id);
    EXPECT_EQ(page[1].key, answer.id);
    EXPECT_EQ(page[1].value, first.id);

    // The answer deleted: the thread's newest is the first post again, for both.
    db.write([&](Connection& c) { storage::mark_status_deleted(c, answer.id, fixed_now()); });
    EXPECT_EQ(last_of(alice, first.id), first.id);
    EXPECT_EQ(last_of(bob, first.id), first.id);
    // The first deleted too: nobody takes part any more.
    db.write([&](Connection& c) { storage::mark_status_deleted(c, first.id, fixed_now()); });
    EXPECT_EQ(last_of(alice, first.id), std::nullopt);
    EXPECT_EQ(last_of(bob, first.id), std::nullopt);
}

TEST_F(Counters, TagCountersFollowPublicStatusesTheirEditsAndDeletes) {
    core::Status a1 = status(alice, core::Visibility::public_);
    store(a1, {}, {"Ink"});
    core::Status a2 = status(alice, core::Visibility::public_);
    store(a2, {}, {"ink", "oil"});
    store(status(bob, core::Visibility::followers), {}, {"ink"});  // not public: not counted
    store(status(zed, core::Visibility::public_, std::nullopt, fixed_now() - std::chrono::hours(24)), {}, {"ink"});
    EXPECT_EQ(today("ink").uses, 2);
    EXPECT_EQ(today("ink").accounts, 1);
    auto week = db.read([&](Connection& c) { return storage::tag_history(c, "ink", fixed_now(), 7); });
    EXPECT_EQ(week[1].uses, 1);  // zed's, yesterday
    EXPECT_EQ(week[1].accounts, 1);

    db.write([&](Connection& c) { storage::replace_tags(c, a1.id, {"oil"}); });  // an edit drops #ink
    EXPECT_EQ(today("ink").uses, 1);
    EXPECT_EQ(today("oil").uses, 2);
    db.write([&](Connection& c) { storage::mark_status_deleted(c, a2.id, fixed_now()); });
    EXPECT_EQ(today("ink").uses, 0);
    EXPECT_EQ(today("ink").accounts, 0);
    EXPECT_EQ(today("oil").uses, 1);
}

TEST_F(Counters, TheMigrationBackfillsBothFromExistingStatuses) {
    core::Status first = status(alice, core::Visibility::direct);
    store(first, {bob});
    core::Status answer = status(bob, core::Visibility::direct, first.id);
    store(answer, {alice});
    core::Status deeper = status(alice, core::Visibility::direct, answer.id);
    store(deeper, {bob, zed});
    store(status(alice, core::Visibility::public_), {}, {"ink"});
    store(status(bob, core::Visibility::public_), {}, {"ink"});
    store(status(bob, core::Visibility::public_), {}, {"ink"});
    store(status(bob, core::Visibility::unlisted), {}, {"ink"});
    auto before = today("ink");

    rerun_counters_migration();
    EXPECT_EQ(last_of(alice, first.id), deeper.id);
    EXPECT_EQ(last_of(bob, first.id), deeper.id);
    EXPECT_EQ(last_of(zed, first.id), deeper.id);
    EXPECT_EQ(count_rows("conversation_members"), 3);
    EXPECT_EQ(today("ink").uses, 3);
    EXPECT_EQ(today("ink").accounts, 2);
    EXPECT_EQ(today("ink").uses, before.uses);
    EXPECT_EQ(today("ink").accounts, before.accounts);
}

}  // namespace
}  // namespace gesso::test
