// GET/POST /auth/sign_in and POST /auth/sign_out: the site's login, shared with the OAuth authorize page
// (web/oauth/authorize.cpp) through the session cookie and check_password_sign_in.
#include "activitypub/node_profile.hpp"
#include "core/text.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {
using core::html_escape;

Response sign_in_form(const Site& site, const Request& req, const std::string& return_to, const std::string& login,
                      const std::string& error, http::status status) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    FieldErrors errors;
    if (!error.empty()) errors[""] = error;
    std::string body = "<h1>Sign in</h1>\n" + form_messages(errors, "") +
                       "<form method=\"post\" action=\"/auth/sign_in\" class=\"stack\">\n"
                       "<input type=\"hidden\" name=\"return_to\" value=\"" + html_escape(return_to) + "\">\n" +
                       input_field("username", "E-mail or username", "text", login, {},
                                   "autocomplete=\"username\" required autofocus") +
                       input_field("password", "Password", "password", "", {}, "autocomplete=\"current-password\" required") +
                       "<p><button type=\"submit\">Sign in</button></p>\n</form>\n";
    if (activitypub::node_profile(ctx).registrations != activitypub::Registrations::closed) {
        body += "<p>No account yet? <a href=\"/auth/sign_up\">Sign up</a>.</p>\n";
    }
    return render_form_page(site, req, "Sign in", body, status);
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
