#pragma once
// Batched lookups: a list of ids bound as ONE parameter, `... WHERE id IN (SELECT value FROM json_each(?))`, so
// every lookup of a page is one cached prepared statement whatever the page size (a list of `?` would make
// one statement per length). Lists longer than limits::kMaxIdsPerQuery are split into several queries.
#include <functional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace gesso::storage {

// The SQL for the bound list, to follow `IN`.
inline constexpr const char* kIdListSql = "(SELECT value FROM json_each(?))";

// Calls fn(json array of ids) for each chunk of at most limits::kMaxIdsPerQuery distinct ids; never for none.
void for_id_chunks(const std::vector<core::Id>& ids, const std::function<void(const std::string&)>& fn);

}  // namespace gesso::storage
