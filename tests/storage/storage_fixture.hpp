#pragma once
// Shared fixture for the storage tier: a fresh, migrated database in its own directory, and builders for
// named rows (local_account("alice"), remote_account("zed", "far.example")) with fixed, distinct times.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/model.hpp"
#include "storage/accounts.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/temp_dir.hpp"

namespace gesso::test {

// 2024-02-29T12:00:00Z: every fixture time is relative to it, so expectations are exact.
inline core::TimePoint fixed_now() {
    using namespace std::chrono;
    return core::TimePoint(sys_days(year(2024) / February / 29) + hours(12));
}

class MigratedDatabase : public ::testing::Test {
protected:
    MigratedDatabase() : db((dir.path() / "gesso.db").string()) { storage::migrate(db); }

    // Ids from a generator seeded at fixed_now(), so they are increasing in creation order.
    core::Id next_id() { return ids.next(fixed_now()); }

    core::Account local_account(const std::string& username) {
        core::Account a;
        a.id = next_id();
        a.username = username;
        a.uri = "https://art.example/users/" + username;
        a.url = "https://art.example/@" + username;
        a.created_at = a.updated_at = fixed_now();
        return a;
    }

    core::Account remote_account(const std::string& username, const std::string& domain) {
        core::Account a;
        a.id = next_id();
        a.username = username;
        a.domain = domain;
        a.uri = "https://" + domain + "/users/" + username;
        a.inbox_url = a.uri + "/inbox";
        a.created_at = a.updated_at = fixed_now();
        return a;
    }

    core::User user_for(const core::Account& account, bool admin = false) {
        core::User u;
        u.id = next_id();
        u.account_id = account.id;
        u.email = account.username + "@example.test";
        u.password_hash = "$argon2id$fake-hash-of-" + account.username;
        u.admin = admin;
        u.created_at = fixed_now();
        return u;
    }

    // Inserts a local account with a login; returns the account.
    core::Account insert_local_user(const std::string& username, bool admin = false) {
        core::Account a = local_account(username);
        core::User u = user_for(a, admin);
        db.write([&](storage::Connection& conn) {
            storage::insert_account(conn, a);
            storage::insert_user(conn, u);
        });
        return a;
    }

    core::Account insert_remote(const std::string& username, const std::string& domain) {
        core::Account a = remote_account(username, domain);
        db.write([&](storage::Connection& conn) { storage::insert_account(conn, a); });
        return a;
    }

    // count(*) of `table`, read through a read-only connection.
    std::int64_t count_rows(const std::string& table) {
        return db.read([&](storage::Connection& conn) {
            auto stmt = conn.prepare("SELECT count(*) FROM " + table);
            stmt.step();
            return stmt.int64(0);
        });
    }

    TempDir dir;
    storage::Database db;
    core::IdGenerator ids;
};

}  // namespace gesso::test
