// GET /admin/crawlers: the AI crawlers the node turns away. The vendored ai.robots.txt list (web/noai/crawlers.hpp),
// the node's own additions and removals and the agents still let through (configuration keys robots_disallow,
// robots_allow, ai_crawler_allow: docs/admin/no-ai.md), whether requests are refused, and how often each agent
// was turned away (as `gesso admin crawlers` prints). Read-only: the CLI has no verb that edits the list, the
// configuration file does.
#include <set>

#include "core/text.hpp"
#include "storage/account_settings.hpp"
#include "web/noai/crawlers.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

namespace {

mustache::data names(const std::vector<std::string>& list) {
    mustache::data out{mustache::data::type::list};
    for (const auto& n : list) out.push_back(mustache::data(n));
    return out;
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    const noai::SurfaceSettings& settings = site.surface().settings();
    auto counts = ctx.db.read([](storage::Connection& conn) { return storage::list_crawler_counts(conn); });
    mustache::data data;
    if (settings.block_crawlers) data.set("block_crawlers", true);
    data.set("source", std::string(core::trim(noai::vendored_source())));
    const auto& disallowed = site.surface().disallowed_agents();
    data.set("disallowed_count", std::to_string(disallowed.size()));
    std::set<std::string> allowed;
    for (const auto& a : settings.crawler_allow) allowed.insert(core::to_lower_ascii(a));
    std::set<std::string> added;
    for (const auto& a : settings.robots_add) added.insert(core::to_lower_ascii(a));
    mustache::data agents{mustache::data::type::list};
    for (const auto& agent : disallowed) {
        mustache::data item;
        item.set("name", agent);
        if (added.contains(core::to_lower_ascii(agent))) item.set("added", true);
        if (allowed.contains(core::to_lower_ascii(agent))) item.set("let_through", true);
        agents.push_back(std::move(item));
    }
    data.set("agents", std::move(agents));
    if (!settings.robots_add.empty()) data.set("robots_add", names(settings.robots_add));
    if (!settings.robots_remove.empty()) data.set("robots_remove", names(settings.robots_remove));
    if (!settings.crawler_allow.empty()) data.set("crawler_allow", names(settings.crawler_allow));
    mustache::data hits{mustache::data::type::list};
    for (const auto& c : counts) {
        mustache::data row;
        row.set("agent", c.agent);
        row.set("hits", std::to_string(c.hits));
        row.set("last_seen", admin_time(c.last_seen_at));
        hits.push_back(std::move(row));
    }
    if (!counts.empty()) data.set("has_hits", true);
    data.set("crawler_hits", std::move(hits));
    return render_admin_page(site, req, viewer, "/admin/crawlers", "AI crawlers", "admin_crawlers", std::move(data));
}

}  // namespace

void add_admin_crawler_routes(Router& router, const SitePtr& site) {
    router.get("/admin/crawlers", admin_only(site, [s = site.get()](const Request& req, const SessionViewer& v) {
                   return show(*s, req, v);
               }));
}

}  // namespace gesso::web::pages
