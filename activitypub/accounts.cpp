#include "activitypub/accounts.hpp"

#include <array>

#include "activitypub/keys.hpp"
#include "activitypub/password.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/oauth.hpp"
#include "storage/web_sessions.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;
namespace limits = core::limits;

namespace {

// Names that would confuse people or collide with role addresses.
constexpr std::array<std::string_view, 14> kReservedUsernames = {
    "admin_", "root", "webmaster", "administrator", "hostmaster", "postmaster", "abuse", "security",
    "support", "help", "noreply", "no_reply", "instance_actor", "gesso"};

bool is_username_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void insert_keys(Context& ctx, storage::Connection& conn, core::Id account_id, const std::string& rsa_key_id,
                 const std::string& ed_key_id, const PemKeyPair& rsa, const PemKeyPair& ed) {
    storage::insert_key(conn, {ctx.ids.next(), account_id, core::KeyType::rsa, rsa_key_id, rsa.public_pem,
                               rsa.private_pem});
    storage::insert_key(conn, {ctx.ids.next(), account_id, core::KeyType::ed25519, ed_key_id, ed.public_pem,
                               ed.private_pem});
}

}  // namespace

void validate_username(std::string_view username) {
    if (username.empty()) throw Error(Errc::unprocessable, "username must not be empty");
    if (username.size() > limits::kMaxUsernameLength) {
        throw Error(Errc::unprocessable,
                    "username must be at most " + std::to_string(limits::kMaxUsernameLength) + " characters");
    }
    for (char c : username) {
        if (!is_username_char(c)) {
            throw Error(Errc::unprocessable, "username may contain only letters, digits and underscores");
        }
    }
    std::string lower = core::to_lower_ascii(username);
    for (auto reserved : kReservedUsernames) {
        if (lower == reserved) throw Error(Errc::unprocessable, "username '" + lower + "' is reserved");
    }
}

void validate_email(std::string_view email) {
    auto at = email.find('@');
    bool ok = !email.empty() && email.size() <= limits::kMaxEmailLength && at != std::string_view::npos && at > 0 &&
              at + 1 < email.size() && email.find('@', at + 1) == std::string_view::npos &&
              email.find_first_of(" \t\r\n<>\"") == std::string_view::npos;
    if (!ok) throw Error(Errc::unprocessable, "e-mail address is not valid");
}

void validate_password(std::string_view password) {
    if (password.size() < limits::kMinPasswordLength) {
        throw Error(Errc::unprocessable,
                    "password must be at least " + std::to_string(limits::kMinPasswordLength) + " characters");
    }
    if (password.size() > limits::kMaxPasswordLength) {
        throw Error(Errc::unprocessable,
                    "password must be at most " + std::to_string(limits::kMaxPasswordLength) + " characters");
    }
}

core::Account create_local_account(Context& ctx, const NewLocalAccount& input) {
    validate_username(input.username);
    if (core::iequals_ascii(input.username, ctx.urls.host())) {
        throw Error(Errc::unprocessable, "username '" + input.username + "' is reserved for the instance actor");
    }
    validate_email(input.email);
    validate_password(input.password);

    // The slow parts (key generation, Argon2) happen before the write lock is taken.
    PemKeyPair rsa = generate_rsa_key();
    PemKeyPair ed = generate_ed25519_key();
    std::string hash = hash_password(input.password);

    auto now = ctx.clock.now();
    core::Account account;
    account.id = ctx.ids.next(now);
    account.username = input.username;
    account.uri = ctx.urls.actor(input.username);
    account.url = ctx.urls.profile(input.username);
    account.display_name = input.username;
    account.created_at = account.updated_at = now;

    core::User user;
    user.id = ctx.ids.next(now);
    user.account_id = account.id;
    user.email = input.email;
    user.password_hash = hash;
    user.admin = input.admin;
    user.approved = input.approved;
    user.created_at = now;

    ctx.db.write([&](storage::Connection& conn) {
        if (storage::find_local_account(conn, input.username)) {
            throw Error(Errc::conflict, "username '" + input.username + "' is already taken");
        }
        if (storage::email_taken(conn, input.email)) throw Error(Errc::conflict, "e-mail address is already in use");
        storage::insert_account(conn, account);
        storage::insert_user(conn, user);
        if (!input.registration_reason.empty()) storage::set_registration_reason(conn, account.id, input.registration_reason);
        insert_keys(ctx, conn, account.id, ctx.urls.rsa_key_id(account.username),
                    ctx.urls.ed25519_key_id(account.username), rsa, ed);
    });
    return account;
}

