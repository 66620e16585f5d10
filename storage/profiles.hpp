#pragma once
// Account extras kept beside the account row: profile fields, aliases (alsoKnownAs), the account it moved to,
// and the rights its owner reserves (FEP-5e53 xRobotsTag, licence).
#include <unordered_map>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

core::AccountProfile find_profile(Connection& conn, core::Id account_id);
// Replaces fields, aliases, x_robots_tag and license (moved_to is set separately).
void update_profile(Connection& conn, core::Id account_id, const core::AccountProfile& profile);
void set_moved_to(Connection& conn, core::Id account_id, std::optional<core::Id> target_account_id);

// Writes what a local account edits about itself: display name, note, locked, bot, discoverable, indexable,
// avatar and header URLs, updated_at. Values are stored as given: callers validate.
void update_account_identity(Connection& conn, const core::Account& account);

// A local user's posting defaults (Mastodon's `source`): privacy public|unlisted|private|direct.
struct PostingDefaults {
    std::string privacy = "public";
    bool sensitive = false;
    std::string language;  // ISO 639 code or empty
};
PostingDefaults find_posting_defaults(Connection& conn, core::Id account_id);
void set_posting_defaults(Connection& conn, core::Id account_id, const PostingDefaults& defaults);

// find_profile for each of `account_ids` that exists (one query per page).
std::unordered_map<core::Id, core::AccountProfile> find_profiles(Connection& conn, const std::vector<core::Id>& account_ids);

}  // namespace gesso::storage
