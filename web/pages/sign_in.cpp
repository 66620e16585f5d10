// GET/POST /auth/sign_in and POST /auth/sign_out: the site's login, shared with the OAuth authorize page
// (web/oauth/authorize.cpp) through the session cookie and check_password_sign_in.
#include "activitypub/node_profile.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

Response sign_in_form(const Site& site, const Request& req, const std::string& return_to, const std::string& login,
                      const std::string& error, http::status status) {
    mustache::data data;
    data.set("return_to", return_to);
    data.set("login", login);
    FieldErrors errors;
    if (!error.empty()) errors[""] = error;
    add_form_messages(data, errors);
    if (activitypub::node_profile(site.ctx()).registrations != activitypub::Registrations::closed) {
        data.set("registrations_open", true);
    }
    return render_form_page(site, req, "Sign in", "sign_in", std::move(data), status);
}

Response show(const Site& site, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string return_to = safe_return_path(req.query_param("return_to").value_or("/"));
    if (current_viewer(ctx, req)) {
        Response res = redirect_response(return_to, http::status::see_other);
        res.set(http::field::cache_control, "no-store");
        return res;
    }
    return sign_in_form(site, req, return_to, "", "", http::status::ok);
}

Response submit(const Site& site, SignInThrottle& throttle, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    if (!same_origin(ctx, req)) return csrf_refusal(site, req);
    Params p = Params::from(req);
    std::string return_to = safe_return_path(p.get_or("return_to", "/"));
    std::string login = p.get_or("username", "");
    SignInResult result = check_password_sign_in(ctx, throttle, login, p.get_or("password", ""), req.remote_address);
    if (!result.user) return sign_in_form(site, req, return_to, login, result.error, http::status::unauthorized);
    Response res = redirect_response(return_to, http::status::see_other);
    res.set(http::field::set_cookie, start_session(ctx, result.user->account.id, req));
    res.set(http::field::cache_control, "no-store");
    return res;
}

// Signing out of a session that already ended just clears the cookie; a live one needs its CSRF token.
Response sign_out(const Site& site, const Request& req) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    if (!same_origin(ctx, req)) return csrf_refusal(site, req);
    std::optional<SessionViewer> viewer = current_viewer(ctx, req);
    if (viewer && !csrf_token_matches(*viewer, Params::from(req).get_or(std::string(kCsrfField), ""))) {
        return csrf_refusal(site, req);
    }
    Response res = redirect_response("/", http::status::see_other);
    res.set(http::field::set_cookie, viewer ? end_session(ctx, *viewer) : clear_session_cookie(ctx));
    res.set(http::field::cache_control, "no-store");
    return res;
}

}  // namespace

void add_sign_in_routes(Router& router, const SitePtr& site, SignInThrottlePtr throttle) {
    router.get("/auth/sign_in", site->route([s = site.get()](const Request& req) { return show(*s, req); }));
    router.add(http::verb::post, "/auth/sign_in",
               site->route([s = site.get(), throttle](const Request& req) { return submit(*s, *throttle, req); }),
               core::limits::kMaxFormBodyBytes);
    router.add(http::verb::post, "/auth/sign_out", site->route([s = site.get()](const Request& req) { return sign_out(*s, req); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
