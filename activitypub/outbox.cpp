#include "activitypub/outbox.hpp"
#include "activitypub/events.hpp"

#include "activitypub/activity_proofs.hpp"
#include "activitypub/collections.hpp"
#include "activitypub/note_document.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"
#include "storage/queues.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

std::string audience_json(const Audience& audience) {
    core::JsonWriter w;
    w.begin_object().field("followers", audience.followers).key("inboxes").begin_array();
    for (const auto& inbox : audience.inboxes) w.value(inbox);
    w.end_array().end_object();
    return w.str();
}

std::string follow_object(const std::string& id, const std::string& actor, const std::string& object) {
    core::JsonWriter w;
    w.begin_object().field("id", id).field("type", "Follow").field("actor", actor).field("object", object);
    w.end_object();
    return w.str();
}

void wake(Context& ctx) {
    if (ctx.wake_workers) ctx.wake_workers();
}

}  // namespace

std::string render_activity(const std::string& id, const std::string& type, const std::string& actor,
                            const std::string& object_json, const std::vector<std::string>& to,
                            const std::vector<std::string>& cc) {
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", id).field("type", type).field("actor", actor);
    w.key("object");
    w.raw().RawValue(object_json.data(), object_json.size(), rapidjson::kObjectType);
    if (!to.empty()) {
        w.key("to").begin_array();
        for (const auto& t : to) w.value(t);
        w.end_array();
    }
    if (!cc.empty()) {
        w.key("cc").begin_array();
        for (const auto& c : cc) w.value(c);
        w.end_array();
    }
    w.end_object();
    return w.str();
}

void enqueue_activity(Context& ctx, storage::Connection& conn, const core::Account& account,
                      const std::string& activity_id, const std::string& activity_json, const Audience& audience) {
    // Signed once here (FEP-8b32 proof), so every delivery of the activity carries the same bytes.
    std::string signed_json = add_activity_proof(ctx, conn, account, activity_json);
    storage::OutboxJob job{ctx.ids.next(), account.id, activity_id, signed_json, audience_json(audience), 0};
    storage::enqueue_outbox_job(conn, job, ctx.clock.now());
}

core::Follow follow_account(Context& ctx, const core::Account& local, const std::string& target_uri,
                            const std::optional<storage::FollowOptions>& options) {
    core::Account target = remote_actor(ctx, target_uri);
    if (target.id == local.id) throw Error(Errc::unprocessable, "you cannot follow yourself");
    if (target.is_suspended()) throw Error(Errc::not_found, "Record not found");
    std::string actor = ctx.urls.actor(local.username);
    core::Follow follow = ctx.db.write([&](storage::Connection& conn) {
        if (storage::blocked_either_way(conn, local.id, target.id) ||
            storage::account_blocks_domain(conn, local.id, target.domain)) {
            throw Error(Errc::forbidden, "This action is not allowed");
        }
        auto existing = storage::find_follow(conn, local.id, target.id);
        if (target.is_local()) {  // no activity: the follow is accepted at once unless the account is locked
            if (existing) {
                if (options) storage::set_follow_options(conn, existing->id, *options);
                return *existing;
            }
            core::Follow f{ctx.ids.next(), local.id, target.id, actor + "#follows/", !target.locked, ctx.clock.now()};
            f.uri += std::to_string(f.id);
            storage::insert_follow(conn, f);
            if (options) storage::set_follow_options(conn, f.id, *options);
            notify(ctx, conn, target.id, local.id, f.accepted ? "follow" : "follow_request");
            return f;
        }
        core::Follow f;
        if (existing) {
            f = *existing;
        } else {
            f.id = ctx.ids.next();
            f.account_id = local.id;
            f.target_account_id = target.id;
            f.uri = actor + "#follows/" + std::to_string(f.id);
            f.created_at = ctx.clock.now();
            storage::insert_follow(conn, f);
        }
        if (options) storage::set_follow_options(conn, f.id, *options);
        core::JsonWriter w;
        w.begin_object();
        write_context(w);
        w.field("id", f.uri).field("type", "Follow").field("actor", actor).field("object", target.uri);
        w.end_object();
        enqueue_activity(ctx, conn, local, f.uri, w.str(), {false, {target.inbox_url}});
        return f;
    });
    wake(ctx);
    return follow;
}

bool unfollow_account(Context& ctx, const core::Account& local, const std::string& target_uri) {
    core::Account target = remote_actor(ctx, target_uri);
    std::string actor = ctx.urls.actor(local.username);
    bool removed = ctx.db.write([&](storage::Connection& conn) {
        auto follow = storage::find_follow(conn, local.id, target.id);
        if (!follow) return false;
        storage::delete_follow(conn, follow->id);
        if (target.is_local()) return true;
        std::string undo_id = follow->uri + "/undo";
        enqueue_activity(ctx, conn, local, undo_id,
                         render_activity(undo_id, "Undo", actor, follow_object(follow->uri, actor, target.uri)),
                         {false, {target.inbox_url}});
        return true;
    });
    wake(ctx);
    return removed;
}

core::Status publish_note(Context& ctx, const core::Account& local, const std::string& html,
                          core::Visibility visibility) {
    core::Status status;
    auto now = ctx.clock.now();
    status.id = ctx.ids.next(now);
    status.account_id = local.id;
    status.uri = ctx.urls.actor(local.username) + "/statuses/" + std::to_string(status.id);
    status.url = ctx.urls.profile(local.username) + "/" + std::to_string(status.id);
    status.content = html;
    status.visibility = visibility;
    status.local = true;
    status.created_at = now;
    ctx.db.write([&](storage::Connection& conn) {
        storage::insert_status(conn, status);
        emit_status_created(ctx, conn, status.id);
        add_to_home(ctx, conn, local.id, status.id);
        if (visibility != core::Visibility::direct) {
            for (core::Id follower : storage::local_follower_ids(conn, local.id)) {
                add_to_home(ctx, conn, follower, status.id);
            }
            enqueue_activity(ctx, conn, local, status.uri + "/activity",
                             render_create_note(status, local, ctx.urls, load_note_details(conn, status.id), true),
                             {true, {}});
        }
    });
    wake(ctx);
    return status;
}

void delete_local_status(Context& ctx, const core::Account& local, core::Id status_id) {
    std::string actor = ctx.urls.actor(local.username);
    ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status || status->account_id != local.id) throw Error(Errc::not_found, "no such status");
        emit_status_change(ctx, conn, EventKind::status_deleted, *status);
        storage::mark_status_deleted(conn, status->id, ctx.clock.now());
        if (status->visibility == core::Visibility::direct) return;
        core::JsonWriter tombstone;
        tombstone.begin_object().field("id", status->uri).field("type", "Tombstone").end_object();
        std::string delete_id = status->uri + "#delete";
        enqueue_activity(ctx, conn, local, delete_id,
                         render_activity(delete_id, "Delete", actor, tombstone.str(), {std::string(kPublic)}),
                         {true, {}});
    });
    wake(ctx);
}

}  // namespace gesso::activitypub
