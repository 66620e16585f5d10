#include "activitypub/notifications.hpp"
#include "activitypub/events.hpp"

#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"
#include "storage/notifications.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"
#include "storage/status_history.hpp"

namespace gesso::activitypub {

bool notify(Context& ctx, storage::Connection& conn, core::Id recipient, core::Id from, std::string_view type,
            std::optional<core::Id> status_id, std::optional<core::Id> report_id) {
    if (recipient == from && type != "poll") return false;  // a poll's end is news to its author too
    auto account = storage::find_account(conn, recipient);
    if (!account || !account->is_local() || account->is_suspended()) return false;
    if (storage::blocked_either_way(conn, recipient, from)) return false;
    if (type != "admin.report" && storage::hidden_by_viewer(conn, recipient, from, ctx.clock.now(), true)) return false;
    if (status_id && storage::conversation_muted(conn, recipient, *status_id)) return false;
    // Silenced domains reach only those who follow them (reports still reach the admins).
    if (type != "admin.report" && storage::account_silenced(conn, from)) {
        auto follow = storage::find_follow(conn, recipient, from);
        if (!follow || !follow->accepted) return false;
    }
    core::Notification n;
    n.id = ctx.ids.next();
    n.account_id = recipient;
    n.from_account_id = from;
    n.type = std::string(type);
    n.status_id = status_id;
    n.report_id = report_id;
    n.created_at = ctx.clock.now();
    if (!storage::insert_notification(conn, n)) return false;
    Event e;
    e.kind = EventKind::notification;
    e.account_id = recipient;
    e.notification_id = n.id;
    e.status_id = status_id.value_or(0);
    emit(ctx, conn, std::move(e));
    return true;
}

void notify_subscribers(Context& ctx, storage::Connection& conn, const core::Status& status) {
    if (status.visibility == core::Visibility::direct || status.reblog_of_id) return;
    if (!status.in_reply_to_uri.empty() || status.in_reply_to_id) {
        auto parent = status.in_reply_to_id ? storage::find_status(conn, *status.in_reply_to_id) : std::nullopt;
        if (!parent || parent->account_id != status.account_id) return;  // a reply to someone else
    }
    for (core::Id follower : storage::local_notify_follower_ids(conn, status.account_id)) {
        notify(ctx, conn, follower, status.account_id, "status", status.id);
    }
}

}  // namespace gesso::activitypub
