#include "activitypub/events.hpp"

#include "core/limits.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

void emit(Context& ctx, storage::Connection& conn, Event event) {
    EventSink* sink = ctx.events;
    if (!sink) return;
    conn.after_commit([sink, event = std::move(event)] { sink->publish(event); });
}

void add_to_home(Context& ctx, storage::Connection& conn, core::Id account_id, core::Id status_id) {
    storage::add_to_home_timeline(conn, account_id, status_id);
    if (conn.changes() == 0) return;  // already there (an edit re-adding a mention): nothing new to show
    Event e;
    e.kind = EventKind::home_update;
    e.account_id = account_id;
    e.status_id = status_id;
    emit(ctx, conn, std::move(e));
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
    emit(ctx, conn, std::move(e));
}

}  // namespace gesso::activitypub
