// Received blocks, reports (Flag), account moves (Move) and featured-collection changes (Add/Remove).
#include <algorithm>

#include "activitypub/inbound.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/remote_posts.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub::inbound {

using core::Errc;
using core::Error;

void on_block(Inbound& in) {
    auto target = local_account_for(in.ctx, in.activity.object_id);
    if (!target) return;
    in.ctx.db.write([&](storage::Connection& conn) {
        storage::insert_block(conn, {in.ctx.ids.next(), in.signer.id, target->id, in.activity.id, in.ctx.clock.now()});
        if (auto f = storage::find_follow(conn, in.signer.id, target->id)) storage::delete_follow(conn, f->id);
        if (auto f = storage::find_follow(conn, target->id, in.signer.id)) storage::delete_follow(conn, f->id);
    });
}

void undo_block(Inbound& in) {
    std::string target_uri = in.activity.object_id;
    if (in.activity.object && !in.activity.object->json.empty()) {
        rapidjson::Document block = as2::embedded_document(*in.activity.object);
        if (block.HasMember("object") && block["object"].IsString()) target_uri = block["object"].GetString();
    }
    auto target = local_account_for(in.ctx, target_uri);
    if (!target) return;
    in.ctx.db.write([&](storage::Connection& conn) { storage::delete_block(conn, in.signer.id, target->id); });
}

// A Flag names a local account and/or local posts; it becomes one report for the admins.
void on_flag(Inbound& in) {
    std::vector<std::string> objects = in.activity.flag_objects;
    if (objects.empty()) objects.push_back(in.activity.object_id);
    in.ctx.db.write([&](storage::Connection& conn) {
        if (storage::find_report_by_uri(conn, in.activity.id)) return;
        core::Report report;
        for (const auto& uri : objects) {
            if (auto account = storage::find_account_by_uri(conn, uri); account && account->is_local()) {
                if (!report.target_account_id) report.target_account_id = account->id;
            } else if (auto status = storage::find_status_by_uri(conn, uri); status && status->local) {
                if (!report.target_account_id) report.target_account_id = status->account_id;
                if (status->account_id == report.target_account_id) report.status_ids.push_back(status->id);
            }
        }
        if (!report.target_account_id) return;  // nothing of ours was reported
        report.id = in.ctx.ids.next();
        report.account_id = in.signer.id;
        report.comment = in.activity.content;
        report.uri = in.activity.id;
        report.created_at = in.ctx.clock.now();
        storage::insert_report(conn, report);
        for (const auto& user : storage::list_local_users(conn)) {
            if (user.user.admin) notify(in.ctx, conn, user.account.id, in.signer.id, "admin.report", std::nullopt, report.id);
        }
    });
}

// Move: the signer moved to `target`, which must name the signer in its alsoKnownAs (read fresh from its
// server). Local followers of the old account follow the new one instead.
void on_move(Inbound& in) {
    if (in.activity.object_id != in.signer.uri) throw Error(Errc::unauthorized, "a Move must move its own actor");
    std::string target_uri = in.activity.target;
    if (target_uri.empty()) throw Error(Errc::unprocessable, "Move without a target");
    core::Account target = remote_actor(in.ctx, target_uri, FetchMode::refresh);
    auto aliases = in.ctx.db.read([&](storage::Connection& conn) { return storage::find_profile(conn, target.id).also_known_as; });
    if (std::find(aliases.begin(), aliases.end(), in.signer.uri) == aliases.end()) {
        throw Error(Errc::unprocessable, "the Move target " + target_uri + " does not list the mover in alsoKnownAs");
    }
    auto followers = in.ctx.db.write([&](storage::Connection& conn) {
        storage::set_moved_to(conn, in.signer.id, target.id);
        return storage::local_follower_ids(conn, in.signer.id);
    });
    int moved = 0;
    for (core::Id follower_id : followers) {
        auto follower = in.ctx.db.read([&](storage::Connection& conn) { return storage::find_account(conn, follower_id); });
        if (!follower || follower->is_suspended() || follower->id == target.id) continue;
        if (in.ctx.db.read([&](storage::Connection& conn) { return storage::blocked_either_way(conn, follower->id, target.id); })) {
            continue;
        }
        follow_account(in.ctx, *follower, target.uri);
        unfollow_account(in.ctx, *follower, in.signer.uri);
        in.ctx.db.write([&](storage::Connection& conn) { notify(in.ctx, conn, follower->id, in.signer.id, "move"); });
        ++moved;
    }
    GESSO_LOG(info) << in.signer.uri << " moved to " << target.uri << "; " << moved << " local followers moved along";
}

namespace {
bool targets_own_featured(const Inbound& in) {
    return !in.signer.featured_url.empty() && in.activity.target == in.signer.featured_url;
}
}  // namespace

void on_add(Inbound& in) {
    if (!targets_own_featured(in)) return;  // other collections are not tracked
    auto status = known_or_fetched_status(in.ctx, in.activity.object_id, true);
    if (!status || status->account_id != in.signer.id) return;
    in.ctx.db.write([&](storage::Connection& conn) { storage::insert_pin(conn, in.signer.id, status->id, in.ctx.clock.now()); });
}

void on_remove(Inbound& in) {
    if (!targets_own_featured(in)) return;
    in.ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status_by_uri(conn, in.activity.object_id);
        if (status && status->account_id == in.signer.id) storage::delete_pin(conn, in.signer.id, status->id);
    });
}

}  // namespace gesso::activitypub::inbound
