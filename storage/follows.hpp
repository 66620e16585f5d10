#pragma once
// Follow relationships. A pending follow (accepted = false) waits for a locked account's approval.
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
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

}  // namespace gesso::storage
