#pragma once
// Relations between accounts and posts beyond follows: blocks and pinned (featured) statuses.
#include <optional>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/paged.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Blocks. Inserting an existing block is a no-op (false).
bool insert_block(Connection& conn, const core::Block& block);
bool delete_block(Connection& conn, core::Id account_id, core::Id target_account_id);
std::optional<core::Block> find_block(Connection& conn, core::Id account_id, core::Id target_account_id);
// True when either account blocks the other.
bool blocked_either_way(Connection& conn, core::Id a, core::Id b);
// Accounts `account_id` blocks (values), paged by block id.
std::vector<PageRow> blocks_page(Connection& conn, core::Id account_id, const IdPage& page);

// Pins: an account's featured statuses, newest pin first.
bool insert_pin(Connection& conn, core::Id account_id, core::Id status_id, core::TimePoint at);
bool delete_pin(Connection& conn, core::Id account_id, core::Id status_id);
std::vector<core::Id> pinned_status_ids(Connection& conn, core::Id account_id, int limit);
std::int64_t count_pins(Connection& conn, core::Id account_id);
// Replaces a remote account's pins with `status_ids` (its featured collection as last read).
void replace_pins(Connection& conn, core::Id account_id, const std::vector<core::Id>& status_ids, core::TimePoint at);

}  // namespace gesso::storage
