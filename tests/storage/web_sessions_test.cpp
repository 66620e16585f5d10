// storage/web_sessions: sessions by token digest, the per-account bound (least recently used dropped), pruning
// of expired and idle rows, ending all of an account's sessions but one, and the cascade when an account goes.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "storage/web_sessions.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

class WebSessionRows : public MigratedDatabase {
protected:
    storage::WebSession session(const core::Account& a, const std::string& hash, core::TimePoint seen) {
        storage::WebSession s;
        s.id = next_id();
        s.token_hash = hash;
        s.account_id = a.id;
        s.created_at = fixed_now();
        s.last_seen_at = seen;
        s.expires_at = fixed_now() + hours(24 * 90);
        s.user_agent = "Test/1.0";
        return s;
    }
    void insert(const storage::WebSession& s, std::size_t bound = 5) {
        db.write([&](Connection& c) { storage::insert_web_session(c, s, bound); });
    }
    bool exists(const std::string& hash) {
        return db.read([&](Connection& c) { return storage::find_web_session(c, hash).has_value(); });
    }
    int count(const core::Account& a) {
        return db.read([&](Connection& c) { return storage::count_account_web_sessions(c, a.id); });
    }
};

TEST_F(WebSessionRows, FoundByDigestWithEveryColumn) {
    auto alice = insert_local_user("alice");
    auto s = session(alice, "digest-1", fixed_now() + minutes(5));
    insert(s);
    auto found = db.read([&](Connection& c) { return storage::find_web_session(c, "digest-1"); });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, s.id);
    EXPECT_EQ(found->account_id, alice.id);
    EXPECT_EQ(found->created_at, s.created_at);
    EXPECT_EQ(found->last_seen_at, s.last_seen_at);
    EXPECT_EQ(found->expires_at, s.expires_at);
    EXPECT_EQ(found->user_agent, "Test/1.0");
    EXPECT_FALSE(exists("digest-2"));
    // Digests are unique.
    EXPECT_THROW(insert(session(alice, "digest-1", fixed_now())), core::Error);
}

TEST_F(WebSessionRows, TheBoundDropsTheLeastRecentlySeenOfThatAccountOnly) {
    auto alice = insert_local_user("alice");
    auto bob = insert_local_user("bob");
    insert(session(bob, "bob-1", fixed_now()));
    for (int i = 0; i < 4; ++i) {
        std::string hash = "a";
        hash += std::to_string(i);  // appended: GCC 12 warns falsely (-Wrestrict) on "literal" + std::to_string
        insert(session(alice, hash, fixed_now() + minutes(i)), 3);
    }
    EXPECT_EQ(count(alice), 3);
    EXPECT_FALSE(exists("a0"));
    EXPECT_TRUE(exists("a3"));
    EXPECT_TRUE(exists("bob-1"));
    // Touching a1 makes a2 the least recently seen.
    db.write([&](Connection& c) {
        auto a1 = storage::find_web_session(c, "a1");
        storage::touch_web_session(c, a1->id, fixed_now() + hours(1));
    });
    insert(session(alice, "a4", fixed_now() + minutes(30)), 3);
    EXPECT_TRUE(exists("a1"));
    EXPECT_FALSE(exists("a2"));
}

TEST_F(WebSessionRows, PruneRemovesExpiredAndIdleSessions) {
    auto alice = insert_local_user("alice");
    auto expired = session(alice, "expired", fixed_now());
    expired.expires_at = fixed_now() + minutes(1);
    insert(expired);
    insert(session(alice, "idle", fixed_now() - hours(24 * 15)));
    insert(session(alice, "live", fixed_now()));
    int pruned = db.write([&](Connection& c) {
        return storage::prune_web_sessions(c, fixed_now() + minutes(1), fixed_now() - hours(24 * 14));
    });
    EXPECT_EQ(pruned, 2);
    EXPECT_TRUE(exists("live"));
    EXPECT_FALSE(exists("idle"));
    EXPECT_FALSE(exists("expired"));
}

TEST_F(WebSessionRows, EndingAnAccountsSessionsCanKeepOne) {
    auto alice = insert_local_user("alice");
    auto keep = session(alice, "keep", fixed_now());
    insert(keep);
    insert(session(alice, "other", fixed_now()));
    EXPECT_EQ(db.write([&](Connection& c) { return storage::delete_account_web_sessions(c, alice.id, keep.id); }), 1);
    EXPECT_TRUE(exists("keep"));
    EXPECT_EQ(db.write([&](Connection& c) { return storage::delete_account_web_sessions(c, alice.id); }), 1);
    EXPECT_EQ(count(alice), 0);
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::delete_web_session(c, keep.id); }));
}

TEST_F(WebSessionRows, SessionsGoWithTheirAccount) {
    auto alice = insert_local_user("alice");
    insert(session(alice, "s", fixed_now()));
    db.write([&](Connection& c) { c.prepare("DELETE FROM accounts WHERE id = ?").bind(1, alice.id).run(); });
    EXPECT_FALSE(exists("s"));
}

}  // namespace
}  // namespace gesso::test
