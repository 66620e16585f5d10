#include "activitypub/reactions.hpp"
#include "activitypub/events.hpp"

#include "activitypub/notifications.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

struct Target {
    core::Status status;
    core::Account author;
};

Target load_target(storage::Connection& conn, core::Id status_id) {
    auto status = storage::find_status(conn, status_id);
    if (!status || status->reblog_of_id) throw Error(Errc::not_found, "no such status");
    auto author = storage::find_account(conn, status->account_id);
    if (!author) throw Error(Errc::not_found, "no such status");
    return {*status, *author};
}

std::vector<std::string> author_inbox(const core::Account& author) {
    if (author.is_local() || author.inbox_url.empty()) return {};
    return {author.inbox_url};
}

std::string like_json(const std::string& id, const std::string& actor, const std::string& object, bool with_context) {
    core::JsonWriter w;
    w.begin_object();
    if (with_context) write_context(w);
    w.field("id", id).field("type", "Like").field("actor", actor).field("object", object).end_object();
    return w.str();
}

std::string announce_json(const std::string& id, const std::string& actor, const Target& t, const std::string& followers,
                          bool with_context) {
    core::JsonWriter w;
    w.begin_object();
    if (with_context) write_context(w);
    w.field("id", id).field("type", "Announce").field("actor", actor).field("object", t.status.uri);
    w.key("to").begin_array().value(kPublic).end_array();
    w.key("cc").begin_array().value(t.author.uri).value(followers).end_array();
    w.end_object();
    return w.str();
}

void wake(Context& ctx) {
    if (ctx.wake_workers) ctx.wake_workers();
}

}  // namespace

void favourite_status(Context& ctx, const core::Account& local, core::Id status_id) {
    std::string actor = ctx.urls.actor(local.username);
    ctx.db.write([&](storage::Connection& conn) {
        Target t = load_target(conn, status_id);
        core::Id id = ctx.ids.next();
        std::string like_id = actor + "#likes/" + std::to_string(id);
        if (!storage::insert_favourite(conn, id, local.id, t.status.id, like_id, ctx.clock.now())) return;
        notify(ctx, conn, t.author.id, local.id, "favourite", t.status.id);
        auto inboxes = author_inbox(t.author);
        if (!inboxes.empty()) {
            enqueue_activity(ctx, conn, local, like_id, like_json(like_id, actor, t.status.uri, true), {false, inboxes});
        }
    });
    wake(ctx);
}

bool unfavourite_status(Context& ctx, const core::Account& local, core::Id status_id) {
    std::string actor = ctx.urls.actor(local.username);
    bool removed = ctx.db.write([&](storage::Connection& conn) {
        Target t = load_target(conn, status_id);
        auto like = storage::find_favourite_uri(conn, local.id, t.status.id);
        if (!like) return false;
        std::string like_id = *like;
        storage::delete_favourite(conn, local.id, t.status.id);
        storage::delete_notifications_from(conn, local.id, "favourite", t.status.id);
        auto inboxes = author_inbox(t.author);
        if (!inboxes.empty()) {
            std::string undo_id = like_id + "/undo";
            enqueue_activity(ctx, conn, local, undo_id,
                             render_activity(undo_id, "Undo", actor, like_json(like_id, actor, t.status.uri, false)),
                             {false, inboxes});
        }
        return true;
    });
    wake(ctx);
    return removed;
}

core::Status reblog_status(Context& ctx, const core::Account& local, core::Id status_id) {
    std::string actor = ctx.urls.actor(local.username);
    core::Status boost = ctx.db.write([&](storage::Connection& conn) {
        Target t = load_target(conn, status_id);
        if (t.status.visibility != core::Visibility::public_ && t.status.visibility != core::Visibility::unlisted) {
            throw Error(Errc::unprocessable, "only public and unlisted posts can be boosted");
        }
        if (auto existing = storage::find_reblog(conn, local.id, t.status.id)) return *existing;
        core::Status b;
        b.id = ctx.ids.next();
        b.account_id = local.id;
        b.uri = actor + "/statuses/" + std::to_string(b.id) + "/activity";
        b.reblog_of_id = t.status.id;
        b.visibility = core::Visibility::public_;
        b.local = true;
        b.created_at = ctx.clock.now();
        storage::insert_status(conn, b);
        add_to_home(ctx, conn, local.id, b.id);
        for (core::Id follower : storage::local_boost_follower_ids(conn, local.id)) add_to_home(ctx, conn, follower, b.id);
        notify(ctx, conn, t.author.id, local.id, "reblog", t.status.id);
        enqueue_activity(ctx, conn, local, b.uri,
                         announce_json(b.uri, actor, t, ctx.urls.followers(local.username), true),
                         {true, author_inbox(t.author)});
        return b;
    });
    wake(ctx);
    return boost;
}

bool unreblog_status(Context& ctx, const core::Account& local, core::Id status_id) {
    std::string actor = ctx.urls.actor(local.username);
    bool removed = ctx.db.write([&](storage::Connection& conn) {
        Target t = load_target(conn, status_id);
        auto boost = storage::find_reblog(conn, local.id, t.status.id);
        if (!boost) return false;
        storage::mark_status_deleted(conn, boost->id, ctx.clock.now());
        storage::delete_notifications_from(conn, local.id, "reblog", t.status.id);
        std::string undo_id = boost->uri + "/undo";
        enqueue_activity(
            ctx, conn, local, undo_id,
            render_activity(undo_id, "Undo", actor,
                            announce_json(boost->uri, actor, t, ctx.urls.followers(local.username), false)),
            {true, author_inbox(t.author)});
        return true;
    });
    wake(ctx);
    return removed;
}

}  // namespace gesso::activitypub
