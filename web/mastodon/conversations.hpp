#pragma once
// Mastodon's Conversation entity, shared by /api/v1/conversations and the `direct` stream.
#include "activitypub/context.hpp"
#include "core/json.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::web::mastodon {

// {"id": <thread root>, "unread", "accounts": the other participants of `last`, "last_status"}, as `viewer`
// sees it; unread by storage/conversations.hpp's rule.
void write_conversation(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, core::Id viewer,
                        core::Id root, const core::Status& last);

}  // namespace gesso::web::mastodon
