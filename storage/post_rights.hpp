#pragma once
// A post's own protection choices (issue 6's per-post override) over its local author's defaults
// (account_settings): the AI-training reservation (a PLUS DataMining value, short form), the licence and
// `indexable`. Unset fields follow the author. Kept in `status_rights`, one row per post that chose anything.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct PostRights {
    std::optional<std::string> data_mining;  // e.g. "DMI-ALLOWED"
    std::optional<std::string> license;      // a licence URL; "" means all rights reserved
    std::optional<bool> indexable;
    bool empty() const { return !data_mining && !license && !indexable; }
};

// The post's choices; all unset when it has none.
PostRights find_post_rights(Connection& conn, core::Id status_id);
// The choices of those of `status_ids` that have any (one query per limits::kMaxIdsPerQuery ids).
std::unordered_map<core::Id, PostRights> find_post_rights_of(Connection& conn, const std::vector<core::Id>& status_ids);
// Replaces the post's row (an empty `rights` removes it). Values are stored as given: callers validate.
void save_post_rights(Connection& conn, core::Id status_id, const PostRights& rights);

// A local post whose DataMining choice is its own, for /.well-known/tdmrep.json.
struct PostReservation {
    core::Id status_id = 0;
    std::string username;            // the local author
    std::string data_mining;         // the post's own value
    std::string author_data_mining;  // the author's setting
};
// Up to `limit` live local posts (of unsuspended authors) with a DataMining choice of their own that differs
// from their author's setting, newest first.
std::vector<PostReservation> list_post_reservations(Connection& conn, int limit);

// Up to `limit` local accounts (not suspended) whose setting is `data_mining` (e.g. "DMI-ALLOWED"), oldest
// first: their usernames.
std::vector<std::string> list_accounts_with_data_mining(Connection& conn, std::string_view data_mining, int limit);
// Up to `limit` served names of local uploads attached to live posts whose files carry `data_mining_uri`,
// newest first.
std::vector<std::string> list_media_with_data_mining(Connection& conn, std::string_view data_mining_uri, int limit);

}  // namespace gesso::storage
