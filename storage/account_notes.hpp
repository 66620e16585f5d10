#pragma once
// Private notes one person keeps on another account (Mastodon's "note" in a relationship). Never federated.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Sets the note; an empty comment deletes it.
void set_account_note(Connection& conn, core::Id account_id, core::Id target_account_id, std::string_view comment,
                      core::TimePoint at);
// The note, or "" when there is none.
std::string find_account_note(Connection& conn, core::Id account_id, core::Id target_account_id);

}  // namespace gesso::storage
