// account_stats (migration 7): the statuses_count counter kept by triggers agrees with counting the rows, through
// every way a status row changes.
#include <gtest/gtest.h>

#include "storage/accounts.hpp"
#include "storage/statuses.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class AccountStats : public MigratedDatabase {
protected:
    AccountStats() {
        alice = insert_local_user("alice");
        bob = insert_local_user("bob");
    }

    core::Status insert(const core::Account& author, core::Visibility visibility,
                        std::optional<core::Id> reblog_of = std::nullopt) {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = "https://gesso.test/users/" + author.username + "/statuses/";
        s.uri += std::to_string(s.id);
        s.content = "<p>hi</p>";
        s.visibility = visibility;
        s.reblog_of_id = reblog_of;
        s.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::insert_status(conn, s); });
        return s;
    }

    std::int64_t counter(const core::Account& a) {
        return db.read([&](Connection& conn) { return storage::count_public_statuses(conn, a.id); });
    }
    // The definition, counted from the rows.
    std::int64_t counted(const core::Account& a) {
        return db.read([&](Connection& conn) {
            auto stmt = conn.prepare(
                "SELECT count(*) FROM statuses WHERE account_id = ? AND visibility <= 1 AND deleted_at IS NULL "
                "AND reblog_of_id IS NULL");
            stmt.bind(1, a.id);
            stmt.step();
            return stmt.int64(0);
        });
    }
    void exec(const std::string& sql) {
        db.write([&](Connection& conn) { conn.exec(sql); });
    }

    core::Account alice, bob;
};

TEST_F(AccountStats, FollowsInsertsTombstonesVisibilityChangesAndDeletes) {
    EXPECT_EQ(counter(alice), 0);
    auto first = insert(alice, core::Visibility::public_);
    insert(alice, core::Visibility::unlisted);
    auto followers_only = insert(alice, core::Visibility::followers);
    insert(alice, core::Visibility::direct);
    insert(bob, core::Visibility::public_);
    insert(alice, core::Visibility::public_, first.id);  // a boost is not counted
    EXPECT_EQ(counted(alice), 2);
    EXPECT_EQ(counter(alice), counted(alice));
    EXPECT_EQ(counter(bob), 1);

    db.write([&](Connection& conn) { storage::mark_status_deleted(conn, first.id, fixed_now()); });
    EXPECT_EQ(counted(alice), 1);
    EXPECT_EQ(counter(alice), counted(alice));

    exec("UPDATE statuses SET visibility = 0 WHERE id = " + std::to_string(followers_only.id));
    EXPECT_EQ(counted(alice), 2);
    EXPECT_EQ(counter(alice), counted(alice));

    exec("DELETE FROM statuses WHERE id = " + std::to_string(followers_only.id));
    EXPECT_EQ(counted(alice), 1);
    EXPECT_EQ(counter(alice), counted(alice));

    exec("DELETE FROM statuses WHERE account_id = " + std::to_string(bob.id));
    EXPECT_EQ(counter(bob), 0);
}

TEST_F(AccountStats, GoesWithTheAccount) {
    insert(bob, core::Visibility::public_);
    exec("DELETE FROM accounts WHERE id = " + std::to_string(bob.id));
    EXPECT_EQ(count_rows("account_stats WHERE account_id = " + std::to_string(bob.id)), 0);
}

}  // namespace
}  // namespace gesso::test
