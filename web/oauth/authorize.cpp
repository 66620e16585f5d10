// GET /oauth/authorize: the consent page (Authorize / Deny) for a browser with a session (web/pages/session.hpp),
// or the sign-in form, which also starts a session; POST /oauth/authorize: checks the consent (CSRF token) or the
// password (the site's sign-in check and throttle) and sends the browser back to the app with a single-use code
// (or shows the code for urn:ietf:wg:oauth:2.0:oob); Deny sends back error=access_denied.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/oauth.hpp"
#include "web/oauth/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/pages/page.hpp"
#include "web/pages/password_sign_in.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::oauth {

using core::Errc;
using pages::Site;
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

std::string hidden(const char* name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + core::html_escape(value) + "\">\n";
}

std::string request_fields(const AuthorizeRequest& r) {
    std::string f = hidden("client_id", r.app.client_id) + hidden("redirect_uri", r.redirect_uri) +
                    hidden("scope", join_scopes(r.scopes)) + hidden("state", r.state) + hidden("response_type", "code");
    if (!r.code_challenge.empty()) f += hidden("code_challenge", r.code_challenge) + hidden("code_challenge_method", "S256");
    return f;
}

std::string asks(const AuthorizeRequest& r) {
    return "<h1>Authorize " + core::html_escape(r.app.name) + "</h1>\n<p><strong>" + core::html_escape(r.app.name) +
           "</strong> would like to use your account with these permissions:</p>\n<ul class=\"scopes\">\n" +
           [&] {
               std::string items;
               for (const auto& scope : r.scopes) items += "<li><code>" + core::html_escape(scope) + "</code></li>\n";
               return items;
           }() +
           "</ul>\n";
}

// Without a session: sign in (which also starts a session) and authorize in one step.
Response sign_in_form(const Site& site, const Request& req, const AuthorizeRequest& r, const std::string& login,
                      const std::string& error) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string body = asks(r);
    pages::FieldErrors errors;
    if (!error.empty()) errors[""] = error;
    body += pages::form_messages(errors, "") + "<form method=\"post\" action=\"/oauth/authorize\" class=\"stack\">\n" +
            request_fields(r) +
            pages::input_field("username", "E-mail or username", "text", login, {}, "autocomplete=\"username\" required") +
            pages::input_field("password", "Password", "password", "", {}, "autocomplete=\"current-password\" required") +
            "<p><button type=\"submit\">Sign in and authorize</button></p>\n</form>\n";
    return pages::render_form_page(site, req, "Authorize " + r.app.name, body,
                              error.empty() ? http::status::ok : http::status::unauthorized);
}

// With a session: only the consent.
Response consent_form(const Site& site, const Request& req, const AuthorizeRequest& r, const pages::SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string body = asks(r) + "<p>Signed in as <strong>@" + core::html_escape(viewer.account.username) + "@" +
                       core::html_escape(ctx.urls.domain) + "</strong>.</p>\n" +
                       "<form method=\"post\" action=\"/oauth/authorize\" class=\"actions\">\n" + request_fields(r) +
                       pages::csrf_input(viewer) +
                       "\n<button type=\"submit\" name=\"decision\" value=\"authorize\">Authorize</button>\n"
                       "<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>\n"
                       "</form>\n";
    return pages::render_form_page(site, req, "Authorize " + r.app.name, body);
}

std::string with_query(const std::string& uri, const std::string& query) {
    return uri + (uri.find('?') == std::string::npos ? "?" : "&") + query;
}

std::string encoded(const std::string& s) { return boost::urls::encode(s, boost::urls::unreserved_chars); }

// Issues the code for `account_id` and sends the browser back to the app (or shows the code).
Response grant(const Site& site, const Request& req, const AuthorizeRequest& r, core::Id account_id) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string code = new_secret();
    storage::OAuthCode row{secret_hash(code), r.app.id, account_id, join_scopes(r.scopes), r.redirect_uri,
                           r.code_challenge, ctx.clock.now() + core::limits::kAuthorizationCodeLifetime};
    ctx.db.write([&](storage::Connection& conn) { storage::insert_code(conn, row); });
    if (r.redirect_uri == kOutOfBand) {
        return pages::render_form_page(site, req, "Authorization code",
                                  "<h1>Authorization code</h1>\n<p>Copy this code into " + core::html_escape(r.app.name) +
                                      ":</p>\n<p><code id=\"code\">" + core::html_escape(code) + "</code></p>\n");
    }
    std::string location = with_query(r.redirect_uri, "code=" + encoded(code));
    if (!r.state.empty()) location += "&state=" + encoded(r.state);
    Response res = redirect_response(location, http::status::found);
    res.set(http::field::cache_control, "no-store");
    return res;
}

Response deny(const Site& site, const Request& req, const AuthorizeRequest& r) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    if (r.redirect_uri == kOutOfBand) {
        return pages::render_form_page(site, req, "Authorization denied",
                                  "<h1>Authorization denied</h1>\n<p>" + core::html_escape(r.app.name) +
                                      " was not given access to your account.</p>\n");
    }
    std::string location = with_query(r.redirect_uri, "error=access_denied");
    if (!r.state.empty()) location += "&state=" + encoded(r.state);
    Response res = redirect_response(location, http::status::found);
    res.set(http::field::cache_control, "no-store");
    return res;
}

Response show(const Site& site, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    AuthorizeRequest r = read_request(ctx, p);
    if (auto viewer = pages::current_viewer(ctx, req)) return consent_form(site, req, r, *viewer);
    return sign_in_form(site, req, r, "", "");
}

Response submit(const Site& site, pages::SignInThrottle& throttle, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    if (!pages::same_origin(ctx, req)) return pages::csrf_refusal(site, req);
    Params p = Params::from(req);
    AuthorizeRequest r = read_request(ctx, p);
    if (auto decision = p.get("decision")) {
        // The consent of a signed-in viewer.
        auto viewer = pages::current_viewer(ctx, req);
        if (!viewer) return sign_in_form(site, req, r, "", "Your session has ended. Sign in again.");
        if (!pages::csrf_token_matches(*viewer, p.get_or(std::string(pages::kCsrfField), ""))) {
            return pages::csrf_refusal(site, req);
        }
        if (*decision != "authorize") return deny(site, req, r);
        return grant(site, req, r, viewer->account.id);
    }
    std::string login = p.get_or("username", "");
    pages::SignInResult result =
        pages::check_password_sign_in(ctx, throttle, login, p.get_or("password", ""), req.remote_address);
    if (!result.user) return sign_in_form(site, req, r, login, result.error);
    Response res = grant(site, req, r, result.user->account.id);
    res.set(http::field::set_cookie, pages::start_session(ctx, result.user->account.id, req));
    return res;
}

}  // namespace

void add_authorize_routes(Router& router, const pages::SitePtr& site, pages::SignInThrottlePtr throttle) {
    router.get("/oauth/authorize", site->route([s = site.get()](const Request& req) { return show(*s, req); }));
    router.add(http::verb::post, "/oauth/authorize",
               site->route([s = site.get(), throttle](const Request& req) { return submit(*s, *throttle, req); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::oauth
