// POST /api/v1/statuses, GET/DELETE /api/v1/statuses/:id, GET /api/v1/statuses/:id/context,
// POST /api/v1/statuses/:id/{favourite,unfavourite,reblog,unreblog,pin,unpin}
#include <type_traits>
#include <unordered_map>

#include "activitypub/outbox.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/reactions.hpp"
#include "activitypub/status_filters.hpp"
#include "activitypub/scheduled.hpp"
#include "activitypub/status_filters.hpp"
#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "storage/thread.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/mastodon/scheduled_statuses.hpp"
#include "web/mastodon/status_draft.hpp"
#include "web/noai/entity_rights.hpp"
#include "web/noai/surface.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

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

// With an Idempotency-Key, the same key from the same account within the key's window answers the status it
// created instead of posting again.
Response create(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    Params params = Params::from(req);
    activitypub::PostDraft draft = read_draft(params);
    auto header = req.message["Idempotency-Key"];
    std::string key(header.data(), header.size());
    if (key.size() > core::limits::kMaxIdempotencyKeyBytes) {
        throw Error(Errc::unprocessable, "Validation failed: Idempotency-Key is too long");
    }
    core::Id me = caller.account->id;
    auto now = ctx.clock.now();
    if (auto at = params.get("scheduled_at"); at && !at->empty()) {
        if (!draft.rights.empty()) {
            throw Error(Errc::unprocessable, "Validation failed: gesso[...] choices cannot be scheduled yet; "
                                             "post without scheduled_at, or schedule without them");
        }
        storage::ScheduledStatus s = activitypub::schedule_status(ctx, *caller.account, draft, read_scheduled_at(*at));
        core::JsonWriter w;
        ctx.db.read([&](storage::Connection& conn) { write_scheduled_status(w, ctx, conn, s); });
        return json_response(w.str());
    }
    if (!key.empty()) {
        auto since = now - std::chrono::seconds(core::limits::kIdempotencyKeySeconds);
        auto earlier = ctx.db.read([&](storage::Connection& conn) { return storage::find_idempotent_status(conn, me, key, since); });
        if (earlier) return status_response(ctx, *earlier, me);
    }
    core::Status status = activitypub::publish_status(ctx, *caller.account, draft);
    if (!key.empty()) {
        ctx.db.write([&](storage::Connection& conn) { storage::save_idempotency_key(conn, me, key, status.id, now); });
    }
    return status_response(ctx, status.id, me);
}

Response show(activitypub::Context& ctx, const Request& req) { return status_response(ctx, id_param(req.param("id")), viewer_of(ctx, req)); }

Response remove(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w, text;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        if (!status || status->account_id != caller.account->id) throw Error(Errc::not_found, "Record not found");
        write_status(w, ctx, conn, *status, caller.account->id);
        text.value(storage::find_status_source(conn, id).value_or(activitypub::html_to_text(status->content)));
    });
    activitypub::delete_local_status(ctx, *caller.account, id);
    // As Mastodon: the deleted status carries its source `text`, so an app can redraft it.
    std::string body = w.str();
    body.pop_back();  // the status object's closing brace
    body += ",\"text\":";
    body += text.str();
    body += '}';
    return json_response(body);
}

Response context(activitypub::Context& ctx, const Request& req) {
    std::optional<core::Id> viewer = viewer_of(ctx, req);
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        if (!status || !activitypub::can_see_status(conn, *status, viewer)) throw Error(Errc::not_found, "Record not found");
        // The reader's "thread" filters: hide removes someone else's status from the thread, warn marks it.
        activitypub::ActiveFilters filters;
        if (viewer) filters = activitypub::ActiveFilters::load(conn, *viewer, "thread", ctx.clock.now());
        auto hidden = [&](const core::Status& s) { return s.account_id != viewer && filters.hides(s); };
        std::vector<core::Status> ancestors;
        for (auto parent_id = status->in_reply_to_id; parent_id && ancestors.size() < core::limits::kMaxContextStatuses;) {
            auto parent = storage::find_status(conn, *parent_id);
            if (!parent) break;
            if (activitypub::can_see_status(conn, *parent, viewer) && !hidden(*parent)) {
                ancestors.insert(ancestors.begin(), *parent);
            }
            parent_id = parent->in_reply_to_id;
        }
        // Breadth first, a level of the thread at a time (two queries per level): each parent's replies oldest
        // first, at most kMaxContextStatuses of them, parents in the order they were found; no parent is
        // started once kMaxContextStatuses descendants are shown.
        std::vector<core::Status> descendants;
        std::vector<core::Id> level{status->id};
        const auto per_parent = static_cast<int>(core::limits::kMaxContextStatuses);
        bool full = false;
        while (!level.empty() && !full) {
            auto replies = storage::replies_to(conn, level, per_parent);
            std::vector<core::Id> ids;
            for (const auto& r : replies) ids.push_back(r.id);
            std::unordered_map<core::Id, core::Status> rows;
            for (auto& s : storage::find_statuses(conn, ids)) {
                core::Id reply_id = s.id;
                rows.emplace(reply_id, std::move(s));
            }
            std::vector<core::Id> next;
            core::Id parent = 0;
            for (const auto& r : replies) {
                if (r.parent_id != parent) {
                    parent = r.parent_id;
                    full = descendants.size() >= core::limits::kMaxContextStatuses;
                    if (full) break;
                }
                auto row = rows.find(r.id);
                if (row == rows.end() || !activitypub::can_see_status(conn, row->second, viewer)) continue;
                next.push_back(r.id);  // the replies to a hidden reply stay (Mastodon filters each)
                if (!hidden(row->second)) descendants.push_back(std::move(row->second));
            }
            level = std::move(next);
        }
        w.begin_object().key("ancestors");
        write_statuses(w, ctx, conn, ancestors, viewer, &filters);
        w.key("descendants");
        write_statuses(w, ctx, conn, descendants, viewer, &filters);
        w.end_object();
    });
    return json_response(w.str());
}

// The actions that answer the (updated) status.
// An action returning a status id answers that status instead (a reblog answers the boost wrapping the original,
// as Mastodon does).
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
        if constexpr (std::is_same_v<decltype(act(ctx, *caller.account, id)), core::Id>) {
            return status_response(ctx, act(ctx, *caller.account, id), caller.account->id);
        } else {
            act(ctx, *caller.account, id);
            return status_response(ctx, id, caller.account->id);
        }
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
               action(ctx, "write:statuses", [](activitypub::Context& c, A a, core::Id id) { return activitypub::reblog_status(c, a, id).id; }));
    router.add(http::verb::post, "/api/v1/statuses/:id/unreblog",
               action(ctx, "write:statuses", [](activitypub::Context& c, A a, core::Id id) { activitypub::unreblog_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/pin",
               action(ctx, "write:accounts", [](activitypub::Context& c, A a, core::Id id) { activitypub::pin_status(c, a, id); }));
    router.add(http::verb::post, "/api/v1/statuses/:id/unpin",
               action(ctx, "write:accounts", [](activitypub::Context& c, A a, core::Id id) { activitypub::unpin_status(c, a, id); }));
}

}  // namespace gesso::web::mastodon
