// GET /api/v1/markers?timeline[]=home&timeline[]=notifications, POST /api/v1/markers
// (home[last_read_id], notifications[last_read_id]): where the reader stopped reading, shared across apps.
#include <algorithm>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "storage/lists.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

constexpr const char* kTimelines[] = {"home", "notifications"};

void write_markers(core::JsonWriter& w, storage::Connection& conn, core::Id account_id,
                   const std::vector<std::string>& wanted) {
    w.begin_object();
    for (const char* timeline : kTimelines) {
        if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), timeline) == wanted.end()) continue;
        auto m = storage::find_marker(conn, account_id, timeline);
        if (!m) continue;
        w.key(timeline).begin_object().field("last_read_id", std::to_string(m->last_read_id));
        w.field("version", m->version).field("updated_at", core::format_iso8601(m->updated_at)).end_object();
    }
    w.end_object();
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    auto wanted = Params::from(req).all("timeline");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_markers(w, conn, caller.account->id, wanted); });
    return json_response(w.str());
}

Response save(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    Params params = Params::from(req);
    std::vector<std::pair<std::string, core::Id>> updates;
    for (const char* timeline : kTimelines) {
        auto value = params.get(std::string(timeline) + "[last_read_id]");
        if (!value) continue;
        auto id = core::parse_id(*value);
        if (!id) throw Error(Errc::unprocessable, std::string("Validation failed: ") + timeline + " last_read_id is not an id");
        updates.emplace_back(timeline, *id);
    }
    if (updates.empty()) throw Error(Errc::unprocessable, "Validation failed: home or notifications last_read_id is missing");
    auto now = ctx.clock.now();
    std::vector<std::string> touched;
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        for (const auto& [timeline, id] : updates) {
            storage::save_marker(conn, caller.account->id, timeline, id, now);
            touched.push_back(timeline);
        }
        write_markers(w, conn, caller.account->id, touched);
    });
    return json_response(w.str());
}

}  // namespace

void add_marker_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/markers", [&ctx](const Request& req) { return show(ctx, req); });
    router.add(http::verb::post, "/api/v1/markers", [&ctx](const Request& req) { return save(ctx, req); });
}

}  // namespace gesso::web::mastodon
