// POST /api/v1/statuses, GET/DELETE /api/v1/statuses/:id, GET /api/v1/statuses/:id/context,
// POST /api/v1/statuses/:id/{favourite,unfavourite,reblog,unreblog,pin,unpin}
#include "activitypub/outbox.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/reactions.hpp"
#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/routes.hpp"
#include "web/noai/entity_rights.hpp"
#include "web/noai/surface.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

core::Visibility parse_visibility(const std::string& v) {
    if (v == "public") return core::Visibility::public_;
    if (v == "unlisted") return core::Visibility::unlisted;
    if (v == "private") return core::Visibility::followers;
    if (v == "direct") return core::Visibility::direct;
    throw Error(Errc::unprocessable, "Validation failed: Visibility is not included in the list");
}

core::Id id_param(const std::string& text) {
    auto id = core::parse_id(text);
    if (!id) throw Error(Errc::not_found, "Record not found");
    return *id;
}

activitypub::PostDraft read_draft(const Params& p) {
    activitypub::PostDraft d;
    d.text = p.get_or("status", "");
    d.spoiler_text = p.get_or("spoiler_text", "");
    d.sensitive = p.boolean("sensitive").value_or(false);
    d.visibility = parse_visibility(p.get_or("visibility", "public"));
    d.language = p.get_or("language", "");
    if (auto reply = p.get("in_reply_to_id"); reply && !reply->empty()) d.in_reply_to_id = id_param(*reply);
    for (const auto& m : p.all("media_ids")) {
        auto id = core::parse_id(m);
        if (!id) throw Error(Errc::unprocessable, "Validation failed: media_ids must be ids");
        d.media_ids.push_back(*id);
    }
    auto options = p.all("poll[options]");
    if (!options.empty()) {
        activitypub::PollDraft poll;
        poll.options = options;
        poll.multiple = p.boolean("poll[multiple]").value_or(false);
        poll.expires_in = std::chrono::seconds(p.integer("poll[expires_in]").value_or(24 * 3600));
        d.poll = poll;
    }
    return d;
}

Response status_response(activitypub::Context& ctx, core::Id id, std::optional<core::Id> viewer) {
    core::JsonWriter w;
    std::string robots_tag;  // the status's own reservation, re-emitted as its header (web/noai)
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        if (!status || !activitypub::can_see_status(conn, *status, viewer)) throw Error(Errc::not_found, "Record not found");
        write_status(w, ctx, conn, *status, viewer);
        robots_tag = noai::status_rights(conn, *status, storage::find_account(conn, status->account_id)).x_robots_tag;
    });
    Response res = json_response(w.str());
    noai::mark_content_rights(res, robots_tag);
    return res;
}

std::optional<core::Id> viewer_of(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    if (caller && caller->account) return caller->account->id;
    return std::nullopt;
}

Response create(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    core::Status status = activitypub::publish_status(ctx, *caller.account, read_draft(Params::from(req)));
    return status_response(ctx, status.id, caller.account->id);
}

Response show(activitypub::Context& ctx, const Request& req) { return status_response(ctx, id_param(req.param("id")), viewer_of(ctx, req)); }

Response remove(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        if (!status || status->account_id != caller.account->id) throw Error(Errc::not_found, "Record not found");
        write_status(w, ctx, conn, *status, caller.account->id);
    });
    activitypub::delete_local_status(ctx, *caller.account, id);
    return json_response(w.str());
}

Response context(activitypub::Context& ctx, const Request& req) {
    std::optional<core::Id> viewer = viewer_of(ctx, req);
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        if (!status || !activitypub::can_see_status(conn, *status, viewer)) throw Error(Errc::not_found, "Record not found");
        std::vector<core::Status> ancestors;
        for (auto parent_id = status->in_reply_to_id; parent_id && ancestors.size() < core::limits::kMaxContextStatuses;) {
            auto parent = storage::find_status(conn, *parent_id);
            if (!parent) break;
            if (activitypub::can_see_status(conn, *parent, viewer)) ancestors.insert(ancestors.begin(), *parent);
            parent_id = parent->in_reply_to_id;
        }
        std::vector<core::Status> descendants;
        std::vector<core::Id> frontier{status->id};
        while (!frontier.empty() && descendants.size() < core::limits::kMaxContextStatuses) {
            core::Id next = frontier.front();
            frontier.erase(frontier.begin());
            for (auto& reply : storage::list_replies(conn, next, static_cast<int>(core::limits::kMaxContextStatuses))) {
                if (!activitypub::can_see_status(conn, reply, viewer)) continue;
                frontier.push_back(reply.id);
                descendants.push_back(std::move(reply));
            }
        }
        w.begin_object().key("ancestors").begin_array();
        for (const auto& s : ancestors) write_status(w, ctx, conn, s, viewer);
        w.end_array().key("descendants").begin_array();
        for (const auto& s : descendants) write_status(w, ctx, conn, s, viewer);
        w.end_array().end_object();
    });
    return json_response(w.str());
}

// The actions that answer the (updated) status.
template <typename Action>
Handler action(activitypub::Context& ctx, const char* scope, Action act) {
    return [&ctx, scope, act](const Request& req) {
        oauth::Caller caller = oauth::require_caller(ctx, req, scope);
        core::Id id = id_param(req.param("id"));
        bool visible = ctx.db.read([&](storage::Connection& conn) {
            auto status = storage::find_status(conn, id);
            return status && activitypub::can_see_status(conn, *status, caller.account->id);
        });
        if (!visible) throw Error(Errc::not_found, "Record not found");
        act(ctx, *caller.account, id);
        return status_response(ctx, id, caller.account->id);
    };
}

}  // namespace

void add_status_routes(Router& router, activitypub::Context& ctx) {
    router.add(http::verb::post, "/api/v1/statuses", [&ctx](const Request& req) { return create(ctx, req); },
               core::limits::kMaxFormBodyBytes);
    router.get("/api/v1/statuses/:id", [&ctx](const Request& req) { return show(ctx, req); });
    router.add(http::verb::delete_, "/api/v1/statuses/:id", [&ctx](const Request& req) { return remove(ctx, req); });
    router.get("/api/v1/statuses/:id/context", [&ctx](const Request& req) { return context(ctx, req); });
    using A = const core::Account&;
    router.add(http::verb::post, "/api/v1/statuses/:id/favourite",
               action(ctx, "write:favourites", [](activitypub::Context& c, A a, core::Id id) { activitypub::favourite_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/unfavourite",
               action(ctx, "write:favourites", [](activitypub::Context& c, A a, core::Id id) { activitypub::unfavourite_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/reblog",
               action(ctx, "write:statuses", [](activitypub::Context& c, A a, core::Id id) { activitypub::reblog_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/unreblog",
               action(ctx, "write:statuses", [](activitypub::Context& c, A a, core::Id id) { activitypub::unreblog_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/pin",
               action(ctx, "write:accounts", [](activitypub::Context& c, A a, core::Id id) { activitypub::pin_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/unpin",
               action(ctx, "write:accounts", [](activitypub::Context& c, A a, core::Id id) { activitypub::unpin_status(c, a, id); }));
}

}  // namespace gesso::web::mastodon
