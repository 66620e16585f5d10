#pragma once
// Accounts (local and remote), the users behind local accounts, and their keys.
// Every function runs on the connection it is given: inside Database::write for changes.
#include <optional>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Inserts `account` with its id as given. Throws core::Error(conflict) if the username@domain or uri exists.
void insert_account(Connection& conn, const core::Account& account);
void insert_user(Connection& conn, const core::User& user);
void insert_key(Connection& conn, const core::KeyPair& key);

std::optional<core::Account> find_account(Connection& conn, core::Id id);
// Local account by username, case-insensitively.
std::optional<core::Account> find_local_account(Connection& conn, std::string_view username);
std::optional<core::Account> find_account_by_uri(Connection& conn, std::string_view uri);

std::optional<core::User> find_user_by_account(Connection& conn, core::Id account_id);
bool email_taken(Connection& conn, std::string_view email);
bool any_admin(Connection& conn);

struct LocalUser {
    core::Account account;
    core::User user;
};
// Local accounts that have a login, oldest first.
std::vector<LocalUser> list_local_users(Connection& conn);
// A page of local users for the admin list: sign-ups waiting for approval first, then oldest first; only those
// whose username, display name or e-mail contains `search` (case-insensitively) when it is not empty. Skips
// `offset` rows, returns at most `limit`.
std::vector<LocalUser> list_local_users_page(Connection& conn, std::string_view search, int offset, int limit);
// Deletes a local account whose sign-up is still waiting for approval (its login, keys and everything it
// owns go with it). Returns false (and deletes nothing) when it has no login or was approved.
bool delete_pending_account(Connection& conn, core::Id account_id);
// The local user whose e-mail or username is `login` (case-insensitively), if any.
std::optional<LocalUser> find_local_user_by_login(Connection& conn, std::string_view login);

// Sets or clears suspended_at. Returns false if no such account.
bool set_suspended(Connection& conn, core::Id account_id, std::optional<core::TimePoint> at);
// Sets whether the account hides its follower and following lists from others (only the counts are shown).
// Returns false if no such account.
bool set_collections_hidden(Connection& conn, core::Id account_id, bool hidden);
// True when the account hides its follower and following lists; false for unknown accounts.
bool collections_hidden(Connection& conn, core::Id account_id);
// Approves (or un-approves) a user's sign-up. Returns false if the account has no user.
bool set_user_approved(Connection& conn, core::Id account_id, bool approved);
// The reason given at sign-up (registrations by approval). Returns false if the account has no user.
bool set_registration_reason(Connection& conn, core::Id account_id, std::string_view reason);
std::string registration_reason(Connection& conn, core::Id account_id);
// Returns false if the account has no user.
bool set_password_hash(Connection& conn, core::Id account_id, std::string_view hash);

// Sets the user's last_active_at.
void touch_user(Connection& conn, core::Id account_id, core::TimePoint at);

// Inserts a remote account, or updates the stored one with the same uri (keeping its id and created_at).
// Sets fetched_at to `fetched_at`. Returns the stored account.
core::Account upsert_remote_account(Connection& conn, const core::Account& account, core::TimePoint fetched_at);
// When the remote account was last fetched, if ever.
std::optional<core::TimePoint> account_fetched_at(Connection& conn, core::Id account_id);

// Inserts or replaces the public key `key.key_id` (remote keys have no private part).
void upsert_public_key(Connection& conn, const core::KeyPair& key);
// A key by its id (e.g. https://host/users/bob#main-key).
std::optional<core::KeyPair> find_key_by_key_id(Connection& conn, std::string_view key_id);

// The account's keys, RSA first.
std::vector<core::KeyPair> find_keys(Connection& conn, core::Id account_id);

// Local accounts (people and the instance actor) that have no key of `type` with a private part: the ones
// created before that key type existed. Oldest first.
std::vector<core::Account> local_accounts_without_private_key(Connection& conn, core::KeyType type);

struct NodeUsage {
    std::int64_t users_total = 0;       // local people with a login, not suspended
    std::int64_t users_active_month = 0;
    std::int64_t users_active_halfyear = 0;
    std::int64_t local_posts = 0;
};
NodeUsage node_usage(Connection& conn, core::TimePoint now);

// The accounts of `ids` that exist, in no particular order (one query per page).
std::vector<core::Account> find_accounts(Connection& conn, const std::vector<core::Id>& ids);

}  // namespace gesso::storage
