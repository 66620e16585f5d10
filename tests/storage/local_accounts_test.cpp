// activitypub/accounts against a real database: creating local accounts (keys, login, conflicts), the
// instance actor, suspension, password resets and activity times, with a pinned clock.
#include <gtest/gtest.h>

#include <chrono>

#include "activitypub/accounts.hpp"
#include "activitypub/context.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/password.hpp"
#include "core/error.hpp"
#include "storage_fixture.hpp"
#include "support/expect_error.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using core::Errc;
using storage::Connection;

class PinnedClock final : public core::Clock {
public:
    core::TimePoint now() const override { return at; }
    core::TimePoint at = fixed_now();
};

class LocalAccounts : public MigratedDatabase {
protected:
    PinnedClock clock;
    activitypub::Context ctx{db, ids, clock, activitypub::NodeUrls{"http", "localhost:8080"},
                             activitypub::NodeSettings{}};

    activitypub::NewLocalAccount input(const std::string& username, const std::string& email = "") {
        return {username, email.empty() ? username + "@example.test" : email, "correct horse battery", false, true};
    }
    std::optional<core::User> user_of(core::Id account_id) {
        return db.read([&](Connection& conn) { return storage::find_user_by_account(conn, account_id); });
    }
};

TEST_F(LocalAccounts, CreateStoresAccountLoginAndBothKeys) {
    core::Account alice = activitypub::create_local_account(ctx, {"alice", "alice@example.test", "correct horse battery",
                                                                  true, false});
    EXPECT_EQ(alice.uri, "http://localhost:8080/users/alice");
    EXPECT_EQ(alice.url, "http://localhost:8080/@alice");
    EXPECT_EQ(alice.created_at, fixed_now());

    auto stored = db.read([](Connection& conn) { return storage::find_local_account(conn, "alice"); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->id, alice.id);
    EXPECT_EQ(stored->domain, "");
    EXPECT_EQ(stored->created_at, fixed_now());

    auto user = user_of(alice.id);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->email, "alice@example.test");
    EXPECT_TRUE(user->admin);
    EXPECT_FALSE(user->approved);
    EXPECT_TRUE(activitypub::verify_password("correct horse battery", user->password_hash));

    auto keys = db.read([&](Connection& conn) { return storage::find_keys(conn, alice.id); });
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].type, core::KeyType::rsa);
    EXPECT_EQ(keys[0].key_id, "http://localhost:8080/users/alice#main-key");
    EXPECT_EQ(activitypub::rsa_public_key_bits(keys[0].public_pem), 2048);
    EXPECT_FALSE(keys[0].private_pem.empty());
    EXPECT_EQ(keys[1].type, core::KeyType::ed25519);
    EXPECT_EQ(keys[1].key_id, "http://localhost:8080/users/alice#ed25519-key");
    EXPECT_NE(keys[0].public_pem, keys[1].public_pem);
}

TEST_F(LocalAccounts, DuplicateUsernameInAnyCaseIsAConflict) {
    activitypub::create_local_account(ctx, input("alice"));
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, input("ALICE", "other@example.test")); }),
              Errc::conflict);
    EXPECT_EQ(count_rows("accounts"), 1);
    EXPECT_EQ(count_rows("keys"), 2);
}

TEST_F(LocalAccounts, DuplicateEmailInAnyCaseIsAConflict) {
    activitypub::create_local_account(ctx, input("alice"));
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, input("bob", "ALICE@example.TEST")); }),
              Errc::conflict);
    EXPECT_EQ(count_rows("accounts"), 1);
    EXPECT_EQ(count_rows("users"), 1);
}

TEST_F(LocalAccounts, RemoteNamesakeDoesNotBlockALocalName) {
    insert_remote("alice", "far.example");
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, input("alice")); }), std::nullopt);
}

TEST_F(LocalAccounts, InvalidInputIsUnprocessableAndWritesNothing) {
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, input("bad name")); }), Errc::unprocessable);
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, input("alice", "no-at-sign")); }),
              Errc::unprocessable);
    auto weak = input("alice");
    weak.password = "short";
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, weak); }), Errc::unprocessable);
    EXPECT_EQ(count_rows("accounts"), 0);
}

