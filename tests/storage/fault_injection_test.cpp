// Fault injection in the style of SQLite's and Beast's own tests: fail the Nth statement step of an
// operation, for N = 1, 2, ... until the operation succeeds, and check after every failure that nothing
// half-written remains. This reaches every failure point of the operation, including BEGIN and COMMIT.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/accounts.hpp"
#include "activitypub/context.hpp"
#include "core/error.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

// Arms the writer so that its Nth statement step (counting from 1) fails, and records every step's SQL.
class StepFault {
public:
    StepFault(storage::Database& db, int fail_at) : db_(db), fail_at_(fail_at) {
        db_.with_writer([this](Connection& conn) {
            conn.set_fault_injector([this](std::string_view sql) {
                steps_.emplace_back(sql);
                return static_cast<int>(steps_.size()) == fail_at_;
            });
        });
    }
    ~StepFault() {
        db_.with_writer([](Connection& conn) { conn.set_fault_injector(nullptr); });
    }
    StepFault(const StepFault&) = delete;
    StepFault& operator=(const StepFault&) = delete;

    int steps() const { return static_cast<int>(steps_.size()); }
    bool fired() const { return steps() >= fail_at_; }
    const std::string& failed_sql() const { return steps_.at(static_cast<std::size_t>(fail_at_ - 1)); }

private:
    storage::Database& db_;
    int fail_at_;
    std::vector<std::string> steps_;
};

// Safety net: an operation with more failure points than this is a bug in the loop, not a long operation.
constexpr int kMaxFailurePoints = 200;

class CreateAccountFaults : public MigratedDatabase {
protected:
    activitypub::Context ctx{db, ids, core::system_clock(), activitypub::NodeUrls{"http", "127.0.0.1:8080"},
                             activitypub::NodeSettings{}};
    const activitypub::NewLocalAccount alice{"alice", "alice@example.test", "correct horse battery", true, true};

    void expect_nothing_written(int n, const std::string& sql) {
        EXPECT_EQ(count_rows("accounts"), 0) << "after failing step " << n << ": " << sql;
        EXPECT_EQ(count_rows("users"), 0) << "after failing step " << n << ": " << sql;
        EXPECT_EQ(count_rows("keys"), 0) << "after failing step " << n << ": " << sql;
    }
};

TEST_F(CreateAccountFaults, EveryFailurePointLeavesNothingBehind) {
    int failures = 0;
    std::vector<std::string> failed_statements;
    bool succeeded = false;
    for (int n = 1; n <= kMaxFailurePoints && !succeeded; ++n) {
        StepFault fault(db, n);
        try {
            activitypub::create_local_account(ctx, alice);
            succeeded = true;
            EXPECT_FALSE(fault.fired()) << "succeeded although step " << n << " failed";
        } catch (const core::Error& e) {
            ASSERT_TRUE(fault.fired()) << "failed without the injected fault: " << e.what() << " " << e.detail();
            EXPECT_EQ(e.code(), core::Errc::internal);
            ++failures;
            failed_statements.push_back(fault.failed_sql());
            expect_nothing_written(n, fault.failed_sql());
        }
    }
    ASSERT_TRUE(succeeded) << "create_local_account never succeeded";
    EXPECT_GE(failures, 4) << "the loop reached too few failure points";
    // The transaction's edges were among the failure points.
    ASSERT_FALSE(failed_statements.empty());
    EXPECT_EQ(failed_statements.front(), "BEGIN IMMEDIATE");
    EXPECT_EQ(failed_statements.back(), "COMMIT");

    EXPECT_EQ(count_rows("accounts"), 1);
    EXPECT_EQ(count_rows("users"), 1);
    EXPECT_EQ(count_rows("keys"), 2);
    auto account = db.read([](Connection& conn) { return storage::find_local_account(conn, "alice"); });
    ASSERT_TRUE(account);
    auto keys = db.read([&](Connection& conn) { return storage::find_keys(conn, account->id); });
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].type, core::KeyType::rsa);
    EXPECT_EQ(keys[1].type, core::KeyType::ed25519);
    auto user = db.read([&](Connection& conn) { return storage::find_user_by_account(conn, account->id); });
    ASSERT_TRUE(user);
    EXPECT_TRUE(user->admin);
}

TEST_F(CreateAccountFaults, TheWriterStaysUsableAfterEachFailure) {
    // A failure must not leave the writer inside a transaction: the next write starts cleanly.
    for (int n = 1; n <= 3; ++n) {
        {
            StepFault fault(db, n);
            EXPECT_THROW(activitypub::create_local_account(ctx, alice), core::Error);
        }
        db.write([&](Connection& conn) {
            conn.prepare("INSERT INTO settings (key, value) VALUES (?, 'v')").bind(1, "k" + std::to_string(n)).run();
        });
    }
    EXPECT_EQ(count_rows("settings"), 3);
    EXPECT_EQ(count_rows("accounts"), 0);
}

TEST_F(CreateAccountFaults, InstanceActorCreationIsAtomicToo) {
    int failures = 0;
    bool succeeded = false;
    for (int n = 1; n <= kMaxFailurePoints && !succeeded; ++n) {
        StepFault fault(db, n);
        try {
            activitypub::ensure_instance_actor(ctx);
            succeeded = true;
        } catch (const core::Error& e) {
            ASSERT_TRUE(fault.fired()) << e.what();
            ++failures;
            EXPECT_EQ(count_rows("accounts"), 0) << "after failing " << fault.failed_sql();
            EXPECT_EQ(count_rows("keys"), 0) << "after failing " << fault.failed_sql();
        }
    }
    ASSERT_TRUE(succeeded);
    EXPECT_GE(failures, 4);
    EXPECT_EQ(count_rows("accounts"), 1);
    EXPECT_EQ(count_rows("keys"), 2);
    EXPECT_EQ(count_rows("users"), 0);
}

