// GET /settings/apps: the apps the viewer authorised (name, website, scopes, when), and POST
// /settings/apps/:id/revoke, which revokes every token the viewer gave that app.
#include "core/clock.hpp"
#include "core/text.hpp"
#include "storage/oauth.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"

namespace gesso::web::pages {

namespace {
using core::html_escape;

// Apps listed on the page (an account rarely has more than a handful).
constexpr int kAppsShown = 200;

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    auto apps = ctx.db.read(
        [&](storage::Connection& conn) { return storage::list_account_authorizations(conn, viewer.account.id, kAppsShown); });
    std::string body = "<h1>Authorised apps</h1>\n" +
                       form_messages({}, req.query_param("revoked") ? "The app's access was revoked." : "");
    if (apps.empty()) body += "<p>You have not authorised any app.</p>\n";
    if (!apps.empty()) body += "<ul class=\"cards\">\n";
    for (const auto& a : apps) {
        body += "<li class=\"card\"><h2>" + html_escape(a.app.name) + "</h2>\n";
        if (!a.app.website.empty()) body += "<p><a href=\"" + html_escape(a.app.website) + "\" rel=\"nofollow noopener\">" + html_escape(a.app.website) + "</a></p>\n";
        body += "<p>Permissions: ";
        for (std::size_t at = 0; at < a.scopes.size();) {
            std::size_t end = std::min(a.scopes.find(' ', at), a.scopes.size());
            body += "<code>" + html_escape(a.scopes.substr(at, end - at)) + "</code> ";
            at = end + 1;
        }
        body += "</p>\n<p>Authorised " + core::format_iso8601_seconds(a.first_authorized_at);
        if (a.last_used_at) body += ", last used " + core::format_iso8601_seconds(*a.last_used_at);
        body += "</p>\n<form method=\"post\" action=\"/settings/apps/" + std::to_string(a.app.id) + "/revoke\">" +
                csrf_input(viewer) + "<button type=\"submit\" class=\"danger\">Revoke access</button></form></li>\n";
    }
    if (!apps.empty()) body += "</ul>\n";
    return render_settings_page(site, req, "/settings/apps", "Authorised apps", body);
}

Response revoke(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    core::Id app_id = mastodon::id_param(req.param("id"));
    ctx.db.write([&](storage::Connection& conn) {
        storage::revoke_app_tokens(conn, viewer.account.id, app_id, ctx.clock.now());
    });
    return see_other("/settings/apps?revoked=1");
}

}  // namespace

void add_app_settings_routes(Router& router, const SitePtr& site) {
    router.get("/settings/apps", signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return show(*s, req, v); }));
    router.add(http::verb::post, "/settings/apps/:id/revoke",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return revoke(*s, req, v); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
