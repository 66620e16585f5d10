#pragma once
// Read state of direct conversations (Mastodon's /api/v1/conversations), per reader and thread root
// (storage::conversation_root). A conversation is unread when its newest status is someone else's and newer
// than the newest one read; a removed conversation stays out of the list until a status newer than the one
// it was removed at arrives.
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct ConversationState {
    core::Id last_read_id = 0;
    core::Id hidden_through_id = 0;
};

// No row: nothing read, nothing removed.
ConversationState find_conversation_state(Connection& conn, core::Id account_id, core::Id root_id);
// Marks the conversation read through `status_id` (never moves back).
void mark_conversation_read(Connection& conn, core::Id account_id, core::Id root_id, core::Id status_id);
// Removes the conversation from the list through `status_id` (and marks it read that far).
void hide_conversation(Connection& conn, core::Id account_id, core::Id root_id, core::Id status_id);

// Whether a conversation whose newest status is `last_status_id` by `last_author_id` is unread for `account_id`.
inline bool conversation_unread(const ConversationState& state, core::Id account_id, core::Id last_status_id,
                                core::Id last_author_id) {
    return last_author_id != account_id && last_status_id > state.last_read_id;
}

}  // namespace gesso::storage
