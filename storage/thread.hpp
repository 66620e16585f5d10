#pragma once
// A status's thread read a level at a time: the replies to a whole level of statuses with one query (ids bound
// as one list, storage/id_list.hpp), instead of one query per status, for GET /api/v1/statuses/:id/context.
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct Reply {
    core::Id parent_id = 0;
    core::Id id = 0;
};

// The replies (not deleted) to each of `parent_ids`: at most `per_parent` of each, the oldest first, grouped by
// parent in the order of `parent_ids` (a parent listed twice is answered once).
std::vector<Reply> replies_to(Connection& conn, const std::vector<core::Id>& parent_ids, int per_parent);

}  // namespace gesso::storage
