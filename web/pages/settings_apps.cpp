// GET /settings/apps: the apps the viewer authorised (name, website, scopes, when), and POST
// /settings/apps/:id/revoke, which revokes every token the viewer gave that app.
#include "core/clock.hpp"
#include "storage/oauth.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"

namespace gesso::web::pages {

namespace {

// Apps listed on the page (an account rarely has more than a handful).
constexpr int kAppsShown = 200;

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    auto apps = ctx.db.read(
        [&](storage::Connection& conn) { return storage::list_account_authorizations(conn, viewer.account.id, kAppsShown); });
    mustache::data list{mustache::data::type::list};
    for (const auto& a : apps) {
        mustache::data app;
        app.set("id", std::to_string(a.app.id));
        app.set("name", a.app.name);
        if (!a.app.website.empty()) app.set("website", a.app.website);
        mustache::data scopes{mustache::data::type::list};
        for (std::size_t at = 0; at < a.scopes.size();) {
            std::size_t end = std::min(a.scopes.find(' ', at), a.scopes.size());
            if (end > at) scopes.push_back(a.scopes.substr(at, end - at));
            at = end + 1;
        }
        app.set("scopes", std::move(scopes));
        app.set("authorized_at", core::format_iso8601_seconds(a.first_authorized_at));
        if (a.last_used_at) app.set("last_used_at", core::format_iso8601_seconds(*a.last_used_at));
        list.push_back(std::move(app));
    }
    mustache::data data;
    if (!apps.empty()) data.set("has_apps", true);
    data.set("apps", std::move(list));
    add_form_messages(data, {}, req.query_param("revoked") ? "The app's access was revoked." : "");
    return render_settings_page(site, req, "/settings/apps", "Authorised apps", "settings_apps", std::move(data));
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
