// storage/accounts: accounts (local and remote), users, keys, suspension and NodeInfo usage counts.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/error.hpp"
#include "storage/statuses.hpp"
#include "storage_fixture.hpp"
#include "support/expect_error.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using core::Errc;
using storage::Connection;

class AccountsRepository : public MigratedDatabase {
protected:
    std::optional<core::Account> find(core::Id id) {
        return db.read([&](Connection& conn) { return storage::find_account(conn, id); });
    }
    std::optional<core::Account> find_local(const std::string& username) {
        return db.read([&](Connection& conn) { return storage::find_local_account(conn, username); });
    }
    std::optional<core::User> user_of(core::Id account_id) {
        return db.read([&](Connection& conn) { return storage::find_user_by_account(conn, account_id); });
    }
    // The Errc of a write that inserts `a`, or nullopt on success.
    std::optional<Errc> insert_error(const core::Account& a) {
        return error_of([&] { db.write([&](Connection& conn) { storage::insert_account(conn, a); }); });
    }
};

void expect_same_account(const core::Account& got, const core::Account& want) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.username, want.username);
    EXPECT_EQ(got.domain, want.domain);
    EXPECT_EQ(got.display_name, want.display_name);
    EXPECT_EQ(got.note, want.note);
    EXPECT_EQ(got.uri, want.uri);
    EXPECT_EQ(got.url, want.url);
    EXPECT_EQ(got.actor_type, want.actor_type);
    EXPECT_EQ(got.inbox_url, want.inbox_url);
    EXPECT_EQ(got.outbox_url, want.outbox_url);
    EXPECT_EQ(got.shared_inbox_url, want.shared_inbox_url);
    EXPECT_EQ(got.followers_url, want.followers_url);
    EXPECT_EQ(got.following_url, want.following_url);
    EXPECT_EQ(got.featured_url, want.featured_url);
    EXPECT_EQ(got.avatar_url, want.avatar_url);
    EXPECT_EQ(got.header_url, want.header_url);
    EXPECT_EQ(got.locked, want.locked);
    EXPECT_EQ(got.discoverable, want.discoverable);
    EXPECT_EQ(got.indexable, want.indexable);
    EXPECT_EQ(got.bot, want.bot);
    EXPECT_EQ(got.suspended_at, want.suspended_at);
    EXPECT_EQ(got.created_at, want.created_at);
    EXPECT_EQ(got.updated_at, want.updated_at);
}

TEST_F(AccountsRepository, EveryAccountFieldRoundTrips) {
    core::Account zed;
    zed.id = 987654321;
    zed.username = "Zed_99";
    zed.domain = "far.example";
    zed.display_name = "Zed \xE2\x9C\x8E <the \"painter\">";
    zed.note = "<p>line one</p>\n<p>line two</p>";
    zed.uri = "https://far.example/u/zed";
    zed.url = "https://far.example/@zed";
    zed.actor_type = "Service";
    zed.inbox_url = "https://far.example/u/zed/inbox";
    zed.outbox_url = "https://far.example/u/zed/outbox";
    zed.shared_inbox_url = "https://far.example/inbox";
    zed.followers_url = "https://far.example/u/zed/followers";
    zed.following_url = "https://far.example/u/zed/following";
    zed.featured_url = "https://far.example/u/zed/pinned";
    zed.avatar_url = "https://cdn.far.example/a.webp";
    zed.header_url = "https://cdn.far.example/h.webp";
    zed.locked = true;
    zed.discoverable = true;
    zed.indexable = true;
    zed.bot = true;
    zed.suspended_at = fixed_now() + 123ms;
    zed.created_at = fixed_now() - days(400) + 1ms;
    zed.updated_at = fixed_now() - 5s + 999ms;
    ASSERT_EQ(insert_error(zed), std::nullopt);

    auto by_id = find(zed.id);
    ASSERT_TRUE(by_id);
    expect_same_account(*by_id, zed);
    auto by_uri = db.read([&](Connection& conn) { return storage::find_account_by_uri(conn, zed.uri); });
    ASSERT_TRUE(by_uri);
    expect_same_account(*by_uri, zed);
    EXPECT_FALSE(by_id->is_local());
    EXPECT_TRUE(by_id->is_suspended());
}

