#include "storage/paged.hpp"

#include <algorithm>
#include <cstdint>

namespace gesso::storage {

std::vector<PageRow> page_rows(Connection& conn, const std::string& select_where, std::string_view key,
                               const IdPage& page, const std::function<int(Statement&)>& bind) {
    std::string k(key);
    std::vector<PageRow> out;
    if (page.min_id) {  // the rows just above min_id: read oldest first, answer newest first
        std::string sql = select_where;
        sql.append(" AND ")
            .append(k)
            .append(" > ? AND ")
            .append(k)
            .append(" < ? ORDER BY ")
            .append(k)
            .append(" ASC LIMIT ?");
        auto stmt = conn.prepare(sql);
        int i = bind(stmt);
        stmt.bind(i, *page.min_id).bind(i + 1, page.max_id.value_or(INT64_MAX)).bind(i + 2, page.limit);
        while (stmt.step()) out.push_back({stmt.int64(0), stmt.int64(1)});
        std::reverse(out.begin(), out.end());
        return out;
    }
    std::string sql = select_where;
    sql.append(" AND ")
        .append(k)
        .append(" < ? AND ")
        .append(k)
        .append(" > ? ORDER BY ")
        .append(k)
        .append(" DESC LIMIT ?");
    auto stmt = conn.prepare(sql);
    int i = bind(stmt);
    stmt.bind(i, page.max_id.value_or(INT64_MAX)).bind(i + 1, page.since_id.value_or(0)).bind(i + 2, page.limit);
    while (stmt.step()) out.push_back({stmt.int64(0), stmt.int64(1)});
    return out;
}

std::vector<core::Id> page_keys(const std::vector<PageRow>& rows) {
    std::vector<core::Id> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(r.key);
    return out;
}

std::vector<core::Id> page_values(const std::vector<PageRow>& rows) {
    std::vector<core::Id> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(r.value);
    return out;
}

}  // namespace gesso::storage
