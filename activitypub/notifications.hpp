#pragma once
// Notifying local accounts of what others did to them. Called inside the transaction that made the change.
#include <optional>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// Notifies `recipient` (only when it is a local account) that `from` did `type` (Mastodon's names: follow,
// follow_request, mention, reblog, favourite, poll, status, update, admin.report), unless either blocks the other.
// Returns whether a notification was added.
// A recipient who muted `from` (with notifications) or blocked its domain gets nothing either.
bool notify(Context& ctx, storage::Connection& conn, core::Id recipient, core::Id from, std::string_view type,
            std::optional<core::Id> status_id = std::nullopt, std::optional<core::Id> report_id = std::nullopt);

// A new status (local or arrived): local followers who asked for its author's posts (follow with notify)
// get a "status" notification. Direct posts, boosts and replies to others notify nobody this way.
void notify_subscribers(Context& ctx, storage::Connection& conn, const core::Status& status);

}  // namespace gesso::activitypub
