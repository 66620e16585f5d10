// GET /tags/:tag — the works of public posts (of this node and others known here) carrying a hashtag, newest
// first, paged with max_id. Off with the public gallery (public_gallery = false: a 404 page).
#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/post_details.hpp"
#include "storage/timelines.hpp"
#include "web/pages/gallery.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

namespace {

Response tag_page(const Site& site, const Request& req) {
    require_public_gallery(site);
    std::string tag = req.param("tag");
    if (!tag.empty() && tag.front() == '#') tag.erase(0, 1);
    std::string key = storage::normalize_tag(tag);
    if (key.empty() || key.size() > core::limits::kMaxHashtagBytes) throw core::Error(core::Errc::not_found, "No such tag");
    auto max_id = page_max_id(req);
    WorksPage page = site.ctx().db.read([&](storage::Connection& conn) {
        storage::TagQuery q;
        q.any = {key};
        q.only_media = true;
        storage::IdPage scan;
        scan.max_id = max_id;
        scan.limit = core::limits::kPageWorkScanStatuses;
        auto ids = storage::tag_timeline_page(conn, q, scan);
        return collect_works(conn, ids, static_cast<int>(ids.size()) == scan.limit);
    });
    mustache::data data;
    std::string url = site.ctx().urls.base() + "/tags/" + key;
    set_paging(data, page, url, max_id.has_value());
    if (!page.works.empty()) data.set("works_html", render_works(site, page.works));
    data.set("heading", "#" + tag);
    PageContext ctx = site.context(req);
    ctx.title = "#" + tag;
    ctx.canonical_url = url;
    return render_page(ctx, "gallery", std::move(data));
}

}  // namespace

void add_tag_routes(Router& router, const SitePtr& site) {
    router.get("/tags/:tag", site->route([site = site.get()](const Request& req) { return tag_page(*site, req); }));
}

}  // namespace gesso::web::pages
