#pragma once
// Issuing and checking OAuth secrets. Every secret (client secret, code, access and refresh token) is 32
// random bytes as base64url, and only its SHA-256 is stored.
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/oauth.hpp"
#include "web/http.hpp"
#include "web/oauth/scopes.hpp"

namespace gesso::web::oauth {

// The redirect URI of apps that show the code to the person instead of redirecting.
inline constexpr std::string_view kOutOfBand = "urn:ietf:wg:oauth:2.0:oob";

std::string new_secret();
std::string secret_hash(std::string_view secret);
// PKCE S256: base64url(SHA-256(verifier)) without padding.
std::string pkce_s256(std::string_view verifier);

struct IssuedToken {
    std::string access_token;
    std::string refresh_token;  // empty for client_credentials
    storage::OAuthToken row;
};
IssuedToken issue_token(activitypub::Context& ctx, core::Id app_id, std::optional<core::Id> account_id,
                        const ScopeSet& scopes);

// Who a request acts for.
struct Caller {
    storage::OAuthToken token;
    ScopeSet scopes;
    std::optional<core::Account> account;  // empty for app-only (client_credentials) tokens
};

// The hash (secret_hash) of the request's `Authorization: Bearer <token>`, computed once per request and kept
// in it; null without a well-formed bearer header.
const std::string* bearer_token_hash(const Request& req);

// The caller of a request carrying `Authorization: Bearer <token>`, or nullopt without one. Throws
// core::Error(unauthorized, "The access token is invalid") for unknown, revoked or suspended-account tokens.
std::optional<Caller> bearer_caller(activitypub::Context& ctx, const Request& req);
// The caller of a request's bearer token when the token cache (web/oauth/token_cache.hpp) holds it fresh, else
// nullopt (no header, a token not cached or unknown): memory only, for answers on the I/O thread.
std::optional<Caller> cached_bearer_caller(const activitypub::Context& ctx, const Request& req);
// As bearer_caller, but a token is required, with a user (unless `app_ok`), covering `scope`: throws
// unauthorized without one, forbidden ("This action is outside the authorized scopes") when it lacks scope.
Caller require_caller(activitypub::Context& ctx, const Request& req, std::string_view scope, bool app_ok = false);

}  // namespace gesso::web::oauth
