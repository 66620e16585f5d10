#pragma once
// OAuth 2 records: client apps, authorization codes and access tokens. Secrets are never stored, only their
// SHA-256 digests (callers hash; see web/oauth/tokens.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct OAuthApp {
    core::Id id = 0;
    std::string client_id;
    std::string secret_hash;
    std::string name;
    std::string redirect_uris;  // one per line
    std::string scopes;         // space-separated
    std::string website;
    core::TimePoint created_at{};
};

struct OAuthCode {
    std::string code_hash;
    core::Id app_id = 0;
    core::Id account_id = 0;
    std::string scopes;
    std::string redirect_uri;
    std::string code_challenge;  // PKCE S256 challenge; empty without PKCE
    core::TimePoint expires_at{};
};

struct OAuthToken {
    core::Id id = 0;
    std::string token_hash;
    std::optional<std::string> refresh_hash;
    core::Id app_id = 0;
    std::optional<core::Id> account_id;  // empty for client_credentials tokens
    std::string scopes;
    core::TimePoint created_at{};
};

void insert_app(Connection& conn, const OAuthApp& app);
std::optional<OAuthApp> find_app(Connection& conn, core::Id id);
std::optional<OAuthApp> find_app_by_client_id(Connection& conn, std::string_view client_id);

void insert_code(Connection& conn, const OAuthCode& code);
// Removes and returns the code (codes are single-use), whether or not it has expired.
std::optional<OAuthCode> take_code(Connection& conn, std::string_view code_hash);

void insert_token(Connection& conn, const OAuthToken& token);
// A token that is not revoked, by the hash of its access token (or of its refresh token).
std::optional<OAuthToken> find_token(Connection& conn, std::string_view token_hash);
std::optional<OAuthToken> find_token_by_refresh(Connection& conn, std::string_view refresh_hash);
// Marks a token revoked. Returns false when there was no such live token.
bool revoke_token(Connection& conn, core::Id token_id, core::TimePoint at);
// Revokes every token of an account (password reset, suspension). Returns how many.
int revoke_account_tokens(Connection& conn, core::Id account_id, core::TimePoint at);
void touch_token(Connection& conn, core::Id token_id, core::TimePoint at);

// An app the account authorised, summed over its live tokens (the settings page's list).
struct AccountAuthorization {
    OAuthApp app;
    std::string scopes;  // the union of the tokens' scopes, space-separated, sorted
    core::TimePoint first_authorized_at{};
    std::optional<core::TimePoint> last_used_at;
};
// Apps with at least one live token of `account_id`, most recently authorised first (at most `limit`).
std::vector<AccountAuthorization> list_account_authorizations(Connection& conn, core::Id account_id, int limit);
// Revokes every live token `account_id` gave `app_id`. Returns how many.
int revoke_app_tokens(Connection& conn, core::Id account_id, core::Id app_id, core::TimePoint at);

}  // namespace gesso::storage
