#include "storage/thread.hpp"

#include <unordered_map>
#include <unordered_set>

#include "storage/id_list.hpp"

namespace gesso::storage {

std::vector<Reply> replies_to(Connection& conn, const std::vector<core::Id>& parent_ids, int per_parent) {
    static const std::string sql =
        std::string("SELECT in_reply_to_id, id FROM (SELECT in_reply_to_id, id, row_number() OVER "
                    "(PARTITION BY in_reply_to_id ORDER BY id) AS n FROM statuses WHERE in_reply_to_id IN ") +
        kIdListSql + " AND deleted_at IS NULL) WHERE n <= ? ORDER BY id";
    std::unordered_map<core::Id, std::vector<core::Id>> by_parent;
    for_id_chunks(parent_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list).bind(2, per_parent);
        while (stmt.step()) by_parent[stmt.int64(0)].push_back(stmt.int64(1));
    });
    std::vector<Reply> out;
    std::unordered_set<core::Id> answered;
    for (core::Id parent : parent_ids) {
        if (!answered.insert(parent).second) continue;
        auto it = by_parent.find(parent);
        if (it == by_parent.end()) continue;
        for (core::Id id : it->second) out.push_back({parent, id});
    }
    return out;
}

}  // namespace gesso::storage
