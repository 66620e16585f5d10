// GET /api/v1/polls/:id, POST /api/v1/polls/:id/votes (choices[]); POST /api/v1/reports (account_id,
// status_ids[], comment, forward, category, rule_ids[]).
#include "activitypub/posting.hpp"
#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

// The poll id is its status's id.
Response poll_response(activitypub::Context& ctx, core::Id id, std::optional<core::Id> viewer) {
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        auto poll = storage::find_poll(conn, id);
        if (!status || !poll || !activitypub::can_see_status(conn, *status, viewer)) throw Error(Errc::not_found, "Record not found");
        write_poll_entity(w, ctx, conn, *poll, viewer);
    });
    return json_response(w.str());
}

Response show_poll(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    std::optional<core::Id> viewer;
    if (caller && caller->account) viewer = caller->account->id;
    return poll_response(ctx, id_param(req.param("id")), viewer);
}

Response vote(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    core::Id id = id_param(req.param("id"));
    std::vector<int> choices;
    for (const auto& text : Params::from(req).all("choices")) {
        auto n = core::parse_id(text);
        if (!n || *n > 1000) throw Error(Errc::unprocessable, "Validation failed: choices must be option numbers");
        choices.push_back(static_cast<int>(*n));
    }
    activitypub::vote_in_poll(ctx, *caller.account, id, choices);
    return poll_response(ctx, id, caller.account->id);
}

Response report(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:reports");
    Params p = Params::from(req);
    core::Id target = id_param(p.get_or("account_id", ""));
    std::vector<core::Id> status_ids;
    for (const auto& text : p.all("status_ids")) status_ids.push_back(id_param(text));
    if (status_ids.size() > 100) throw Error(Errc::unprocessable, "Validation failed: too many statuses");
    std::string category = p.get_or("category", "other");
    if (category != "spam" && category != "legal" && category != "violation" && category != "other") {
        throw Error(Errc::unprocessable, "Validation failed: Category is not included in the list");
    }
    if (target == caller.account->id) throw Error(Errc::unprocessable, "Validation failed: you cannot report yourself");
    core::Report r = activitypub::file_report(ctx, *caller.account, target, status_ids, p.get_or("comment", ""),
                                              p.boolean("forward").value_or(false), category);
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        write_report(w, ctx, conn, r, p.all("rule_ids"));
    });
    return json_response(w.str());
}

}  // namespace

void add_poll_and_report_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/polls/:id", [&ctx](const Request& req) { return show_poll(ctx, req); });
    router.add(http::verb::post, "/api/v1/polls/:id/votes", [&ctx](const Request& req) { return vote(ctx, req); });
    router.add(http::verb::post, "/api/v1/reports", [&ctx](const Request& req) { return report(ctx, req); });
}

}  // namespace gesso::web::mastodon
