// GET/POST /settings/password: change the password. The current one is required; afterwards every other
// browser session and every OAuth token of the account is revoked (apps must sign in again), and this browser
// stays signed in.
#include "activitypub/accounts.hpp"
#include "activitypub/password.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/oauth.hpp"
#include "storage/web_sessions.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

Response form(const Site& site, const Request& req, const SessionViewer& viewer, const FieldErrors& errors, std::string_view notice) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string body =
        "<h1>Password</h1>\n" + form_messages(errors, notice) +
        "<p>Changing your password signs out your other browsers and revokes the access of every app you "
        "authorised (they will ask you to sign in again).</p>\n"
        "<form method=\"post\" action=\"/settings/password\" class=\"stack\">\n" + csrf_input(viewer) + "\n" +
        input_field("current_password", "Current password", "password", "", errors,
                    "autocomplete=\"current-password\" required") +
        input_field("password", "New password", "password", "", errors, "autocomplete=\"new-password\" required") +
        input_field("password_confirmation", "New password again", "password", "", errors,
                    "autocomplete=\"new-password\" required") +
        "<p><button type=\"submit\">Change password</button></p>\n</form>\n";
    return render_settings_page(site, req, "/settings/password", "Password", body,
                                errors.empty() ? http::status::ok : http::status::unprocessable_entity);
}

Response save(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    std::string current = p.get_or("current_password", ""), next = p.get_or("password", "");
    if (current.size() > core::limits::kMaxPasswordLength ||
        !activitypub::verify_password(current, viewer.user.password_hash)) {
        return form(site, req, viewer, {{"current_password", "This is not your current password."}}, "");
    }
    if (next != p.get_or("password_confirmation", "")) {
        return form(site, req, viewer, {{"password_confirmation", "The two new passwords differ."}}, "");
    }
    try {
        activitypub::validate_password(next);
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable) throw;
        return form(site, req, viewer, {{"password", e.what()}}, "");
    }
    std::string hash = activitypub::hash_password(next);
    core::TimePoint now = ctx.clock.now();
    ctx.db.write([&](storage::Connection& conn) {
        storage::set_password_hash(conn, viewer.account.id, hash);
        storage::revoke_account_tokens(conn, viewer.account.id, now);
        storage::delete_account_web_sessions(conn, viewer.account.id, viewer.session_id);
    });
    return see_other("/settings/password?saved=1");
}

}  // namespace

void add_password_routes(Router& router, const SitePtr& site) {
    router.get("/settings/password", signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) {
                   return form(*s, req, v, {},
                               req.query_param("saved")
                                   ? "Your password was changed. Your other sessions and app tokens were revoked."
                                   : "");
               }));
    router.add(http::verb::post, "/settings/password",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return save(*s, req, v); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