TEST_F(AccountsRepository, DefaultsRoundTripToo) {
    core::Account alice = local_account("alice");
    ASSERT_EQ(insert_error(alice), std::nullopt);
    auto got = find(alice.id);
    ASSERT_TRUE(got);
    expect_same_account(*got, alice);
    EXPECT_EQ(got->domain, "");
    EXPECT_TRUE(got->is_local());
    EXPECT_FALSE(got->is_suspended());
    EXPECT_EQ(got->actor_type, "Person");
}

TEST_F(AccountsRepository, MissingAccountsAreNullopt) {
    EXPECT_FALSE(find(12345));
    EXPECT_FALSE(find_local("nobody"));
    EXPECT_FALSE(db.read([](Connection& conn) { return storage::find_account_by_uri(conn, "https://x/y"); }));
    EXPECT_FALSE(user_of(12345));
}

TEST_F(AccountsRepository, LocalLookupIsCaseInsensitiveAndIgnoresRemoteNamesakes) {
    core::Account remote = insert_remote("alice", "far.example");
    EXPECT_FALSE(find_local("alice")) << "a remote alice is not a local one";
    core::Account local = insert_local_user("Alice");
    auto got = find_local("aLICE");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, local.id);
    EXPECT_EQ(got->username, "Alice");  // stored as given
    EXPECT_NE(got->id, remote.id);
}

TEST_F(AccountsRepository, UriLookupIsExact) {
    core::Account alice = insert_local_user("alice");
    EXPECT_TRUE(db.read([&](Connection& conn) { return storage::find_account_by_uri(conn, alice.uri); }));
    EXPECT_FALSE(db.read([&](Connection& conn) { return storage::find_account_by_uri(conn, alice.uri + "/"); }));
}

TEST_F(AccountsRepository, DuplicateUriIsAConflict) {
    core::Account first = local_account("alice");
    ASSERT_EQ(insert_error(first), std::nullopt);
    core::Account second = remote_account("someone", "far.example");
    second.uri = first.uri;
    EXPECT_EQ(insert_error(second), Errc::conflict);
}

TEST_F(AccountsRepository, DuplicateUsernameAtDomainIgnoresCase) {
    ASSERT_EQ(insert_error(local_account("alice")), std::nullopt);
    core::Account shouting = local_account("ALICE");
    shouting.uri = "https://art.example/users/ALICE-2";
    EXPECT_EQ(insert_error(shouting), Errc::conflict);

    ASSERT_EQ(insert_error(remote_account("zed", "far.example")), std::nullopt);
    core::Account again = remote_account("Zed", "FAR.example");
    again.uri = "https://far.example/other-zed";
    EXPECT_EQ(insert_error(again), Errc::conflict);

    // The same name on another domain is another person.
    EXPECT_EQ(insert_error(remote_account("alice", "far.example")), std::nullopt);
    EXPECT_EQ(insert_error(remote_account("zed", "near.example")), std::nullopt);
    EXPECT_EQ(count_rows("accounts"), 4);
}

TEST_F(AccountsRepository, DuplicateIdIsAConflict) {
    core::Account a = local_account("alice");
    ASSERT_EQ(insert_error(a), std::nullopt);
    core::Account b = local_account("bob");
    b.id = a.id;
    EXPECT_EQ(insert_error(b), Errc::conflict);
}

// --- users ---

