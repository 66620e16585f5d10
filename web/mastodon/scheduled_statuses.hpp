#pragma once
// The ScheduledStatus entity, shared by POST /api/v1/statuses (with scheduled_at) and the scheduled_statuses
// routes.
#include "activitypub/context.hpp"
#include "core/json.hpp"
#include "storage/scheduled.hpp"

namespace gesso::web::mastodon {

// Parses an ISO 8601 scheduled_at; throws core::Error(unprocessable) when it is not one.
core::TimePoint read_scheduled_at(const std::string& text);
void write_scheduled_status(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                            const storage::ScheduledStatus& s);

}  // namespace gesso::web::mastodon
