#pragma once
// What a status carries besides its text: mentioned actors, hashtags, media attachments, a poll, and the
// custom emoji known per domain. Replacing a status's details (after an edit) deletes and re-inserts them.
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Mentions. Replaces the status's mentions with `mentions` (duplicates by account_uri are kept once).
void replace_mentions(Connection& conn, core::Id status_id, const std::vector<core::MentionRef>& mentions);
std::vector<core::MentionRef> find_mentions(Connection& conn, core::Id status_id);

// Hashtags: the stored key is the name lower-cased (ASCII), the display name is kept as first written.
std::string normalize_tag(std::string_view name);
void replace_tags(Connection& conn, core::Id status_id, const std::vector<std::string>& names);
std::vector<std::string> find_tags(Connection& conn, core::Id status_id);  // display names
// Ids of non-deleted public statuses with `tag`, newest first, below max_id.
std::vector<core::Id> statuses_with_tag(Connection& conn, std::string_view tag, std::optional<core::Id> max_id, int limit);

// Media attachments.
void insert_media(Connection& conn, const core::MediaAttachment& media);
// Attaches the given media (owned by `account_id`, not attached elsewhere) to `status_id` in this order.
// Returns how many were attached.
int attach_media(Connection& conn, core::Id account_id, core::Id status_id, const std::vector<core::Id>& media_ids);
// Detaches a status's media at `at` (they stay with their owner), before attaching an edited list.
void detach_status_media(Connection& conn, core::Id status_id, core::TimePoint at);
// Drops a remote status's attachments (before storing an edited list).
void delete_status_media(Connection& conn, core::Id status_id);
// A deleted post's attachments: remote ones are dropped (their cached files queued for removal, media.hpp),
// local ones detached at `at` and kept with their owner for a redraft until the unattached-upload sweep.
void release_status_media(Connection& conn, core::Id status_id, core::TimePoint at);
std::vector<core::MediaAttachment> find_status_media(Connection& conn, core::Id status_id);
std::optional<core::MediaAttachment> find_media(Connection& conn, core::Id id);

// Polls. upsert keeps votes already counted locally.
void upsert_poll(Connection& conn, const core::Poll& poll);
std::optional<core::Poll> find_poll(Connection& conn, core::Id status_id);
// Forgets every vote in the poll of `status_id` (its options changed); the poll's counts are the caller's.
void delete_poll_votes(Connection& conn, core::Id status_id);
// Records `account_id`'s vote for option `choice` (0-based) and bumps its count; false when that vote exists.
bool insert_poll_vote(Connection& conn, core::Id id, core::Id status_id, core::Id account_id, int choice,
                      std::string_view uri, core::TimePoint at);
std::vector<int> find_poll_votes(Connection& conn, core::Id status_id, core::Id account_id);

// Custom emoji of a domain ('' for local ones): inserted or refreshed by shortcode.
void upsert_emoji(Connection& conn, std::string_view shortcode, std::string_view domain, std::string_view image_url,
                  std::string_view uri, core::TimePoint at);
struct EmojiRow {
    std::string shortcode;  // without colons
    std::string domain;
    std::string image_url;
};
std::vector<EmojiRow> find_emojis(Connection& conn, std::string_view domain, const std::vector<std::string>& shortcodes);

// Batched lookups for a page (ids bound as one list, storage/id_list.hpp): per status id that has any, in the
// order of the single-status functions above.
std::unordered_map<core::Id, std::vector<core::MentionRef>> find_mentions_of(Connection& conn, const std::vector<core::Id>& status_ids);
std::unordered_map<core::Id, std::vector<std::string>> find_tags_of(Connection& conn, const std::vector<core::Id>& status_ids);
std::unordered_map<core::Id, std::vector<core::MediaAttachment>> find_media_of(Connection& conn,
                                                                               const std::vector<core::Id>& status_ids);
std::unordered_map<core::Id, core::Poll> find_polls(Connection& conn, const std::vector<core::Id>& status_ids);
std::unordered_map<core::Id, std::vector<int>> find_poll_votes_of(Connection& conn, const std::vector<core::Id>& status_ids,
                                                                  core::Id account_id);

}  // namespace gesso::storage