TEST_F(AccountsRepository, UserRoundTrip) {
    core::Account alice = local_account("alice");
    core::User u;
    u.id = next_id();
    u.account_id = alice.id;
    u.email = "Alice@Example.TEST";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.admin = true;
    u.approved = false;
    u.created_at = fixed_now() - 7ms;
    u.last_active_at = fixed_now() - hours(3);
    db.write([&](Connection& conn) {
        storage::insert_account(conn, alice);
        storage::insert_user(conn, u);
    });
    auto got = user_of(alice.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, u.id);
    EXPECT_EQ(got->account_id, alice.id);
    EXPECT_EQ(got->email, "Alice@Example.TEST");
    EXPECT_EQ(got->password_hash, u.password_hash);
    EXPECT_TRUE(got->admin);
    EXPECT_FALSE(got->approved);
    EXPECT_EQ(got->created_at, u.created_at);
    EXPECT_EQ(got->last_active_at, u.last_active_at);
}

TEST_F(AccountsRepository, NeverActiveUserHasNoLastActiveTime) {
    core::Account bob = insert_local_user("bob");
    auto got = user_of(bob.id);
    ASSERT_TRUE(got);
    EXPECT_FALSE(got->last_active_at);
    EXPECT_TRUE(got->approved);
    EXPECT_FALSE(got->admin);
}

TEST_F(AccountsRepository, EmailTakenIgnoresCase) {
    insert_local_user("alice");  // alice@example.test
    auto taken = [&](const std::string& email) {
        return db.read([&](Connection& conn) { return storage::email_taken(conn, email); });
    };
    EXPECT_TRUE(taken("alice@example.test"));
    EXPECT_TRUE(taken("ALICE@Example.Test"));
    EXPECT_FALSE(taken("alice@example.tes"));
    EXPECT_FALSE(taken("bob@example.test"));
}

TEST_F(AccountsRepository, DuplicateEmailInAnyCaseIsAConflict) {
    insert_local_user("alice");
    core::Account bob = local_account("bob");
    core::User u = user_for(bob);
    u.email = "ALICE@EXAMPLE.TEST";
    try {
        db.write([&](Connection& conn) {
            storage::insert_account(conn, bob);
            storage::insert_user(conn, u);
        });
        FAIL() << "second user with the same e-mail";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
    }
    EXPECT_FALSE(find_local("bob")) << "the account insert was not rolled back with the user";
}

TEST_F(AccountsRepository, AnyAdminLooksOnlyAtTheAdminFlag) {
    auto any_admin = [&] { return db.read([](Connection& conn) { return storage::any_admin(conn); }); };
    EXPECT_FALSE(any_admin());
    insert_local_user("bob");
    EXPECT_FALSE(any_admin());
    insert_local_user("root_user", true);
    EXPECT_TRUE(any_admin());
}

TEST_F(AccountsRepository, SetPasswordHashOnlyForAccountsWithALogin) {
    core::Account alice = insert_local_user("alice");
    core::Account zed = insert_remote("zed", "far.example");
    EXPECT_TRUE(db.write([&](Connection& conn) { return storage::set_password_hash(conn, alice.id, "new-hash"); }));
    EXPECT_EQ(user_of(alice.id)->password_hash, "new-hash");
    EXPECT_FALSE(db.write([&](Connection& conn) { return storage::set_password_hash(conn, zed.id, "x"); }));
    EXPECT_FALSE(db.write([&](Connection& conn) { return storage::set_password_hash(conn, 999, "x"); }));
}

TEST_F(AccountsRepository, TouchUserSetsLastActive) {
    core::Account alice = insert_local_user("alice");
    core::Account bob = insert_local_user("bob");
    db.write([&](Connection& conn) { storage::touch_user(conn, alice.id, fixed_now() + 42ms); });
    EXPECT_EQ(user_of(alice.id)->last_active_at, fixed_now() + 42ms);
    EXPECT_FALSE(user_of(bob.id)->last_active_at) << "touched the wrong user";
    db.write([&](Connection& conn) { storage::touch_user(conn, alice.id, fixed_now() + 1h); });
    EXPECT_EQ(user_of(alice.id)->last_active_at, fixed_now() + 1h);
}

