#pragma once
// Bookmarks and the lists of who reacted to what: a person's bookmarks and favourites, a status's favouriters
// and boosters, each paged by the id of the row that records the reaction (Mastodon pages these the same way).
#include <unordered_set>
#include <vector>

#include "core/clock.hpp"
#include "core/model.hpp"
#include "storage/paged.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Bookmarking twice is a no-op (false); deleting reports whether a row went.
bool insert_bookmark(Connection& conn, core::Id id, core::Id account_id, core::Id status_id, core::TimePoint at);
bool delete_bookmark(Connection& conn, core::Id account_id, core::Id status_id);
bool bookmarked(Connection& conn, core::Id account_id, core::Id status_id);

// `account_id`'s bookmarks (values: statuses not deleted), paged by bookmark id.
std::vector<PageRow> bookmarks_page(Connection& conn, core::Id account_id, const IdPage& page);
// `account_id`'s favourites (values: statuses not deleted), paged by favourite id.
std::vector<PageRow> favourites_page(Connection& conn, core::Id account_id, const IdPage& page);
// Who favourited `status_id` (values: accounts), paged by favourite id.
std::vector<PageRow> favourited_by_page(Connection& conn, core::Id status_id, const IdPage& page);
// Who boosted `status_id` (values: accounts), paged by the boost's status id; deleted boosts left out.
std::vector<PageRow> reblogged_by_page(Connection& conn, core::Id status_id, const IdPage& page);

// Of `ids`, those `account_id` bookmarked (one query per page).
std::unordered_set<core::Id> bookmarked_among(Connection& conn, core::Id account_id, const std::vector<core::Id>& ids);

}  // namespace gesso::storage
