#pragma once
// What the engine announces to live clients (the streaming API). The engine calls emit() inside the write
// transaction that made the change; the event reaches the node's EventSink only after that transaction has
// committed (storage::Connection::after_commit), and never when it rolls back. The sink (web/streaming)
// decides who receives what and renders payloads; the engine knows nothing about sockets.
#include <utility>
#include <vector>

#include "activitypub/context.hpp"
#include "core/ids.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

enum class EventKind {
    home_update,      // status_id entered account_id's home timeline
    list_update,      // status_id entered the timeline of account_id's list list_id
    status_created,   // status_id was stored (local post or federated arrival); public streams filter it
    notification,     // notification_id was created for account_id
    status_deleted,   // status_id was deleted; audience held it in their home timelines
    status_edited,    // status_id was edited; audience held it in their home timelines
};

struct Event {
    EventKind kind = EventKind::status_created;
    core::Id status_id = 0;
    core::Id account_id = 0;
    core::Id notification_id = 0;
    core::Id list_id = 0;                                     // list_update
    core::Id author_id = 0;                                   // status_deleted / status_edited
    core::Visibility visibility = core::Visibility::public_;  // status_deleted / status_edited
    std::vector<core::Id> audience;                           // status_deleted / status_edited
    std::vector<std::pair<core::Id, core::Id>> list_audience;  // (owner, list) holding it: deleted / edited
};

// Receives events after commit, on the thread that committed. Implementations must be thread-safe, must not
// block for long and must not throw.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void publish(const Event& event) noexcept = 0;
};

// Queues `event` for ctx.events once the transaction on `conn` commits; nothing when the node has no sink.
void emit(Context& ctx, storage::Connection& conn, Event event);

// storage::add_to_home_timeline plus the home_update event and a list_update event per list that gained it.
void add_to_home(Context& ctx, storage::Connection& conn, core::Id account_id, core::Id status_id);

// Public statuses enter the home timelines of the local accounts following one of their hashtags (Mastodon's
// followed tags), except the author's own and where a block stands between them. Call once the status's tags
// are stored.
void add_to_tag_followers(Context& ctx, storage::Connection& conn, const core::Status& status);

// The status_created event (public streams filter by visibility, locality, media and tags).
void emit_status_created(Context& ctx, storage::Connection& conn, core::Id status_id);

// The status_deleted or status_edited event for `status`, with the home and list timelines holding it as audience.
// Call before the change removes timeline entries.
void emit_status_change(Context& ctx, storage::Connection& conn, EventKind kind, const core::Status& status);

}  // namespace gesso::activitypub