// --- keys ---

TEST_F(AccountsRepository, KeysComeBackRsaFirstWhateverTheInsertOrder) {
    core::Account alice = insert_local_user("alice");
    core::Account bob = insert_local_user("bob");
    core::KeyPair ed{next_id(), alice.id, core::KeyType::ed25519, alice.uri + "#ed25519-key", "ED-PUB", "ED-PRIV"};
    core::KeyPair rsa{next_id(), alice.id, core::KeyType::rsa, alice.uri + "#main-key", "RSA-PUB", "RSA-PRIV"};
    core::KeyPair bobs{next_id(), bob.id, core::KeyType::rsa, bob.uri + "#main-key", "BOB-PUB", ""};
    ASSERT_LT(ed.id, rsa.id);
    db.write([&](Connection& conn) {
        storage::insert_key(conn, ed);
        storage::insert_key(conn, rsa);
        storage::insert_key(conn, bobs);
    });
    auto keys = db.read([&](Connection& conn) { return storage::find_keys(conn, alice.id); });
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].type, core::KeyType::rsa);
    EXPECT_EQ(keys[0].id, rsa.id);
    EXPECT_EQ(keys[0].account_id, alice.id);
    EXPECT_EQ(keys[0].key_id, "https://art.example/users/alice#main-key");
    EXPECT_EQ(keys[0].public_pem, "RSA-PUB");
    EXPECT_EQ(keys[0].private_pem, "RSA-PRIV");
    EXPECT_EQ(keys[1].type, core::KeyType::ed25519);
    EXPECT_EQ(keys[1].public_pem, "ED-PUB");
    EXPECT_EQ(keys[1].private_pem, "ED-PRIV");
    auto none = db.read([&](Connection& conn) { return storage::find_keys(conn, 4242); });
    EXPECT_TRUE(none.empty());
}

TEST_F(AccountsRepository, DuplicateKeyIdIsAConflict) {
    core::Account alice = insert_local_user("alice");
    core::KeyPair k{next_id(), alice.id, core::KeyType::rsa, alice.uri + "#main-key", "P", "S"};
    db.write([&](Connection& conn) { storage::insert_key(conn, k); });
    k.id = next_id();
    try {
        db.write([&](Connection& conn) { storage::insert_key(conn, k); });
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
    }
}

// --- listing and suspension ---

TEST_F(AccountsRepository, ListLocalUsersOldestFirstWithoutRemoteOrLoginlessAccounts) {
    core::Account carol = insert_local_user("carol", true);
    insert_remote("zed", "far.example");
    core::Account loginless = local_account("instance");  // like the instance actor: no user row
    db.write([&](Connection& conn) { storage::insert_account(conn, loginless); });
    core::Account alice = insert_local_user("alice");
    auto users = db.read([](Connection& conn) { return storage::list_local_users(conn); });
    ASSERT_EQ(users.size(), 2u);
    EXPECT_EQ(users[0].account.username, "carol");
    EXPECT_EQ(users[0].account.id, carol.id);
    EXPECT_EQ(users[0].user.account_id, carol.id);
    EXPECT_EQ(users[0].user.email, "carol@example.test");
    EXPECT_TRUE(users[0].user.admin);
    EXPECT_EQ(users[1].account.username, "alice");
    EXPECT_EQ(users[1].account.uri, "https://art.example/users/alice");
    EXPECT_FALSE(users[1].user.admin);
    EXPECT_EQ(users[1].user.password_hash, "$argon2id$fake-hash-of-alice");
    EXPECT_EQ(users[1].user.created_at, fixed_now());
    EXPECT_EQ(users[1].account.id, alice.id);
}

