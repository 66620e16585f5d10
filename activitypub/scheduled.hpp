#pragma once
// Work that falls due by the clock: scheduled statuses are published, and when a poll ends its author and
// local voters get a `poll` notification. Run as a step of the federation workers (pump_once), so tests drive
// it with a ManualClock.
#include <string>

#include "activitypub/context.hpp"
#include "activitypub/posting.hpp"
#include "storage/scheduled.hpp"

namespace gesso::activitypub {

// The draft as kept with a scheduled status, and back. draft_from_json throws core::Error(unprocessable) for
// text that is not such a document.
std::string draft_to_json(const PostDraft& draft);
PostDraft draft_from_json(const std::string& json);

// Keeps `draft` to publish at `at`. Throws core::Error(unprocessable) when `at` is less than
// limits::kMinScheduleAhead or more than kMaxScheduleAhead away, the draft is blank or too long, or the
// author has kMaxScheduledStatuses waiting already.
storage::ScheduledStatus schedule_status(Context& ctx, const core::Account& author, const PostDraft& draft,
                                         core::TimePoint at);
// Moves a scheduled status to `at` (same bounds). Throws not_found when it is not the author's.
storage::ScheduledStatus reschedule(Context& ctx, const core::Account& author, core::Id id, core::TimePoint at);

// Publishes up to `limit` scheduled statuses that are due (a draft that no longer passes, e.g. its media or
// parent went, is dropped and logged) and notifies up to `limit` ended polls. Returns how many it handled.
int run_due_work(Context& ctx, int limit);

}  // namespace gesso::activitypub
