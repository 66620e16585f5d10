#pragma once
// Follow relationships. A pending follow (accepted = false) waits for a locked account's approval.
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/paged.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

void insert_follow(Connection& conn, const core::Follow& follow);

std::optional<core::Follow> find_follow(Connection& conn, core::Id account_id, core::Id target_account_id);
std::optional<core::Follow> find_follow_by_uri(Connection& conn, std::string_view uri);
void set_follow_accepted(Connection& conn, core::Id follow_id);
// Returns false if there was no such follow.
bool delete_follow(Connection& conn, core::Id follow_id);

// Distinct inboxes of the remote accepted followers of `account_id`, shared inbox preferred.
std::vector<std::string> follower_inboxes(Connection& conn, core::Id account_id);
// Local accounts that follow `account_id` (accepted).
std::vector<core::Id> local_follower_ids(Connection& conn, core::Id account_id);

enum class FollowSide { followers, following };

// One page of accepted follows of `account_id` on `side`, newest first, with follow id < max_id when given.
// Each entry is the follow and the actor URI of the other side.
struct FollowEntry {
    core::Id follow_id;
    std::string actor_uri;
};
std::vector<FollowEntry> list_follows(Connection& conn, core::Id account_id, FollowSide side,
                                      std::optional<core::Id> max_id, int limit);
std::int64_t count_follows(Connection& conn, core::Id account_id, FollowSide side);
// Follow requests waiting for `account_id`'s approval.
std::int64_t count_pending_follow_requests(Connection& conn, core::Id account_id);

// What a follower chose for one follow (Mastodon's follow options): whether the followed account's boosts reach
// the follower's home timeline, whether their new posts notify the follower, and which languages to show
// (empty: all).
struct FollowOptions {
    bool show_reblogs = true;
    bool notify = false;
    std::vector<std::string> languages;
};
void set_follow_options(Connection& conn, core::Id follow_id, const FollowOptions& options);
// The options of `account_id`'s follow of `target_account_id` (defaults when there is none).
FollowOptions find_follow_options(Connection& conn, core::Id account_id, core::Id target_account_id);
// Local accounts following `account_id` (accepted) that want its boosts in their home timelines.
std::vector<core::Id> local_boost_follower_ids(Connection& conn, core::Id account_id);
// Local accounts following `account_id` (accepted) that asked to be notified of its new posts.
std::vector<core::Id> local_notify_follower_ids(Connection& conn, core::Id account_id);

// Accepted follows of `account_id` on `side` (values: the other account), paged by follow id.
std::vector<PageRow> follows_page(Connection& conn, core::Id account_id, FollowSide side, const IdPage& page);
// Pending follow requests to `account_id` (values: the requester), paged by follow id.
std::vector<PageRow> follow_requests_page(Connection& conn, core::Id account_id, const IdPage& page);
// Follows of `target_account_id` (accepted or pending) by accounts of `domain` (case-insensitive).
std::vector<core::Follow> follows_from_domain(Connection& conn, core::Id target_account_id, std::string_view domain);
// Accounts `viewer` follows (accepted) that follow `target` (accepted), newest follow first, at most `limit`.
std::vector<core::Id> familiar_followers(Connection& conn, core::Id viewer, core::Id target, int limit);

// count_follows for each of `account_ids` that has any (one query per page).
std::unordered_map<core::Id, std::int64_t> count_follows_of(Connection& conn, const std::vector<core::Id>& account_ids,
                                                            FollowSide side);

}  // namespace gesso::storage
