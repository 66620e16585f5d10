#pragma once
// Local accounts: creation (with keys, in one transaction), suspension, passwords, the instance actor.
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

struct NewLocalAccount {
    std::string username;
    std::string email;
    std::string password;
    bool admin = false;
    bool approved = true;
    std::string registration_reason = {};  // why they want to join (registrations by approval); shown to admins
};

// Throws core::Error(unprocessable) with a reason when `username` is not 1-30 of [A-Za-z0-9_] or reserved.
void validate_username(std::string_view username);
void validate_email(std::string_view email);
void validate_password(std::string_view password);

// Creates a local account, its login and its RSA and Ed25519 keys, atomically. Throws core::Error:
// unprocessable for invalid input, conflict if the username or e-mail is taken.
core::Account create_local_account(Context& ctx, const NewLocalAccount& input);

// The node's own actor (type Application) used to sign fetches; created with its keys on first call.
core::Account ensure_instance_actor(Context& ctx);
std::optional<core::Account> find_instance_actor(Context& ctx);

// Local account by username, or core::Error(not_found).
core::Account require_local_account(Context& ctx, std::string_view username);

// Suspends (true) or unsuspends (false). Throws not_found for an unknown username. A suspended account cannot
// sign in or use its tokens, its pages and documents answer 410, and its sessions end.
void set_account_suspended(Context& ctx, std::string_view username, bool suspended);
// The same for any account (local or remote) by id. Throws not_found for an unknown id.
void set_account_suspended(Context& ctx, core::Id account_id, bool suspended);
// The same inside the caller's write transaction: suspended since `at`, or unsuspended (nullopt). Returns
// false for an unknown id.
bool apply_suspension(storage::Connection& conn, core::Id account_id, std::optional<core::TimePoint> at);

// Approves a sign-up made while registrations need approval: the person can sign in from now on. Throws
// not_found for an unknown username or an account without a login.
void approve_account(Context& ctx, std::string_view username);

// Rejects a sign-up waiting for approval: the account, its login and keys are deleted (the username and
// e-mail become free again). Throws not_found for an unknown username, conflict when it is not waiting.
void reject_account(Context& ctx, std::string_view username);

// Sets a new password (validated) for a local user. Throws not_found for an unknown username.
void reset_password(Context& ctx, std::string_view username, std::string_view new_password);

// Records that the user did something now (for NodeInfo's active-user counts).
void touch_user_activity(Context& ctx, core::Id account_id);

}  // namespace gesso::activitypub
