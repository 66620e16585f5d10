#include "activitypub/inbox_handlers.hpp"

#include <algorithm>

#include "activitypub/as2/activity.hpp"
#include "activitypub/inbound.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/relationships.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"
#include "storage/notifications.hpp"
#include "storage/relations.hpp"

namespace gesso::activitypub {

using as2::ActivityType;
using core::Errc;
using core::Error;

namespace inbound {

std::optional<core::Account> local_account_for(Context& ctx, const std::string& uri) {
    auto account = ctx.db.read([&](storage::Connection& conn) { return storage::find_account_by_uri(conn, uri); });
    if (account && account->is_local() && account->actor_type != "Application") return account;
    return std::nullopt;
}

namespace {

void on_follow(Inbound& in) {
    auto target = local_account_for(in.ctx, in.activity.object_id);
    if (!target) throw Error(Errc::not_found, "Follow of an unknown account " + in.activity.object_id);
    if (target->is_suspended()) throw Error(Errc::gone, "Follow of a suspended account");
    in.ctx.db.write([&](storage::Connection& conn) {
        // Refused: blocked either way, or the person blocked the follower's whole domain for themselves.
        if (storage::blocked_either_way(conn, in.signer.id, target->id) ||
            storage::account_blocks_domain(conn, target->id, in.signer.domain)) {
            core::Follow refused{0, in.signer.id, target->id, in.activity.id, false, in.ctx.clock.now()};
            refused.id = in.ctx.ids.next();
            answer_follow(in.ctx, conn, *target, refused, in.signer, false);
            return;
        }
        auto follow = storage::find_follow(conn, in.signer.id, target->id);
        if (!follow) {
            core::Follow f;
            f.id = in.ctx.ids.next();
            f.account_id = in.signer.id;
            f.target_account_id = target->id;
            f.uri = in.activity.id;
            f.accepted = !target->locked;
            f.created_at = in.ctx.clock.now();
            storage::insert_follow(conn, f);
            follow = f;
            notify(in.ctx, conn, target->id, in.signer.id, f.accepted ? "follow" : "follow_request");
        }
        // Accept again even for a known follow: the peer may have lost our first Accept.
        if (follow->accepted) answer_follow(in.ctx, conn, *target, *follow, in.signer, true);
    });
}

// The follow an Accept/Reject/Undo names: by its id, or (Pixelfed) by the embedded Follow's actor/object.
std::optional<core::Follow> named_follow(Inbound& in, bool signer_is_target) {
    return in.ctx.db.read([&](storage::Connection& conn) -> std::optional<core::Follow> {
        if (!in.activity.object_id.empty()) {
            if (auto f = storage::find_follow_by_uri(conn, in.activity.object_id)) return f;
        }
        if (!in.activity.object) return std::nullopt;
        rapidjson::Document follow = as2::embedded_document(*in.activity.object);
        auto member = [&](const char* name) -> std::string {
            return follow.IsObject() && follow.HasMember(name) && follow[name].IsString() ? follow[name].GetString() : "";
        };
        std::string other = signer_is_target ? member("actor") : member("object");
        auto other_account = storage::find_account_by_uri(conn, other);
        if (!other_account) return std::nullopt;
        return signer_is_target ? storage::find_follow(conn, other_account->id, in.signer.id)
                                : storage::find_follow(conn, in.signer.id, other_account->id);
    });
}

void on_accept(Inbound& in) {
    auto follow = named_follow(in, true);
    if (!follow || follow->target_account_id != in.signer.id) return;  // not ours to accept
    in.ctx.db.write([&](storage::Connection& conn) { storage::set_follow_accepted(conn, follow->id); });
}

void on_reject(Inbound& in) {
    auto follow = named_follow(in, true);
    if (!follow || follow->target_account_id != in.signer.id) return;
    in.ctx.db.write([&](storage::Connection& conn) { storage::delete_follow(conn, follow->id); });
}

void on_undo(Inbound& in) {
    std::string type = in.activity.object ? in.activity.object->type : "";
    if (type == "Follow" || type.empty()) {
        auto follow = named_follow(in, false);
        if (follow && follow->account_id == in.signer.id) {
            in.ctx.db.write([&](storage::Connection& conn) {
                storage::delete_follow(conn, follow->id);
                storage::delete_notifications_from(conn, in.signer.id, "follow", std::nullopt);
                storage::delete_notifications_from(conn, in.signer.id, "follow_request", std::nullopt);
            });
        }
    }
    if (type == "Like" || type == "EmojiReact") undo_like(in);
    else if (type == "Announce") undo_announce(in);
    else if (type == "Block") undo_block(in);
}

}  // namespace
}  // namespace inbound

void apply_activity(Context& ctx, const std::string& signer_uri, const std::string& payload) {
    rapidjson::Document doc = core::parse_json(payload);
    as2::ParsedActivity activity = as2::parse_activity(doc);
    core::Account signer = remote_actor(ctx, signer_uri);
    if (signer.is_suspended()) return;
    using namespace inbound;
    Inbound in{ctx, activity, signer};
    switch (activity.kind) {
        case ActivityType::follow: on_follow(in); break;
        case ActivityType::accept: on_accept(in); break;
        case ActivityType::reject: on_reject(in); break;
        case ActivityType::undo: on_undo(in); break;
        case ActivityType::create: on_create(in); break;
        case ActivityType::update: on_update(in); break;
        case ActivityType::delete_: on_delete(in); break;
        case ActivityType::block: on_block(in); break;
        case ActivityType::like:
        case ActivityType::emoji_react: on_like(in); break;
        case ActivityType::announce: on_announce(in); break;
        case ActivityType::flag: on_flag(in); break;
        case ActivityType::move: on_move(in); break;
        case ActivityType::add: on_add(in); break;
        case ActivityType::remove: on_remove(in); break;
        default:
            GESSO_LOG(debug) << "ignoring " << activity.type << " " << activity.id;
            break;
    }
}

}  // namespace gesso::activitypub
