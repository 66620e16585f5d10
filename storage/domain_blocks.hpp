#pragma once
// Domain policies set by the admin: silence or suspend a whole remote domain.
#include <optional>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Inserts or updates the block for `block.domain` (case-insensitive). Returns true if it was new.
bool upsert_domain_block(Connection& conn, const core::DomainBlock& block);
// Returns false if the domain was not blocked.
bool delete_domain_block(Connection& conn, std::string_view domain);
std::optional<core::DomainBlock> find_domain_block(Connection& conn, std::string_view domain);
std::vector<core::DomainBlock> list_domain_blocks(Connection& conn);
// True when `domain` is blocked with severity suspend (nothing is accepted from or delivered to it).
bool domain_suspended(Connection& conn, std::string_view domain);

}  // namespace gesso::storage
