#pragma once
// Hashtags as Mastodon's Tag entity needs them: the daily use history (public statuses, local and received,
// counted per day when their tags are stored) and the tags each account follows (their public statuses enter the follower's home
// timeline, activitypub/events.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "storage/statuses.hpp"

namespace gesso::storage {

// A hashtag name as typed after '#': letters (any script), digits and underscores, at most
// limits::kMaxTagNameChars bytes. Returns the normalised (lower-case) key, nothing for an invalid name.
std::optional<std::string> valid_tag_key(std::string_view name);

struct TagDay {
    std::int64_t day = 0;  // unix seconds of the day's start (UTC)
    std::int64_t uses = 0;
    std::int64_t accounts = 0;
};
// The last `days` days up to `now`, today first, days without use included: public, undeleted, non-boost
// statuses created that day carrying `key`, and their distinct authors, read from the daily counters
// (tag_day_accounts, kept by triggers on status_tags) as an index range.
std::vector<TagDay> tag_history(Connection& conn, std::string_view key, core::TimePoint now, int days);

struct FollowedTag {
    core::Id id = 0;  // paging key
    std::string key;
    std::string name;  // as the follower typed it
};
// Follows `key` (shown as `name`); nothing when already followed. Throws core::Error(unprocessable) past
// limits::kMaxFollowedTags.
void follow_tag(Connection& conn, core::Id id, core::Id account_id, std::string_view key, std::string_view name,
                core::TimePoint at);
void unfollow_tag(Connection& conn, core::Id account_id, std::string_view key);
bool follows_tag(Connection& conn, core::Id account_id, std::string_view key);
// Newest follow first, by IdPage over the follow ids.
std::vector<FollowedTag> followed_tags_page(Connection& conn, core::Id account_id, const IdPage& page);
// Local accounts following any of `keys`, without duplicates.
std::vector<core::Id> tag_follower_ids(Connection& conn, const std::vector<std::string>& keys);

}  // namespace gesso::storage
