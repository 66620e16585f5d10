#pragma once
// Account extras kept beside the account row: profile fields, aliases (alsoKnownAs), the account it moved to,
// and the rights its owner reserves (FEP-5e53 xRobotsTag, licence).
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

core::AccountProfile find_profile(Connection& conn, core::Id account_id);
// Replaces fields, aliases, x_robots_tag and license (moved_to is set separately).
void update_profile(Connection& conn, core::Id account_id, const core::AccountProfile& profile);
void set_moved_to(Connection& conn, core::Id account_id, std::optional<core::Id> target_account_id);

}  // namespace gesso::storage
