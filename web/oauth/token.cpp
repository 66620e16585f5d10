// POST /oauth/token, POST /oauth/revoke, GET /.well-known/oauth-authorization-server
// Errors follow RFC 6749 §5.2: {"error": "invalid_grant", "error_description": "..."} with 400 or 401.
#include "activitypub/password.hpp"
#include "activitypub/signatures/encoding.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/oauth.hpp"
#include "web/oauth/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::oauth {

namespace {

struct OAuthError {
    http::status status;
    std::string error;
    std::string description;
};

Response oauth_error(const OAuthError& e) {
    core::JsonWriter w;
    w.begin_object().field("error", e.error).field("error_description", e.description).end_object();
    Response res = json_response(w.str(), "application/json; charset=utf-8", e.status);
    res.set(http::field::cache_control, "no-store");
    return res;
}

std::string token_json(const IssuedToken& t, activitypub::Context&) {
    core::JsonWriter w;
    w.begin_object().field("access_token", t.access_token).field("token_type", "Bearer");
    w.field("scope", t.row.scopes).field("created_at", core::to_unix_ms(t.row.created_at) / 1000);
    if (!t.refresh_token.empty()) w.field("refresh_token", t.refresh_token);
    w.end_object();
    return w.str();
}

// The client, authenticated by client_id and client_secret (body parameters or HTTP Basic).
std::optional<storage::OAuthApp> client(activitypub::Context& ctx, const Request& req, const Params& p) {
    auto id = p.get("client_id");
    auto secret = p.get("client_secret");
    std::string_view auth = req.header(http::field::authorization);
    if ((!id || !secret) && auth.size() > 6 && core::to_lower_ascii(auth.substr(0, 6)) == "basic ") {
        auto decoded = activitypub::base64_decode(auth.substr(6));
        if (decoded && decoded->find(':') != std::string::npos) {
            id = decoded->substr(0, decoded->find(':'));
            secret = decoded->substr(decoded->find(':') + 1);
        }
    }
    if (!id || !secret) return std::nullopt;
    auto app = ctx.db.read([&](storage::Connection& conn) { return storage::find_app_by_client_id(conn, *id); });
    if (!app || app->secret_hash != secret_hash(*secret)) return std::nullopt;
    return app;
}

// The scopes asked for, which must be among the app's; the app's scopes when none are asked.
std::optional<ScopeSet> granted_scopes(const storage::OAuthApp& app, const Params& p) {
    ScopeSet allowed = parse_scopes(app.scopes).value_or(ScopeSet{});
    auto asked = p.get("scope");
    if (!asked || asked->empty()) return allowed;
    auto requested = parse_scopes(*asked);
    if (!requested || !covers_all(allowed, *requested)) return std::nullopt;
    return requested;
}

Response token(activitypub::Context& ctx, const Request& req) {
    Params p = Params::from(req);
    std::string grant = p.get_or("grant_type", "");
    auto app = client(ctx, req, p);
    if (!app) return oauth_error({http::status::unauthorized, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."});
    auto scopes = granted_scopes(*app, p);
    if (!scopes) return oauth_error({http::status::bad_request, "invalid_scope", "The requested scope is invalid, unknown, or malformed."});
    auto now = ctx.clock.now();

    if (grant == "client_credentials") return json_response(token_json(issue_token(ctx, app->id, std::nullopt, *scopes), ctx));

    if (grant == "password") {
        std::string username = p.get_or("username", ""), password = p.get_or("password", "");
        auto user = ctx.db.read([&](storage::Connection& conn) { return storage::find_local_user_by_login(conn, username); });
        bool ok = user && password.size() <= core::limits::kMaxPasswordLength &&
                  activitypub::verify_password(password, user->user.password_hash);
        if (!ok || user->account.is_suspended() || !user->user.approved) {
            return oauth_error({http::status::bad_request, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."});
        }
        return json_response(token_json(issue_token(ctx, app->id, user->account.id, *scopes), ctx));
    }

    if (grant == "authorization_code") {
        std::string code = p.get_or("code", "");
        auto row = ctx.db.write([&](storage::Connection& conn) { return storage::take_code(conn, secret_hash(code)); });
        bool valid = row && row->app_id == app->id && row->expires_at > now &&
                     p.get_or("redirect_uri", row->redirect_uri) == row->redirect_uri;
        if (valid && !row->code_challenge.empty()) valid = pkce_s256(p.get_or("code_verifier", "")) == row->code_challenge;
        if (!valid) {
            return oauth_error({http::status::bad_request, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."});
        }
        return json_response(token_json(issue_token(ctx, app->id, row->account_id, parse_scopes(row->scopes).value_or(ScopeSet{})), ctx));
    }

    if (grant == "refresh_token") {
        std::string refresh = p.get_or("refresh_token", "");
        auto old = ctx.db.read([&](storage::Connection& conn) { return storage::find_token_by_refresh(conn, secret_hash(refresh)); });
        if (!old || old->app_id != app->id || !old->account_id) {
            return oauth_error({http::status::bad_request, "invalid_grant", "The refresh token is invalid."});
        }
        ctx.db.write([&](storage::Connection& conn) { storage::revoke_token(conn, old->id, now); });
        return json_response(token_json(issue_token(ctx, app->id, old->account_id, parse_scopes(old->scopes).value_or(ScopeSet{})), ctx));
    }
    return oauth_error({http::status::bad_request, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server."});
}

Response revoke(activitypub::Context& ctx, const Request& req) {
    Params p = Params::from(req);
    auto app = client(ctx, req, p);
    if (!app) return oauth_error({http::status::forbidden, "unauthorized_client", "You are not authorized to revoke this token"});
    std::string hash = secret_hash(p.get_or("token", ""));
    ctx.db.write([&](storage::Connection& conn) {
        auto token = storage::find_token(conn, hash);
        if (!token) token = storage::find_token_by_refresh(conn, hash);
        if (token && token->app_id == app->id) storage::revoke_token(conn, token->id, ctx.clock.now());
    });
    return json_response("{}");  // RFC 7009: unknown tokens are not an error
}

Response metadata(activitypub::Context& ctx) {
    std::string base = ctx.urls.base();
    core::JsonWriter w;
    w.begin_object().field("issuer", base + "/").field("service_documentation", "https://docs.joinmastodon.org/");
    w.field("authorization_endpoint", base + "/oauth/authorize").field("token_endpoint", base + "/oauth/token");
    w.field("revocation_endpoint", base + "/oauth/revoke").field("app_registration_endpoint", base + "/api/v1/apps");
    w.key("scopes_supported").begin_array();
    for (const char* s : {"read", "write", "follow", "push", "profile", "read:accounts", "read:blocks", "read:bookmarks",
                          "read:favourites", "read:filters", "read:follows", "read:lists", "read:mutes",
                          "read:notifications", "read:search", "read:statuses", "write:accounts", "write:blocks",
                          "write:bookmarks", "write:conversations", "write:favourites", "write:filters",
                          "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
                          "write:reports", "write:statuses"}) {
        w.value(s);
    }
    w.end_array();
    w.key("response_types_supported").begin_array().value("code").end_array();
    w.key("response_modes_supported").begin_array().value("query").value("fragment").value("form_post").end_array();
    w.key("code_challenge_methods_supported").begin_array().value("S256").end_array();
    w.key("grant_types_supported").begin_array().value("authorization_code").value("password").value("client_credentials");
    w.value("refresh_token").end_array();
    w.key("token_endpoint_auth_methods_supported").begin_array().value("client_secret_basic").value("client_secret_post");
    w.end_array().end_object();
    return json_response(w.str());
}

}  // namespace

void add_token_routes(Router& router, activitypub::Context& ctx) {
    router.add(http::verb::post, "/oauth/token", [&ctx](const Request& req) { return token(ctx, req); },
               core::limits::kMaxFormBodyBytes);
    router.add(http::verb::post, "/oauth/revoke", [&ctx](const Request& req) { return revoke(ctx, req); },
               core::limits::kMaxFormBodyBytes);
    router.get("/.well-known/oauth-authorization-server", [&ctx](const Request&) { return metadata(ctx); });
}

}  // namespace gesso::web::oauth
