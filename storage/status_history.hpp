#pragma once
// What a status was before: prior versions kept when it is edited (update_status_content records them), the
// plain-text source of local statuses (for editing), and the Idempotency-Key that created a status.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct StatusVersion {
    std::string content;  // HTML
    std::string spoiler_text;
    bool sensitive = false;
    core::TimePoint created_at{};  // when this version was written
    // The attachments as they were (id and alt text then), in order; the poll's options and whether several
    // could be chosen. Versions recorded before these were kept have no media and no poll.
    struct Media {
        core::Id id = 0;
        std::string description;
    };
    std::vector<Media> media;
    std::optional<core::Poll> poll;  // options with titles only (votes 0)
};
// Prior versions of a status, oldest first (the current one is the status itself).
std::vector<StatusVersion> status_versions(Connection& conn, core::Id status_id);

// Local accounts with a live boost of the status (they get an `update` notification when it is edited).
std::vector<core::Id> local_booster_ids(Connection& conn, core::Id status_id);

// Muted conversations, kept by their first post (the root of the reply chain, followed up to
// limits::kMaxContextStatuses parents).
core::Id conversation_root(Connection& conn, core::Id status_id);
void mute_conversation(Connection& conn, core::Id account_id, core::Id status_id);
void unmute_conversation(Connection& conn, core::Id account_id, core::Id status_id);
bool conversation_muted(Connection& conn, core::Id account_id, core::Id status_id);
// Whether `account_id` mutes any conversation (most mute none, so a page skips the per-status check).
bool mutes_any_conversation(Connection& conn, core::Id account_id);

// The text a local author typed (Mastodon's StatusSource.text); set on publish and edit.
void save_status_source(Connection& conn, core::Id status_id, std::string_view text);
std::optional<std::string> find_status_source(Connection& conn, core::Id status_id);

// The status `account_id` created with Idempotency-Key `key` at or after `since`, if any.
std::optional<core::Id> find_idempotent_status(Connection& conn, core::Id account_id, std::string_view key,
                                               core::TimePoint since);
// Remembers (or re-points, for a key older than its window) the key's status.
void save_idempotency_key(Connection& conn, core::Id account_id, std::string_view key, core::Id status_id,
                          core::TimePoint at);

}  // namespace gesso::storage
