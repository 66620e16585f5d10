// GET /api/v1/timelines/home
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

namespace {

Response home(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    storage::IdPage page = read_page(Params::from(req));
    core::JsonWriter w;
    std::vector<core::Id> ids;
    ctx.db.read([&](storage::Connection& conn) {
        storage::ReadSnapshot snapshot(conn);  // one WAL read lock for the page, not one per query
        ids = storage::home_timeline_page(conn, caller.account->id, page);
        w.begin_array();
        for (core::Id id : ids) {
            if (auto status = storage::find_status(conn, id)) write_status(w, ctx, conn, *status, caller.account->id);
        }
        w.end_array();
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + "/api/v1/timelines/home", ids);
    return res;
}

}  // namespace

void add_timeline_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/timelines/home", [&ctx](const Request& req) { return home(ctx, req); });
}

}  // namespace gesso::web::mastodon
