// GET /api/v1/notifications (types[], exclude_types[], paging), GET /api/v1/notifications/:id,
// POST /api/v1/notifications/clear, POST /api/v1/notifications/:id/dismiss
#include "activitypub/status_filters.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "storage/accounts.hpp"
#include "storage/notifications.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

Response list(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:notifications");
    Params params = Params::from(req);
    storage::IdPage page = read_page(params, 15, 30);
    std::vector<core::Id> ids;
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto rows = storage::notifications_page(conn, caller.account->id, page, params.all("types"), params.all("exclude_types"));
        auto filters = activitypub::ActiveFilters::load(conn, caller.account->id, "notifications", ctx.clock.now());
        for (const auto& n : rows) ids.push_back(n.id);  // a hidden one still moves the page on
        write_notifications(w, ctx, conn, rows, &filters);
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + "/api/v1/notifications", ids);
    return res;
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:notifications");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto n = storage::find_notification(conn, caller.account->id, id_param(req.param("id")));
        auto filters = activitypub::ActiveFilters::load(conn, caller.account->id, "notifications", ctx.clock.now());
        if (!n || !write_notification(w, ctx, conn, *n, &filters)) throw Error(Errc::not_found, "Record not found");
    });
    return json_response(w.str());
}

Response dismiss(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:notifications");
    core::Id id = id_param(req.param("id"));
    bool gone = ctx.db.write([&](storage::Connection& conn) { return storage::delete_notification(conn, caller.account->id, id); });
    if (!gone) throw Error(Errc::not_found, "Record not found");
    return json_response("{}");
}

Response clear(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:notifications");
    ctx.db.write([&](storage::Connection& conn) { storage::clear_notifications(conn, caller.account->id); });
    return json_response("{}");
}

}  // namespace

void add_notification_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/notifications", [&ctx](const Request& req) { return list(ctx, req); });
    router.add(http::verb::post, "/api/v1/notifications/clear", [&ctx](const Request& req) { return clear(ctx, req); });
    router.get("/api/v1/notifications/:id", [&ctx](const Request& req) { return show(ctx, req); });
    router.add(http::verb::post, "/api/v1/notifications/:id/dismiss", [&ctx](const Request& req) { return dismiss(ctx, req); });
}

}  // namespace gesso::web::mastodon
