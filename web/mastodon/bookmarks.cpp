// POST /api/v1/statuses/:id/{bookmark,unbookmark}, GET /api/v1/bookmarks, GET /api/v1/favourites,
// GET /api/v1/statuses/:id/favourited_by and /reblogged_by
#include "storage/bookmarks.hpp"

#include "activitypub/posting.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/status_page.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/account_views.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

// The status :id names if `viewer` may see it; not_found otherwise.
core::Status visible_status(storage::Connection& conn, const Request& req, std::optional<core::Id> viewer) {
    auto id = core::parse_id(req.param("id"));
    auto status = id ? storage::find_status(conn, *id) : std::nullopt;
    if (!status || !activitypub::can_see_status(conn, *status, viewer))
        throw Error(Errc::not_found, "Record not found");
    return *status;
}

Response bookmark(activitypub::Context& ctx, const Request& req, bool on) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:bookmarks");
    core::Id viewer = caller.account->id;
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        core::Status status = visible_status(conn, req, viewer);
        if (on)
            storage::insert_bookmark(conn, ctx.ids.next(), viewer, status.id, ctx.clock.now());
        else
            storage::delete_bookmark(conn, viewer, status.id);
        write_status(w, ctx, conn, status, viewer);
    });
    return json_response(w.str());
}

// The caller's bookmarks or favourites: statuses paged by the reaction's id, each still visible to them.
template <typename RowsOf>
Response own_statuses(activitypub::Context& ctx, const Request& req, const char* scope, const char* path,
                      RowsOf rows_of) {
    oauth::Caller caller = oauth::require_caller(ctx, req, scope);
    core::Id viewer = caller.account->id;
    storage::IdPage page = read_page(Params::from(req));
    core::JsonWriter w;
    std::vector<core::Id> keys;
    ctx.db.read([&](storage::Connection& conn) {
        std::vector<storage::PageRow> rows = rows_of(conn, viewer, page);
        keys = storage::page_keys(rows);
        std::vector<core::Status> shown;
        for (auto& status : storage::find_statuses_in_order(conn, storage::page_values(rows))) {
            if (activitypub::can_see_status(conn, status, viewer)) shown.push_back(std::move(status));
        }
        write_statuses(w, ctx, conn, shown, viewer);
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + path, keys);
    return res;
}

// Who favourited or boosted a status the viewer may see, paged by the reaction's id.
template <typename RowsOf>
Response reacted_by(activitypub::Context& ctx, const Request& req, const char* suffix, RowsOf rows_of) {
    std::optional<core::Id> viewer = request_viewer(ctx, req);
    storage::IdPage page =
        read_page(Params::from(req), core::limits::kDefaultAccountPage, core::limits::kMaxAccountPage);
    core::JsonWriter w;
    std::vector<core::Id> keys;
    std::string base = ctx.urls.base() + "/api/v1/statuses/";
    ctx.db.read([&](storage::Connection& conn) {
        core::Status status = visible_status(conn, req, viewer);
        base += std::to_string(status.id);
        base += suffix;
        std::vector<storage::PageRow> rows = rows_of(conn, status.id, page);
        keys = storage::page_keys(rows);
        write_account_list(w, ctx, conn, storage::page_values(rows));
    });
    Response res = json_response(w.str());
    set_link_header(res, base, keys);
    return res;
}

}  // namespace

void add_bookmark_routes(Router& router, activitypub::Context& ctx) {
    router.add(http::verb::post, "/api/v1/statuses/:id/bookmark",
               [&ctx](const Request& req) { return bookmark(ctx, req, true); });
    router.add(http::verb::post, "/api/v1/statuses/:id/unbookmark",
               [&ctx](const Request& req) { return bookmark(ctx, req, false); });
    router.get("/api/v1/bookmarks", [&ctx](const Request& req) {
        return own_statuses(ctx, req, "read:bookmarks", "/api/v1/bookmarks", storage::bookmarks_page);
    });
    router.get("/api/v1/favourites", [&ctx](const Request& req) {
        return own_statuses(ctx, req, "read:favourites", "/api/v1/favourites", storage::favourites_page);
    });
    router.get("/api/v1/statuses/:id/favourited_by", [&ctx](const Request& req) {
        return reacted_by(ctx, req, "/favourited_by", storage::favourited_by_page);
    });
    router.get("/api/v1/statuses/:id/reblogged_by", [&ctx](const Request& req) {
        return reacted_by(ctx, req, "/reblogged_by", storage::reblogged_by_page);
    });
}

}  // namespace gesso::web::mastodon