TEST_F(CreateAccountFaults, ResetPasswordFailureKeepsTheOldHash) {
    activitypub::create_local_account(ctx, alice);
    auto account = db.read([](Connection& conn) { return storage::find_local_account(conn, "alice"); });
    ASSERT_TRUE(account);
    auto hash_now = [&] {
        return db.read([&](Connection& conn) { return storage::find_user_by_account(conn, account->id)->password_hash; });
    };
    const std::string original = hash_now();
    int failures = 0;
    bool succeeded = false;
    for (int n = 1; n <= kMaxFailurePoints && !succeeded; ++n) {
        StepFault fault(db, n);
        try {
            activitypub::reset_password(ctx, "alice", "a brand new password");
            succeeded = true;
        } catch (const core::Error&) {
            ASSERT_TRUE(fault.fired());
            ++failures;
            EXPECT_EQ(hash_now(), original) << "after failing " << fault.failed_sql();
        }
    }
    ASSERT_TRUE(succeeded);
    EXPECT_GE(failures, 3);  // BEGIN, UPDATE, COMMIT
    EXPECT_NE(hash_now(), original);
}

// --- migrations ---

// The names of every table and index, sorted: the shape of the schema.
std::vector<std::string> schema_objects(storage::Database& db) {
    return db.read([](Connection& conn) {
        auto stmt = conn.prepare(
            "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY 1");
        std::vector<std::string> out;
        while (stmt.step()) out.push_back(stmt.text(0));
        return out;
    });
}

// Each migration runs in its own transaction, so failing at any step must leave some complete earlier
// version: version 0 with no tables at all, or version v with exactly the schema every other failure at v
// left. Every failure point gets a fresh file, and a retry without faults must then reach the latest version.
TEST(MigrateFaults, EveryFailurePointLeavesACompleteEarlierVersion) {
    const int latest = storage::latest_schema_version();
    std::map<int, std::vector<std::string>> schema_at;  // version -> schema seen after a failure there
    std::vector<std::string> final_schema;
    int failures = 0;
    int failures_at_zero = 0;
    bool succeeded = false;
    for (int n = 1; n <= kMaxFailurePoints && !succeeded; ++n) {
        TempDir dir;
        storage::Database db((dir.path() / "gesso.db").string());
        std::string failed;
        {
            StepFault fault(db, n);
            try {
                EXPECT_EQ(storage::migrate(db), latest);
                EXPECT_FALSE(fault.fired());
                succeeded = true;
            } catch (const core::Error& e) {
                ASSERT_TRUE(fault.fired()) << e.what() << " " << e.detail();
                failed = fault.failed_sql().substr(0, 60);
                ++failures;
            }
        }
        if (succeeded) {
            final_schema = schema_objects(db);
            break;
        }
        const int version = storage::schema_version(db);
        const auto schema = schema_objects(db);
        ASSERT_GE(version, 0);
        ASSERT_LT(version, latest) << "a failed migrate reached the latest version (step " << n << ": " << failed << ")";
        if (version == 0) {
            ++failures_at_zero;
            EXPECT_EQ(schema, std::vector<std::string>{}) << "after failing step " << n << ": " << failed;
        }
        auto [it, first_time] = schema_at.emplace(version, schema);
        if (!first_time) {
            EXPECT_EQ(schema, it->second) << "version " << version << " has a different schema after failing step "
                                          << n << ": " << failed;
        }
        // Recovery on the same file: a plain retry completes the job.
        EXPECT_EQ(storage::migrate(db), latest - version) << "retry after failing step " << n;
        EXPECT_EQ(storage::schema_version(db), latest);
    }
    ASSERT_TRUE(succeeded) << "migrate never succeeded";
    EXPECT_GE(failures, 4) << "the loop reached too few failure points";
    EXPECT_GE(failures_at_zero, 4) << "too few failure points inside the first migration";
    EXPECT_EQ(static_cast<int>(schema_at.size()), latest) << "some version was never the result of a failure";
    // Each version adds to the schema, and the latest one is what a clean run produces.
    for (auto it = schema_at.begin(); it != schema_at.end(); ++it) {
        auto next = std::next(it);
        const auto& bigger = next == schema_at.end() ? final_schema : next->second;
        EXPECT_LT(it->second.size(), bigger.size()) << "version " << it->first;
    }
    EXPECT_FALSE(final_schema.empty());
}

TEST(MigrateFaults, RetryOnASecondOpenOfTheFileAfterAFailure) {
    TempDir dir;
    {
        storage::Database db((dir.path() / "gesso.db").string());
        StepFault fault(db, 4);  // 1-2: PRAGMA user_version, 3: BEGIN IMMEDIATE, 4: the first migration's script
        EXPECT_THROW(storage::migrate(db), core::Error);
        EXPECT_EQ(fault.failed_sql().find("CREATE TABLE"), 1u) << fault.failed_sql().substr(0, 40);
    }
    storage::Database reopened((dir.path() / "gesso.db").string());
    EXPECT_EQ(storage::schema_version(reopened), 0);
    EXPECT_EQ(storage::migrate(reopened), storage::latest_schema_version());
}

}  // namespace
}  // namespace gesso::test
