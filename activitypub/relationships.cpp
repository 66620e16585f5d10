#include "activitypub/relationships.hpp"

#include <algorithm>

#include "activitypub/actors.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

void wake(Context& ctx) {
    if (ctx.wake_workers) ctx.wake_workers();
}

std::string object_json(const std::string& id, const char* type, const std::string& actor, const std::string& object) {
    core::JsonWriter w;
    w.begin_object().field("id", id).field("type", type).field("actor", actor).field("object", object).end_object();
    return w.str();
}

core::Account account_or_404(storage::Connection& conn, core::Id id) {
    auto account = storage::find_account(conn, id);
    if (!account) throw Error(Errc::not_found, "Record not found");
    return *account;
}

}  // namespace

void answer_follow(Context& ctx, storage::Connection& conn, const core::Account& local, const core::Follow& follow,
                   const core::Account& follower, bool accept) {
    if (follower.is_local()) return;
    std::string actor = ctx.urls.actor(local.username);
    std::string id = actor + (accept ? "#accepts/follows/" : "#rejects/follows/") + std::to_string(follow.id);
    std::string json = render_activity(id, accept ? "Accept" : "Reject", actor,
                                       object_json(follow.uri, "Follow", follower.uri, actor));
    enqueue_activity(ctx, conn, local, id, json, {false, {follower.inbox_url}});
}

void authorize_follow_request(Context& ctx, const core::Account& local, core::Id follower_id) {
    ctx.db.write([&](storage::Connection& conn) {
        auto follow = storage::find_follow(conn, follower_id, local.id);
        if (!follow || follow->accepted) throw Error(Errc::not_found, "Record not found");
        storage::set_follow_accepted(conn, follow->id);
        core::Account follower = account_or_404(conn, follower_id);
        answer_follow(ctx, conn, local, *follow, follower, true);
        storage::delete_notifications_from(conn, follower_id, "follow_request", std::nullopt);
        notify(ctx, conn, local.id, follower_id, "follow");
    });
    wake(ctx);
}

void reject_follow_request(Context& ctx, const core::Account& local, core::Id follower_id) {
    ctx.db.write([&](storage::Connection& conn) {
        auto follow = storage::find_follow(conn, follower_id, local.id);
        if (!follow || follow->accepted) throw Error(Errc::not_found, "Record not found");
        storage::delete_follow(conn, follow->id);
        answer_follow(ctx, conn, local, *follow, account_or_404(conn, follower_id), false);
        storage::delete_notifications_from(conn, follower_id, "follow_request", std::nullopt);
    });
    wake(ctx);
}

void block_account(Context& ctx, const core::Account& local, core::Id target_id) {
    if (target_id == local.id) throw Error(Errc::unprocessable, "you cannot block yourself");
    ctx.db.write([&](storage::Connection& conn) {
        core::Account target = account_or_404(conn, target_id);
        if (storage::find_block(conn, local.id, target.id)) return;
        core::Block block{ctx.ids.next(), local.id, target.id, "", ctx.clock.now()};
        std::string actor = ctx.urls.actor(local.username);
        block.uri = actor + "#blocks/" + std::to_string(block.id);
        storage::insert_block(conn, block);
        // The blocked account stops following us (told with a Reject) and we stop following it (Undo Follow).
        if (auto theirs = storage::find_follow(conn, target.id, local.id)) {
            storage::delete_follow(conn, theirs->id);
            answer_follow(ctx, conn, local, *theirs, target, false);
        }
        if (auto ours = storage::find_follow(conn, local.id, target.id)) {
            storage::delete_follow(conn, ours->id);
            if (!target.is_local()) {
                std::string undo_id = ours->uri + "/undo";
                enqueue_activity(ctx, conn, local, undo_id,
                                 render_activity(undo_id, "Undo", actor, object_json(ours->uri, "Follow", actor, target.uri)),
                                 {false, {target.inbox_url}});
            }
        }
        if (!target.is_local()) {
            enqueue_activity(ctx, conn, local, block.uri, render_activity(block.uri, "Block", actor, "\"" + target.uri + "\""),
                             {false, {target.inbox_url}});
        }
    });
    wake(ctx);
}