std::optional<core::Account> find_instance_actor(Context& ctx) {
    return ctx.db.read([&](storage::Connection& conn) {
        return storage::find_account_by_uri(conn, ctx.urls.instance_actor());
    });
}

core::Account ensure_instance_actor(Context& ctx) {
    if (auto existing = find_instance_actor(ctx)) return *existing;
    PemKeyPair rsa = generate_rsa_key();
    PemKeyPair ed = generate_ed25519_key();
    auto now = ctx.clock.now();
    core::Account actor;
    actor.id = ctx.ids.next(now);
    actor.username = ctx.urls.host();
    actor.actor_type = "Application";
    actor.display_name = ctx.settings.title;
    actor.uri = ctx.urls.instance_actor();
    actor.url = ctx.urls.base() + "/";
    actor.locked = true;  // nobody follows the instance actor
    actor.created_at = actor.updated_at = now;
    return ctx.db.write([&](storage::Connection& conn) {
        if (auto raced = storage::find_account_by_uri(conn, actor.uri)) return *raced;
        storage::insert_account(conn, actor);
        insert_keys(ctx, conn, actor.id, ctx.urls.instance_key_id(), ctx.urls.instance_actor() + "#ed25519-key", rsa,
                    ed);
        return actor;
    });
}

core::Account require_local_account(Context& ctx, std::string_view username) {
    auto account = ctx.db.read([&](storage::Connection& conn) { return storage::find_local_account(conn, username); });
    if (!account || account->actor_type == "Application") {
        throw Error(Errc::not_found, "no account '" + std::string(username) + "'");
    }
    return *account;
}

void set_account_suspended(Context& ctx, std::string_view username, bool suspended) {
    set_account_suspended(ctx, require_local_account(ctx, username).id, suspended);
}

bool apply_suspension(storage::Connection& conn, core::Id account_id, std::optional<core::TimePoint> at) {
    if (!storage::set_suspended(conn, account_id, at)) return false;
    // Sessions end now rather than at their next request; tokens are refused while suspended.
    if (at) storage::delete_account_web_sessions(conn, account_id);
    return true;
}

void set_account_suspended(Context& ctx, core::Id account_id, bool suspended) {
    bool found = ctx.db.write([&](storage::Connection& conn) {
        return apply_suspension(conn, account_id, suspended ? std::optional(ctx.clock.now()) : std::nullopt);
    });
    if (!found) throw Error(Errc::not_found, "no such account");
}

void reset_password(Context& ctx, std::string_view username, std::string_view new_password) {
    validate_password(new_password);
    core::Account account = require_local_account(ctx, username);
    std::string hash = hash_password(new_password);
    // A reset is what an admin does for a compromised account: every browser session and app token ends with it.
    bool updated = ctx.db.write([&](storage::Connection& conn) {
        if (!storage::set_password_hash(conn, account.id, hash)) return false;
        storage::revoke_account_tokens(conn, account.id, ctx.clock.now());
        storage::delete_account_web_sessions(conn, account.id);
        return true;
    });
    if (!updated) throw Error(Errc::not_found, "account '" + std::string(username) + "' has no login");
}

void approve_account(Context& ctx, std::string_view username) {
    core::Account account = require_local_account(ctx, username);
    bool updated = ctx.db.write([&](storage::Connection& conn) { return storage::set_user_approved(conn, account.id, true); });
    if (!updated) throw Error(Errc::not_found, "account '" + std::string(username) + "' has no login");
}

void reject_account(Context& ctx, std::string_view username) {
    core::Account account = require_local_account(ctx, username);
    bool deleted = ctx.db.write([&](storage::Connection& conn) { return storage::delete_pending_account(conn, account.id); });
    if (!deleted) throw Error(Errc::conflict, "account '" + std::string(username) + "' is not waiting for approval");
}

void touch_user_activity(Context& ctx, core::Id account_id) {
    ctx.db.write([&](storage::Connection& conn) {
        storage::touch_user(conn, account_id, ctx.clock.now());
    });
}

}  // namespace gesso::activitypub
