#pragma once
// Local accounts' likes and boosts, federated as Like/Announce (and Undo of them).
#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// Likes `status_id` (any visible status). Idempotent. The Like goes to the author when remote.
void favourite_status(Context& ctx, const core::Account& local, core::Id status_id);
// Returns false when there was no like.
bool unfavourite_status(Context& ctx, const core::Account& local, core::Id status_id);

// Boosts a public or unlisted status: a status row pointing at it, an Announce to the booster's followers
// and to the author. Idempotent: returns the existing boost.
core::Status reblog_status(Context& ctx, const core::Account& local, core::Id status_id);
bool unreblog_status(Context& ctx, const core::Account& local, core::Id status_id);

}  // namespace gesso::activitypub
