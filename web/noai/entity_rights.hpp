#pragma once
// What the Mastodon API shows about a status's rights, in a `gesso` object (Mastodon has no field for it).
#include <optional>

#include "core/json.hpp"
#include "core/model.hpp"
#include "core/protection.hpp"
#include "storage/post_rights.hpp"
#include "storage/sqlite.hpp"

namespace gesso::web::noai {

// The rights a status carries: its own xRobotsTag and licence when it has them (remote posts keep what their
// server sent), else, for a local post, its own choices over its author's settings (storage/post_rights.hpp);
// indexable likewise (FEP-5feb: false when unsaid).
struct StatusRights {
    std::string x_robots_tag;  // empty: nothing said (the node's default applies on our surfaces)
    std::string license;       // empty: all rights reserved / not said
    bool indexable = false;
    std::string data_mining;   // a local post's PLUS DataMining value (short form); empty for remote posts
};
StatusRights status_rights(storage::Connection& conn, const core::Status& status,
                           const std::optional<core::Account>& author);
// The same from what a page has read: `local_author_settings` is the author's stored settings (defaults when
// none are stored) for a local status, nullopt for a remote one; `own` the post's own choices over them.
StatusRights status_rights(const core::Status& status, bool author_indexable,
                           const std::optional<core::ProtectionSettings>& local_author_settings,
                           const storage::PostRights& own);

// Writes "gesso": {"x_robots_tag": string|null, "license": string|null, "indexable": bool,
// "data_mining": string|null} as the next member.
void write_status_rights(core::JsonWriter& w, const StatusRights& rights);

// Writes "gesso": {"data_mining", "license", "indexable"} with the post's own choices (null: the author's
// setting applies; license "all-rights-reserved" for that choice) as the next member: the status's `source`.
void write_post_rights_source(core::JsonWriter& w, const storage::PostRights& rights);

}  // namespace gesso::web::noai
