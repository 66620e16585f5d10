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

Response form(const Site& site, const Request& req, const FieldErrors& errors, std::string_view notice) {
    mustache::data data;
    add_form_messages(data, errors, notice);
    return render_settings_page(site, req, "/settings/password", "Password", "settings_password", std::move(data),
                                form_status(errors));
}

Response save(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    std::string current = p.get_or("current_password", ""), next = p.get_or("password", "");
    if (current.size() > core::limits::kMaxPasswordLength ||
        !activitypub::verify_password(current, viewer.user.password_hash)) {
        return form(site, req, {{"current_password", "This is not your current password."}}, "");
    }
    if (next != p.get_or("password_confirmation", "")) {
        return form(site, req, {{"password_confirmation", "The two new passwords differ."}}, "");
    }
    try {
        activitypub::validate_password(next);
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable) throw;
        return form(site, req, {{"password", e.what()}}, "");
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
    router.get("/settings/password", signed_in(site, [s = site.get()](const Request& req, const SessionViewer&) {
                   return form(*s, req, {},
                               req.query_param("saved")
                                   ? "Your password was changed. Your other sessions and app tokens were revoked."
                                   : "");
               }));
    router.add(http::verb::post, "/settings/password",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return save(*s, req, v); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
