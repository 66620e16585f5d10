// GET /public — the local timeline as a public gallery: the works of this node's public posts, newest first,
// paged with max_id. The front page (home.cpp) shows its first page. Off when the admin sets
// public_gallery = false (a 404 page then).
#include "activitypub/node_profile.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/timelines.hpp"
#include "web/pages/gallery.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

std::optional<core::Id> page_max_id(const Request& req) {
    auto max = req.query_param("max_id");
    if (!max) return std::nullopt;
    auto id = core::parse_id(*max);
    if (!id) throw core::Error(core::Errc::bad_request, "max_id must be a status id");
    return id;
}

void require_public_gallery(const Site& site) {
    if (!site.settings().public_gallery) throw core::Error(core::Errc::not_found, "This server has no public gallery");
}

WorksPage local_gallery_page(const Site& site, std::optional<core::Id> max_id) {
    return site.ctx().db.read([&](storage::Connection& conn) {
        storage::IdPage scan;
        scan.max_id = max_id;
        scan.limit = core::limits::kPageWorkScanStatuses;
        auto ids = storage::public_timeline_page(conn, storage::Origin::local, true, scan);
        return collect_works(conn, ids, static_cast<int>(ids.size()) == scan.limit);
    });
}

void set_paging(mustache::data& data, const WorksPage& page, const std::string& base_url, bool older_page) {
    if (page.older_max_id) data.set("older_url", base_url + "?max_id=" + std::to_string(*page.older_max_id));
    if (older_page) data.set("newer_url", base_url);
}

namespace {

Response gallery(const Site& site, const Request& req) {
    require_public_gallery(site);
    auto max_id = page_max_id(req);
    WorksPage page = local_gallery_page(site, max_id);
    mustache::data data;
    std::string url = site.ctx().urls.base() + "/public";
    set_paging(data, page, url, max_id.has_value());
    if (!page.works.empty()) data.set("works_html", render_works(site, page.works));
    data.set("heading", "Latest works on " + activitypub::node_profile(site.ctx()).title);
    PageContext ctx = site.context(req);
    ctx.title = "Gallery";
    ctx.canonical_url = url;
    return render_page(ctx, "gallery", std::move(data));
}

}  // namespace

void add_gallery_routes(Router& router, const SitePtr& site) {
    router.get("/public", site->route([site = site.get()](const Request& req) { return gallery(*site, req); }));
}

}  // namespace gesso::web::pages
