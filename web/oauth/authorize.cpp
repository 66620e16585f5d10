// GET /oauth/authorize: the consent page (Authorize / Deny) for a browser with a session (web/pages/session.hpp),
// or the sign-in form, which also starts a session; POST /oauth/authorize: checks the consent (CSRF token) or the
// password (the site's sign-in check and throttle) and sends the browser back to the app with a single-use code
// (or shows the code for urn:ietf:wg:oauth:2.0:oob); Deny sends back error=access_denied.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
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

// The page's view: the app, the scopes it asks and the request's fields, which each form posts again.
pages::mustache::data request_view(const AuthorizeRequest& r) {
    namespace mustache = pages::mustache;
    mustache::data data;
    data.set("app_name", r.app.name);
    mustache::data scopes{mustache::data::type::list};
    for (const auto& scope : r.scopes) scopes.push_back(mustache::data(scope));
    data.set("scopes", std::move(scopes));
    std::vector<std::pair<std::string, std::string>> fields = {{"client_id", r.app.client_id},
                                                               {"redirect_uri", r.redirect_uri},
                                                               {"scope", join_scopes(r.scopes)},
                                                               {"state", r.state},
                                                               {"response_type", "code"}};
    if (!r.code_challenge.empty()) {
        fields.emplace_back("code_challenge", r.code_challenge);
        fields.emplace_back("code_challenge_method", "S256");
    }
    mustache::data list{mustache::data::type::list};
    for (auto& [name, value] : fields) {
        mustache::data field;
        field.set("name", name);
        field.set("value", value);
        list.push_back(std::move(field));
    }
    data.set("request_fields", std::move(list));
    return data;
}

// Without a session: sign in (which also starts a session) and authorize in one step.
Response sign_in_form(const Site& site, const Request& req, const AuthorizeRequest& r, const std::string& login,
                      const std::string& error) {
    pages::mustache::data data = request_view(r);
    data.set("login", login);
    pages::FieldErrors errors;
    if (!error.empty()) errors[""] = error;
    pages::add_form_messages(data, errors);
    return pages::render_form_page(site, req, "Authorize " + r.app.name, "oauth_authorize", std::move(data),
                                   error.empty() ? http::status::ok : http::status::unauthorized);
}

// With a session: only the consent.
Response consent_form(const Site& site, const Request& req, const AuthorizeRequest& r, const pages::SessionViewer& viewer) {
    pages::mustache::data data = request_view(r);
    data.set("consent", true);
    data.set("signed_in_as", "@" + viewer.account.username + "@" + site.ctx().urls.domain);
    return pages::render_form_page(site, req, "Authorize " + r.app.name, "oauth_authorize", std::move(data));
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
        pages::mustache::data data;
        data.set("app_name", r.app.name);
        data.set("code", code);
        return pages::render_form_page(site, req, "Authorization code", "oauth_code", std::move(data));
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
        pages::mustache::data data;
        data.set("app_name", r.app.name);
        return pages::render_form_page(site, req, "Authorization denied", "oauth_denied", std::move(data));
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