TEST_F(AccountsRepository, SuspendAndUnsuspend) {
    core::Account alice = insert_local_user("alice");
    core::Account bob = insert_local_user("bob");
    EXPECT_TRUE(db.write([&](Connection& conn) { return storage::set_suspended(conn, alice.id, fixed_now()); }));
    EXPECT_EQ(find(alice.id)->suspended_at, fixed_now());
    EXPECT_FALSE(find(bob.id)->is_suspended());
    EXPECT_TRUE(db.write([&](Connection& conn) { return storage::set_suspended(conn, alice.id, std::nullopt); }));
    EXPECT_FALSE(find(alice.id)->is_suspended());
    EXPECT_FALSE(db.write([&](Connection& conn) { return storage::set_suspended(conn, 777, fixed_now()); }));
}

// --- NodeInfo usage ---

class NodeUsageAt : public AccountsRepository {
protected:
    void active(const core::Account& a, core::TimePoint at) {
        db.write([&](Connection& conn) { storage::touch_user(conn, a.id, at); });
    }
    core::Status status_by(const core::Account& a, bool local) {
        core::Status s;
        s.id = next_id();
        s.account_id = a.id;
        s.uri = a.uri + "/statuses/" + std::to_string(s.id);
        s.local = local;
        s.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::insert_status(conn, s); });
        return s;
    }
    storage::NodeUsage usage() {
        return db.read([](Connection& conn) { return storage::node_usage(conn, fixed_now()); });
    }
};

TEST_F(NodeUsageAt, EmptyNode) {
    auto u = usage();
    EXPECT_EQ(u.users_total, 0);
    EXPECT_EQ(u.users_active_month, 0);
    EXPECT_EQ(u.users_active_halfyear, 0);
    EXPECT_EQ(u.local_posts, 0);
}

TEST_F(NodeUsageAt, ActiveWindowsAreThirtyAndOneHundredEightyDays) {
    active(insert_local_user("yesterday"), fixed_now() - days(1));
    active(insert_local_user("edge_month"), fixed_now() - days(30));  // exactly 30 days: still this month
    active(insert_local_user("past_month"), fixed_now() - days(30) - 1ms);
    active(insert_local_user("edge_half"), fixed_now() - days(180));
    active(insert_local_user("long_ago"), fixed_now() - days(181));
    insert_local_user("never");
    auto u = usage();
    EXPECT_EQ(u.users_total, 6);
    EXPECT_EQ(u.users_active_month, 2);     // yesterday, edge_month
    EXPECT_EQ(u.users_active_halfyear, 4);  // + past_month, edge_half
}

TEST_F(NodeUsageAt, SuspendedUsersAndLoginlessAccountsAreNotCounted) {
    core::Account alice = insert_local_user("alice");
    active(alice, fixed_now() - hours(1));
    core::Account mallory = insert_local_user("mallory");
    active(mallory, fixed_now() - hours(1));
    db.write([&](Connection& conn) { storage::set_suspended(conn, mallory.id, fixed_now()); });
    insert_remote("zed", "far.example");
    db.write([&](Connection& conn) { storage::insert_account(conn, local_account("instance")); });
    auto u = usage();
    EXPECT_EQ(u.users_total, 1);
    EXPECT_EQ(u.users_active_month, 1);
    EXPECT_EQ(u.users_active_halfyear, 1);
}

TEST_F(NodeUsageAt, LocalPostsExcludeRemoteAndDeletedStatuses) {
    core::Account alice = insert_local_user("alice");
    core::Account zed = insert_remote("zed", "far.example");
    status_by(alice, true);
    core::Status deleted = status_by(alice, true);
    status_by(alice, true);
    status_by(zed, false);
    db.write([&](Connection& conn) {
        conn.prepare("UPDATE statuses SET deleted_at = ? WHERE id = ?")
            .bind(1, core::to_unix_ms(fixed_now()))
            .bind(2, deleted.id)
            .run();
    });
    EXPECT_EQ(usage().local_posts, 2);
}

}  // namespace
}  // namespace gesso::test
