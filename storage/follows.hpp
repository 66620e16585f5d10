#pragma once
// Follow relationships. A pending follow (accepted = false) waits for a locked account's approval.
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

void insert_follow(Connection& conn, const core::Follow& follow);

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

}  // namespace gesso::storage
