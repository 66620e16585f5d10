// GET /oauth/authorize: the sign-in and consent page; POST /oauth/authorize: checks the password and sends the
// browser back to the app with a single-use code (or shows the code for urn:ietf:wg:oauth:2.0:oob).
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "activitypub/password.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/oauth.hpp"
#include "web/oauth/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::oauth {

using core::Errc;
using core::Error;

namespace {

struct AuthorizeRequest {
    storage::OAuthApp app;
    std::string redirect_uri;
    ScopeSet scopes;
    std::string state;
    std::string code_challenge;
};

// Checks what the app asks; errors here are shown to the person, never redirected (the redirect is unverified).
AuthorizeRequest read_request(activitypub::Context& ctx, const Params& p) {
    if (p.get_or("response_type", "code") != "code") throw Error(Errc::bad_request, "response_type must be code");
    auto app = ctx.db.read([&](storage::Connection& conn) { return storage::find_app_by_client_id(conn, p.get_or("client_id", "")); });
    if (!app) throw Error(Errc::bad_request, "unknown client_id: register the app first (POST /api/v1/apps)");
    AuthorizeRequest r{*app, p.get_or("redirect_uri", ""), {}, p.get_or("state", ""), p.get_or("code_challenge", "")};
    std::string registered = "\n" + app->redirect_uris + "\n";
    if (r.redirect_uri.empty()) r.redirect_uri = app->redirect_uris.substr(0, app->redirect_uris.find('\n'));
    if (registered.find("\n" + r.redirect_uri + "\n") == std::string::npos) {
        throw Error(Errc::bad_request, "redirect_uri is not one the app registered");
    }
    std::string method = p.get_or("code_challenge_method", r.code_challenge.empty() ? "" : "S256");
    if (!r.code_challenge.empty() && method != "S256") throw Error(Errc::bad_request, "code_challenge_method must be S256");
    ScopeSet allowed = parse_scopes(app->scopes).value_or(ScopeSet{});
    auto asked = p.get("scope");
    auto scopes = asked && !asked->empty() ? parse_scopes(*asked) : std::optional<ScopeSet>(allowed);
    if (!scopes || !covers_all(allowed, *scopes)) throw Error(Errc::bad_request, "the requested scope is not allowed for this app");
    r.scopes = *scopes;
    return r;
}

std::string page(const std::string& title, const std::string& body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"robots\" content=\"noindex, noai, noimageai\">\n<title>" +
           core::html_escape(title) + "</title>\n</head><body><main>\n" + body + "</main></body></html>\n";
}

Response html(std::string body, http::status status = http::status::ok) {
    Response res = text_response(std::move(body), "text/html; charset=utf-8", status);
    res.set(http::field::cache_control, "no-store");
    res.set("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "same-origin");
    return res;
}

std::string hidden(const char* name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + core::html_escape(value) + "\">\n";
}

Response form(activitypub::Context& ctx, const AuthorizeRequest& r, const std::string& error) {
    std::string body = "<h1>" + core::html_escape(ctx.settings.title) + "</h1>\n<p><strong>" +
                       core::html_escape(r.app.name) + "</strong> would like to use your account (" +
                       core::html_escape(join_scopes(r.scopes)) + ").</p>\n";
    if (!error.empty()) body += "<p role=\"alert\">" + core::html_escape(error) + "</p>\n";
    body += "<form method=\"post\" action=\"/oauth/authorize\">\n";
    body += hidden("client_id", r.app.client_id) + hidden("redirect_uri", r.redirect_uri) +
            hidden("scope", join_scopes(r.scopes)) + hidden("state", r.state) + hidden("response_type", "code");
    if (!r.code_challenge.empty()) body += hidden("code_challenge", r.code_challenge) + hidden("code_challenge_method", "S256");
    body += "<p><label for=\"username\">E-mail or username</label><br>"
            "<input id=\"username\" name=\"username\" autocomplete=\"username\" required></p>\n"
            "<p><label for=\"password\">Password</label><br>"
            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\n"
            "<p><button type=\"submit\">Authorize</button></p>\n</form>\n";
    return html(page("Authorize " + r.app.name, body), error.empty() ? http::status::ok : http::status::unauthorized);
}

Response show(activitypub::Context& ctx, const Request& req) {
    Params p = Params::from(req);
    return form(ctx, read_request(ctx, p), "");
}

Response submit(activitypub::Context& ctx, const Request& req) {
    Params p = Params::from(req);
    AuthorizeRequest r = read_request(ctx, p);
    std::string login = p.get_or("username", ""), password = p.get_or("password", "");
    auto user = ctx.db.read([&](storage::Connection& conn) { return storage::find_local_user_by_login(conn, login); });
    if (!user || password.size() > core::limits::kMaxPasswordLength ||
        !activitypub::verify_password(password, user->user.password_hash)) {
        return form(ctx, r, "Invalid e-mail, username or password.");
    }
    if (user->account.is_suspended()) return form(ctx, r, "This account is suspended.");
    if (!user->user.approved) return form(ctx, r, "This account is waiting for approval by the admins.");

    std::string code = new_secret();
    storage::OAuthCode row{secret_hash(code), r.app.id, user->account.id, join_scopes(r.scopes), r.redirect_uri,
                           r.code_challenge, ctx.clock.now() + core::limits::kAuthorizationCodeLifetime};
    ctx.db.write([&](storage::Connection& conn) { storage::insert_code(conn, row); });
    if (r.redirect_uri == kOutOfBand) {
        return html(page("Authorization code", "<h1>Authorization code</h1>\n<p>Copy this code into " +
                                                   core::html_escape(r.app.name) + ":</p>\n<p><code id=\"code\">" +
                                                   core::html_escape(code) + "</code></p>\n"));
    }
    std::string location = r.redirect_uri + (r.redirect_uri.find('?') == std::string::npos ? "?" : "&") +
                           "code=" + boost::urls::encode(code, boost::urls::unreserved_chars);
    if (!r.state.empty()) location += "&state=" + boost::urls::encode(r.state, boost::urls::unreserved_chars);
    Response res = redirect_response(location, http::status::found);
    res.set(http::field::cache_control, "no-store");
    return res;
}

}  // namespace

void add_authorize_routes(Router& router, activitypub::Context& ctx) {
    router.get("/oauth/authorize", [&ctx](const Request& req) { return show(ctx, req); });
    router.add(http::verb::post, "/oauth/authorize", [&ctx](const Request& req) { return submit(ctx, req); },
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::oauth
