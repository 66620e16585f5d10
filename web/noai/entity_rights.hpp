#pragma once
// What the Mastodon API shows about a status's rights, in a `gesso` object (Mastodon has no field for it).
#include <optional>

#include "core/json.hpp"
#include "core/model.hpp"
#include "core/protection.hpp"
#include "storage/sqlite.hpp"

namespace gesso::web::noai {

// The rights a status carries: its own xRobotsTag and licence when it has them (remote posts keep what their
// server sent), else its local author's settings; indexable from the author (FEP-5feb: false when unsaid).
struct StatusRights {
    std::string x_robots_tag;  // empty: nothing said (the node's default applies on our surfaces)
    std::string license;       // empty: all rights reserved / not said
    bool indexable = false;
};
StatusRights status_rights(storage::Connection& conn, const core::Status& status,
                           const std::optional<core::Account>& author);
// The same from what a page has read: `local_author_settings` is the author's stored settings (defaults when
// none are stored) for a local status, nullopt for a remote one.
StatusRights status_rights(const core::Status& status, bool author_indexable,
                           const std::optional<core::ProtectionSettings>& local_author_settings);

// Writes "gesso": {"x_robots_tag": string|null, "license": string|null, "indexable": bool} as the next member.
void write_status_rights(core::JsonWriter& w, const StatusRights& rights);

}  // namespace gesso::web::noai
