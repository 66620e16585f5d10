// GET /api/v1/scheduled_statuses, GET/PUT/DELETE /api/v1/scheduled_statuses/:id. Creation is POST
// /api/v1/statuses with scheduled_at (statuses.cpp calls write_scheduled_status).
#include "activitypub/as2/timestamp.hpp"
#include "activitypub/scheduled.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "storage/post_details.hpp"
#include "storage/scheduled.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/mastodon/scheduled_statuses.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

const char* visibility_name(core::Visibility v) {
    switch (v) {
        case core::Visibility::unlisted: return "unlisted";
        case core::Visibility::followers: return "private";
        case core::Visibility::direct: return "direct";
        case core::Visibility::public_: break;
    }
    return "public";
}

}  // namespace

core::TimePoint read_scheduled_at(const std::string& text) {
    auto at = activitypub::as2::parse_iso8601(text);
    if (!at) throw Error(Errc::unprocessable, "Validation failed: Scheduled at is not a date and time");
    return *at;
}

void write_scheduled_status(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                            const storage::ScheduledStatus& s) {
    activitypub::PostDraft d = activitypub::draft_from_json(s.params);
    w.begin_object().field("id", std::to_string(s.id)).field("scheduled_at", core::format_iso8601(s.scheduled_at));
    w.key("params").begin_object().field("text", d.text).field("spoiler_text", d.spoiler_text);
    w.field("sensitive", d.sensitive).field("visibility", visibility_name(d.visibility));
    if (d.language.empty()) w.key("language").null();
    else w.field("language", d.language);
    if (d.in_reply_to_id) w.field("in_reply_to_id", std::to_string(*d.in_reply_to_id));
    else w.key("in_reply_to_id").null();
    w.key("media_ids");
    if (d.media_ids.empty()) w.null();
    else {
        w.begin_array();
        for (core::Id id : d.media_ids) w.value(std::to_string(id));
        w.end_array();
    }
    w.key("poll");
    if (d.poll) {
        w.begin_object().key("options").begin_array();
        for (const auto& o : d.poll->options) w.value(o);
        w.end_array().field("expires_in", static_cast<std::int64_t>(d.poll->expires_in.count()));
        w.field("multiple", d.poll->multiple);
        w.end_object();
    } else {
        w.null();
    }
    // The deprecated `application_id` (an Integer when present) is left out: which app scheduled is not kept.
    w.key("scheduled_at").null().key("idempotency").null().field("with_rate_limit", false);
    w.end_object().key("media_attachments").begin_array();
    for (core::Id id : d.media_ids) {
        if (auto m = storage::find_media(conn, id)) write_media(w, ctx, *m);
    }
    w.end_array().end_object();
}

namespace {

Response index(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& s : storage::scheduled_statuses_of(conn, caller.account->id, core::limits::kMaxScheduledStatuses)) {
            write_scheduled_status(w, ctx, conn, s);
        }
        w.end_array();
    });
    return json_response(w.str());
}

Response one(activitypub::Context& ctx, const Request& req) {
    http::verb method = req.message.method();
    oauth::Caller caller = oauth::require_caller(ctx, req, method == http::verb::get ? "read:statuses" : "write:statuses");
    core::Id id = id_param(req.param("id"));
    if (method == http::verb::put) {
        auto at = Params::from(req).get("scheduled_at");
        if (!at) throw Error(Errc::unprocessable, "Validation failed: Scheduled at can't be blank");
        activitypub::reschedule(ctx, *caller.account, id, read_scheduled_at(*at));
    }
    core::JsonWriter w;
    bool gone = false;
    ctx.db.write([&](storage::Connection& conn) {
        auto s = storage::find_scheduled_status(conn, caller.account->id, id);
        if (!s) throw Error(Errc::not_found, "Record not found");
        if (method == http::verb::delete_) gone = storage::delete_scheduled_status(conn, id);
        else write_scheduled_status(w, ctx, conn, *s);
    });
    return json_response(gone ? "{}" : w.str());
}

}  // namespace

void add_scheduled_status_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/scheduled_statuses", [&ctx](const Request& req) { return index(ctx, req); });
    for (auto verb : {http::verb::get, http::verb::put, http::verb::delete_}) {
        router.add(verb, "/api/v1/scheduled_statuses/:id", [&ctx](const Request& req) { return one(ctx, req); });
    }
}

}  // namespace gesso::web::mastodon
