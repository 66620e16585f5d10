// PUT /api/v1/statuses/:id (edit), GET /api/v1/statuses/:id/history, GET /api/v1/statuses/:id/source,
// POST /api/v1/statuses/:id/mute and /unmute.
// Prior versions are kept by storage (update_status_content) for local edits and remote Update(Note) alike.
#include "activitypub/posting.hpp"
#include "activitypub/status_filters.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/mastodon/status_draft.hpp"
#include "web/noai/entity_rights.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

std::optional<core::Id> viewer_of(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    if (caller && caller->account) return caller->account->id;
    return std::nullopt;
}

core::Status visible_status(storage::Connection& conn, core::Id id, std::optional<core::Id> viewer) {
    auto status = storage::find_status(conn, id);
    if (!status || status->reblog_of_id || !activitypub::can_see_status(conn, *status, viewer)) {
        throw Error(Errc::not_found, "Record not found");
    }
    return *status;
}

Response edit(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:statuses");
    core::Id id = id_param(req.param("id"));
    activitypub::PostDraft draft = read_draft(Params::from(req));
    // What an edit cannot change stays as it was.
    ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, id);
        if (!status || status->account_id != caller.account->id) throw Error(Errc::not_found, "Record not found");
        draft.visibility = status->visibility;
        draft.in_reply_to_id = status->in_reply_to_id;
    });
    activitypub::edit_status(ctx, *caller.account, id, draft);
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        write_status(w, ctx, conn, visible_status(conn, id, caller.account->id), caller.account->id);
    });
    return json_response(w.str());
}

// Mastodon's StatusEdit: the version's text, its poll's options ({"options":[{"title"}]}) and its attachments
// with the alt text they had then (an attachment since deleted is left out).
void write_version(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Account& author,
                   const storage::StatusVersion& v) {
    w.begin_object().field("content", v.content).field("spoiler_text", v.spoiler_text).field("sensitive", v.sensitive);
    w.field("created_at", core::format_iso8601(v.created_at)).key("account");
    write_account(w, ctx, conn, author);
    // `poll` is an optional Hash, never null (entities/StatusEdit): left out when the version had none.
    if (v.poll) {
        w.key("poll").begin_object().key("options").begin_array();
        for (const auto& o : v.poll->options) w.begin_object().field("title", o.title).end_object();
        w.end_array().end_object();
    }
    w.key("media_attachments").begin_array();
    for (const auto& snapshot : v.media) {
        auto m = storage::find_media(conn, snapshot.id);
        if (!m) continue;
        m->description = snapshot.description;
        write_media(w, ctx, *m);
    }
    w.end_array().key("emojis").begin_array().end_array().end_object();
}

// Every version, oldest first, the current one last (Mastodon lists the original even when never edited).
Response history(activitypub::Context& ctx, const Request& req) {
    std::optional<core::Id> viewer = viewer_of(ctx, req);
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        core::Status s = visible_status(conn, id, viewer);
        auto author = storage::find_account(conn, s.account_id);
        if (!author) throw Error(Errc::not_found, "Record not found");
        w.begin_array();
        for (const auto& v : storage::status_versions(conn, id)) write_version(w, ctx, conn, *author, v);
        storage::StatusVersion current;
        current.content = s.content;
        current.spoiler_text = s.spoiler_text;
        current.sensitive = s.sensitive;
        current.created_at = s.edited_at.value_or(s.created_at);
        for (const auto& m : storage::find_status_media(conn, id)) current.media.push_back({m.id, m.description});
        current.poll = storage::find_poll(conn, id);
        write_version(w, ctx, conn, *author, current);
        w.end_array();
    });
    return json_response(w.str());
}

Response source(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        core::Status s = visible_status(conn, id, caller.account->id);
        std::string text = storage::find_status_source(conn, id).value_or(activitypub::html_to_text(s.content));
        w.begin_object().field("id", std::to_string(s.id)).field("text", text).field("spoiler_text", s.spoiler_text);
        if (s.account_id == caller.account->id) noai::write_post_rights_source(w, storage::find_post_rights(conn, id));
        w.end_object();
    });
    return json_response(w.str());
}

// POST mute / unmute: no notifications from the conversation the status is in.
Response mute(activitypub::Context& ctx, const Request& req, bool on) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:mutes");
    core::Id id = id_param(req.param("id"));
    core::Id me = caller.account->id;
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        core::Status s = visible_status(conn, id, me);
        if (on) storage::mute_conversation(conn, me, id);
        else storage::unmute_conversation(conn, me, id);
        write_status(w, ctx, conn, s, me);
    });
    return json_response(w.str());
}

}  // namespace

void add_status_edit_routes(Router& router, activitypub::Context& ctx) {
    router.add(http::verb::put, "/api/v1/statuses/:id", [&ctx](const Request& req) { return edit(ctx, req); },
               core::limits::kMaxFormBodyBytes);
    router.get("/api/v1/statuses/:id/history", [&ctx](const Request& req) { return history(ctx, req); });
    router.get("/api/v1/statuses/:id/source", [&ctx](const Request& req) { return source(ctx, req); });
    router.add(http::verb::post, "/api/v1/statuses/:id/mute", [&ctx](const Request& req) { return mute(ctx, req, true); });
    router.add(http::verb::post, "/api/v1/statuses/:id/unmute", [&ctx](const Request& req) { return mute(ctx, req, false); });
}

}  // namespace gesso::web::mastodon
