// GET / — the node's front page: a short introduction and, unless the admin turned the public gallery off, the
// newest works of this node (the first page of /public).
#include "activitypub/node_profile.hpp"
#include "web/pages/gallery.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

void add_home_routes(Router& router, const SitePtr& site) {
    router.get("/", site->route([site = site.get()](const Request& req) {
        PageContext page = site->context(req);
        page.canonical_url = site->ctx().urls.base() + "/";
        page.meta = {{"property", "og:type", "website"},
                     {"property", "og:title", activitypub::node_profile(site->ctx()).title},
                     {"property", "og:url", page.canonical_url}};
        mustache::data data;
        if (site->settings().public_gallery) {
            WorksPage works = local_gallery_page(*site, std::nullopt);
            data.set("gallery", true);
            if (!works.works.empty()) data.set("works_html", render_works(*site, works.works));
            if (works.older_max_id) {
                data.set("older_url", site->ctx().urls.base() + "/public?max_id=" + std::to_string(*works.older_max_id));
            }
        }
        return render_page(page, "home", std::move(data));
    }));
}

}  // namespace gesso::web::pages
