#pragma once
// Mastodon paging (max_id/since_id/min_id/limit) over any list keyed by a row id: followers by follow id,
// favourites by favourite id, bookmarks by bookmark id... One place builds the range query.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "storage/statuses.hpp"

namespace gesso::storage {

// One row of a page: the paging key (what max_id/min_id compare with, and what Link headers carry) and the
// id it points at (an account or a status).
struct PageRow {
    core::Id key = 0;
    core::Id value = 0;
};

// Runs `select_where` (a constant "SELECT <key>, <value> FROM ... WHERE <conditions>" written by the caller)
// restricted to `key` (the key column, e.g. "f.id") in the page's range, newest (highest key) first.
// `bind` binds the statement's own parameters starting at 1 and returns the next free index.
std::vector<PageRow> page_rows(Connection& conn, const std::string& select_where, std::string_view key,
                               const IdPage& page, const std::function<int(Statement&)>& bind);

// The keys of a page, in order (for Link headers), and the values.
std::vector<core::Id> page_keys(const std::vector<PageRow>& rows);
std::vector<core::Id> page_values(const std::vector<PageRow>& rows);

}  // namespace gesso::storage