TEST_F(LocalAccounts, TheHostNameBelongsToTheInstanceActor) {
    // The instance actor's preferredUsername is the host ("localhost" here); a person may not take it.
    EXPECT_EQ(error_of([&] { activitypub::create_local_account(ctx, input("LocalHost")); }), Errc::unprocessable);
    core::Account instance = activitypub::ensure_instance_actor(ctx);
    EXPECT_EQ(instance.username, "localhost");
    EXPECT_EQ(count_rows("accounts"), 1);
}

TEST_F(LocalAccounts, InstanceActorIsCreatedOnceWithKeysAndNoLogin) {
    core::Account first = activitypub::ensure_instance_actor(ctx);
    core::Account second = activitypub::ensure_instance_actor(ctx);
    EXPECT_EQ(first.id, second.id);
    EXPECT_EQ(first.actor_type, "Application");
    EXPECT_EQ(first.uri, "http://localhost:8080/actor");
    EXPECT_EQ(count_rows("accounts"), 1);
    EXPECT_EQ(count_rows("keys"), 2);
    EXPECT_EQ(count_rows("users"), 0);
    auto found = activitypub::find_instance_actor(ctx);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, first.id);
    auto keys = db.read([&](Connection& conn) { return storage::find_keys(conn, first.id); });
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].key_id, "http://localhost:8080/actor#main-key");
}

TEST_F(LocalAccounts, RequireLocalAccountHidesTheInstanceActorAndRemotes) {
    activitypub::ensure_instance_actor(ctx);
    insert_remote("zed", "far.example");
    activitypub::create_local_account(ctx, input("alice"));
    EXPECT_EQ(activitypub::require_local_account(ctx, "Alice").username, "alice");
    EXPECT_EQ(error_of([&] { activitypub::require_local_account(ctx, "localhost"); }), Errc::not_found);
    EXPECT_EQ(error_of([&] { activitypub::require_local_account(ctx, "zed"); }), Errc::not_found);
    EXPECT_EQ(error_of([&] { activitypub::require_local_account(ctx, "nobody"); }), Errc::not_found);
}

TEST_F(LocalAccounts, SuspensionUsesTheClockAndCanBeLifted) {
    core::Account alice = activitypub::create_local_account(ctx, input("alice"));
    clock.at = fixed_now() + hours(5);
    activitypub::set_account_suspended(ctx, "alice", true);
    auto find = [&] { return db.read([&](Connection& conn) { return storage::find_account(conn, alice.id); }); };
    EXPECT_EQ(find()->suspended_at, fixed_now() + hours(5));
    activitypub::set_account_suspended(ctx, "ALICE", false);
    EXPECT_FALSE(find()->is_suspended());
    EXPECT_EQ(error_of([&] { activitypub::set_account_suspended(ctx, "ghost", true); }), Errc::not_found);
}

TEST_F(LocalAccounts, ResetPasswordValidatesAndReplacesTheHash) {
    core::Account alice = activitypub::create_local_account(ctx, input("alice"));
    EXPECT_EQ(error_of([&] { activitypub::reset_password(ctx, "alice", "short"); }), Errc::unprocessable);
    EXPECT_TRUE(activitypub::verify_password("correct horse battery", user_of(alice.id)->password_hash));
    activitypub::reset_password(ctx, "alice", "a much better passphrase");
    auto hash = user_of(alice.id)->password_hash;
    EXPECT_TRUE(activitypub::verify_password("a much better passphrase", hash));
    EXPECT_FALSE(activitypub::verify_password("correct horse battery", hash));
    EXPECT_EQ(error_of([&] { activitypub::reset_password(ctx, "ghost", "long enough pass"); }), Errc::not_found);
}

TEST_F(LocalAccounts, TouchUserActivityRecordsTheClocksNow) {
    core::Account alice = activitypub::create_local_account(ctx, input("alice"));
    EXPECT_FALSE(user_of(alice.id)->last_active_at);
    clock.at = fixed_now() + minutes(3);
    activitypub::touch_user_activity(ctx, alice.id);
    EXPECT_EQ(user_of(alice.id)->last_active_at, fixed_now() + minutes(3));
    auto usage = db.read([&](Connection& conn) { return storage::node_usage(conn, fixed_now() + days(29)); });
    EXPECT_EQ(usage.users_active_month, 1);
}

}  // namespace
}  // namespace gesso::test