bool unblock_account(Context& ctx, const core::Account& local, core::Id target_id) {
    bool removed = ctx.db.write([&](storage::Connection& conn) {
        auto block = storage::find_block(conn, local.id, target_id);
        if (!block) return false;
        storage::delete_block(conn, local.id, target_id);
        core::Account target = account_or_404(conn, target_id);
        if (!target.is_local()) {
            std::string actor = ctx.urls.actor(local.username);
            std::string undo_id = block->uri + "/undo";
            enqueue_activity(ctx, conn, local, undo_id,
                             render_activity(undo_id, "Undo", actor, object_json(block->uri, "Block", actor, target.uri)),
                             {false, {target.inbox_url}});
        }
        return true;
    });
    wake(ctx);
    return removed;
}

namespace {
void send_featured_change(Context& ctx, storage::Connection& conn, const core::Account& local, const core::Status& status,
                          const char* type) {
    std::string actor = ctx.urls.actor(local.username);
    std::string id = actor + "#" + (std::string(type) == "Add" ? "pins/" : "unpins/") + std::to_string(status.id) + "/" +
                     std::to_string(core::to_unix_ms(ctx.clock.now()));
    core::JsonWriter w;
    w.begin_object();
    write_context(w);
    w.field("id", id).field("type", type).field("actor", actor).field("object", status.uri);
    w.field("target", ctx.urls.featured(local.username));
    w.key("to").begin_array().value(std::string(kPublic)).end_array();
    w.key("cc").begin_array().value(ctx.urls.followers(local.username)).end_array();
    w.end_object();
    enqueue_activity(ctx, conn, local, id, w.str(), {true, {}});
}
}  // namespace

void pin_status(Context& ctx, const core::Account& local, core::Id status_id) {
    ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status || status->account_id != local.id || status->reblog_of_id) throw Error(Errc::not_found, "Record not found");
        if (status->visibility != core::Visibility::public_ && status->visibility != core::Visibility::unlisted) {
            throw Error(Errc::unprocessable, "Validation failed: only public and unlisted posts can be pinned");
        }
        if (storage::count_pins(conn, local.id) >= core::limits::kMaxPins) {
            throw Error(Errc::unprocessable, "Validation failed: you cannot pin more than " +
                                                 std::to_string(core::limits::kMaxPins) + " posts");
        }
        if (storage::insert_pin(conn, local.id, status->id, ctx.clock.now())) send_featured_change(ctx, conn, local, *status, "Add");
    });
    wake(ctx);
}

bool unpin_status(Context& ctx, const core::Account& local, core::Id status_id) {
    bool removed = ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status || status->account_id != local.id) throw Error(Errc::not_found, "Record not found");
        if (!storage::delete_pin(conn, local.id, status->id)) return false;
        send_featured_change(ctx, conn, local, *status, "Remove");
        return true;
    });
    wake(ctx);
    return removed;
}

void publish_profile_update(Context& ctx, const core::Account& local) {
    std::string actor_json = local_actor_json(ctx, local.username);
    std::string actor = ctx.urls.actor(local.username);
    std::string id = actor + "#updates/" + std::to_string(core::to_unix_ms(ctx.clock.now()));
    // The actor document already carries @context; the Update repeats it at the top level.
    rapidjson::Document doc = core::parse_json(actor_json);
    doc.RemoveMember("@context");
    core::JsonWriter inner;
    doc.Accept(inner.raw());
    std::string json = render_activity(id, "Update", actor, inner.str(), {std::string(kPublic)});
    ctx.db.write([&](storage::Connection& conn) { enqueue_activity(ctx, conn, local, id, json, {true, {}}); });
    wake(ctx);
}

