#pragma once
// Statuses (posts). Only what the identity endpoints need so far: insert, page an account's public posts.
#include <optional>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

void insert_status(Connection& conn, const core::Status& status);

// A page of an account's statuses that are public or unlisted and not deleted, newest first,
// with id < max_id when given.
std::vector<core::Status> list_public_statuses(Connection& conn, core::Id account_id, std::optional<core::Id> max_id,
                                               int limit);
std::int64_t count_public_statuses(Connection& conn, core::Id account_id);

}  // namespace gesso::storage
