#pragma once
// Scheduled statuses (a draft, kept as JSON, to publish at a time) and the polls whose end is still to be
// notified.
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct ScheduledStatus {
    core::Id id = 0;
    core::Id account_id = 0;
    core::TimePoint scheduled_at{};
    std::string params;  // the draft as JSON (web/mastodon writes and reads it)
};

void insert_scheduled_status(Connection& conn, const ScheduledStatus& s, core::TimePoint at);
std::optional<ScheduledStatus> find_scheduled_status(Connection& conn, core::Id account_id, core::Id id);
// The account's scheduled statuses, newest first, at most `limit`.
std::vector<ScheduledStatus> scheduled_statuses_of(Connection& conn, core::Id account_id, int limit);
int count_scheduled_statuses(Connection& conn, core::Id account_id);
bool reschedule_status(Connection& conn, core::Id account_id, core::Id id, core::TimePoint at);
bool delete_scheduled_status(Connection& conn, core::Id id);
// Up to `limit` scheduled statuses due at `now`, soonest first.
std::vector<ScheduledStatus> due_scheduled_statuses(Connection& conn, core::TimePoint now, int limit);

// Polls that ended by `now` and whose end was not yet notified (status ids), at most `limit`.
std::vector<core::Id> ended_polls_to_notify(Connection& conn, core::TimePoint now, int limit);
void mark_poll_end_notified(Connection& conn, core::Id status_id);
// Local accounts that voted in the poll.
std::vector<core::Id> local_poll_voters(Connection& conn, core::Id status_id);

}  // namespace gesso::storage
