// GET /api/v1/timelines/home
#include "storage/mutes.hpp"
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
        ids = storage::home_timeline_page(conn, caller.account->id, page);
        w.begin_array();
        auto now = ctx.clock.now();
        for (core::Id id : ids) {
            auto status = storage::find_status(conn, id);
            if (!status || storage::status_hidden_by_viewer(conn, caller.account->id, *status, now)) continue;
            write_status(w, ctx, conn, *status, caller.account->id);
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
