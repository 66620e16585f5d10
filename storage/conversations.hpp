#pragma once
// Read state of direct conversations (Mastodon's /api/v1/conversations), per reader and thread root
// (storage::conversation_root). A conversation is unread when its newest status is someone else's and newer
// than the newest one read; a removed conversation stays out of the list until a status newer than the one
// it was removed at arrives.
#include <optional>
#include <vector>

#include "core/model.hpp"
#include "storage/paged.hpp"
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

// Direct statuses of a participant read to find a thread's previous status when its newest is deleted (kept
// here rather than in core/limits.hpp, whose every change rebuilds the whole tree).
inline constexpr int kConversationRescan = 400;

// Conversation membership (migration 16): per participant of a direct status (its author and the accounts it
// mentions) and thread root, the newest direct status there.
// Records direct status `status` (its mentions already stored) for its participants; nothing for other statuses.
void add_to_conversation(Connection& conn, const core::Status& status);
// After direct status `status_id` was marked deleted: participants whose newest status of the thread it was get
// the thread's previous one they take part in, found among their newest kConversationRescan direct
// statuses (or leave the thread). Nothing for other statuses.
void drop_from_conversation(Connection& conn, core::Id status_id);
// The reader's conversations as a page of (newest status id, root id) rows keyed by the newest status id.
std::vector<PageRow> conversations_page(Connection& conn, core::Id account_id, const IdPage& page);
// The newest status of the reader's conversation `root_id`, if they take part in it.
std::optional<core::Id> conversation_last_status(Connection& conn, core::Id account_id, core::Id root_id);

}  // namespace gesso::storage