void set_aliases(Context& ctx, const core::Account& local, const std::vector<std::string>& actor_uris) {
    if (actor_uris.size() > core::limits::kMaxAliases) {
        throw Error(Errc::unprocessable, "Validation failed: at most " + std::to_string(core::limits::kMaxAliases) + " aliases");
    }
    std::vector<std::string> checked;
    for (const auto& uri : actor_uris) {
        core::Account alias;
        try {
            alias = remote_actor(ctx, uri, FetchMode::refresh);
        } catch (const Error&) {
            throw Error(Errc::unprocessable, "Validation failed: " + uri + " is not an account we can find");
        }
        if (alias.id == local.id) throw Error(Errc::unprocessable, "Validation failed: an account cannot be its own alias");
        checked.push_back(alias.uri);
    }
    ctx.db.write([&](storage::Connection& conn) {
        core::AccountProfile profile = storage::find_profile(conn, local.id);
        profile.also_known_as = checked;
        storage::update_profile(conn, local.id, profile);
    });
    publish_profile_update(ctx, local);
}

void move_account(Context& ctx, const core::Account& local, const std::string& target_uri) {
    core::Account target = remote_actor(ctx, target_uri, FetchMode::refresh);
    std::string actor = ctx.urls.actor(local.username);
    if (target.id == local.id) throw Error(Errc::unprocessable, "Validation failed: an account cannot move to itself");
    ctx.db.write([&](storage::Connection& conn) {
        auto aliases = storage::find_profile(conn, target.id).also_known_as;
        if (std::find(aliases.begin(), aliases.end(), actor) == aliases.end()) {
            throw Error(Errc::unprocessable, "Validation failed: " + target.uri + " does not list " + actor +
                                                 " as an alias; add the alias on the new account first");
        }
        storage::set_moved_to(conn, local.id, target.id);
        std::string id = actor + "#moves/" + std::to_string(core::to_unix_ms(ctx.clock.now()));
        core::JsonWriter w;
        w.begin_object();
        write_context(w);
        w.field("id", id).field("type", "Move").field("actor", actor).field("object", actor).field("target", target.uri);
        w.key("to").begin_array().value(ctx.urls.followers(local.username)).end_array();
        w.end_object();
        enqueue_activity(ctx, conn, local, id, w.str(), {true, {}});
    });
    wake(ctx);
}

core::Report file_report(Context& ctx, const core::Account& reporter, core::Id target_id,
                         const std::vector<core::Id>& status_ids, const std::string& comment, bool forward,
                         const std::string& category) {
    if (comment.size() > core::limits::kMaxReportCommentBytes) {
        throw Error(Errc::unprocessable, "Validation failed: the comment is too long");
    }
    core::Report report = ctx.db.write([&](storage::Connection& conn) {
        core::Account target = account_or_404(conn, target_id);
        core::Report r;
        r.id = ctx.ids.next();
        r.account_id = reporter.id;
        r.target_account_id = target.id;
        for (core::Id id : status_ids) {
            auto status = storage::find_status(conn, id);
            if (!status || status->account_id != target.id) throw Error(Errc::not_found, "Record not found");
            r.status_ids.push_back(id);
        }
        r.comment = comment;
        r.category = category;
        r.created_at = ctx.clock.now();
        r.forwarded = forward && !target.is_local();
        if (r.forwarded) r.uri = ctx.urls.instance_actor() + "#reports/" + std::to_string(r.id);
        storage::insert_report(conn, r);
        for (const auto& user : storage::list_local_users(conn)) {
            if (user.user.admin) notify(ctx, conn, user.account.id, reporter.id, "admin.report", std::nullopt, r.id);
        }
        if (r.forwarded) {
            auto instance = storage::find_account_by_uri(conn, ctx.urls.instance_actor());
            if (!instance) throw Error(Errc::internal, "the instance actor is missing");
            core::JsonWriter w;
            w.begin_object();
            write_context(w);
            w.field("id", r.uri).field("type", "Flag").field("actor", instance->uri).field("content", comment);
            w.key("object").begin_array().value(target.uri);
            for (core::Id id : r.status_ids) w.value(storage::find_status(conn, id)->uri);
            w.end_array().end_object();
            enqueue_activity(ctx, conn, *instance, r.uri, w.str(),
                             {false, {target.shared_inbox_url.empty() ? target.inbox_url : target.shared_inbox_url}});
        }
        return r;
    });
    wake(ctx);
    return report;
}

}  // namespace gesso::activitypub
