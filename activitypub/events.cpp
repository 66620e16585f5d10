#include "activitypub/events.hpp"

#include "core/limits.hpp"
#include "storage/lists.hpp"
#include "storage/post_details.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"
#include "storage/tags.hpp"

namespace gesso::activitypub {

void emit(Context& ctx, storage::Connection& conn, Event event) {
    EventSink* sink = ctx.events;
    if (!sink) return;
    conn.after_commit([sink, event = std::move(event)] { sink->publish(event); });
}

void add_to_home(Context& ctx, storage::Connection& conn, core::Id account_id, core::Id status_id) {
    // Nothing new to show where it was already (an edit re-adding a mention).
    storage::TimelineInsert added = storage::add_to_home_timeline(conn, account_id, status_id);
    if (added.home) {
        Event e;
        e.kind = EventKind::home_update;
        e.account_id = account_id;
        e.status_id = status_id;
        emit(ctx, conn, std::move(e));
    }
    for (core::Id list_id : added.lists) {
        Event e;
        e.kind = EventKind::list_update;
        e.account_id = account_id;
        e.status_id = status_id;
        e.list_id = list_id;
        emit(ctx, conn, std::move(e));
    }
}

void add_to_tag_followers(Context& ctx, storage::Connection& conn, const core::Status& status) {
    if (status.visibility != core::Visibility::public_ || status.reblog_of_id) return;
    std::vector<std::string> keys;
    for (const auto& name : storage::find_tags(conn, status.id)) keys.push_back(storage::normalize_tag(name));
    if (keys.empty()) return;
    for (core::Id follower : storage::tag_follower_ids(conn, keys)) {
        if (follower == status.account_id || storage::blocked_either_way(conn, follower, status.account_id)) continue;
        add_to_home(ctx, conn, follower, status.id);
    }
}

void emit_status_created(Context& ctx, storage::Connection& conn, core::Id status_id) {
    Event e;
    e.kind = EventKind::status_created;
    e.status_id = status_id;
    emit(ctx, conn, std::move(e));
}

void emit_status_change(Context& ctx, storage::Connection& conn, EventKind kind, const core::Status& status) {
    if (!ctx.events) return;
    Event e;
    e.kind = kind;
    e.status_id = status.id;
    e.author_id = status.account_id;
    e.visibility = status.visibility;
    e.audience = storage::home_timeline_accounts(conn, status.id, core::limits::kStreamAudienceMax);
    e.list_audience = storage::lists_holding(conn, status.id, core::limits::kStreamAudienceMax);
    emit(ctx, conn, std::move(e));
}

}  // namespace gesso::activitypub
