#include "storage/timelines.hpp"

#include <cstdint>

namespace gesso::storage {

namespace {

// Runs `select` (a query ending in a WHERE clause) over the id range of `page`: the range conditions, ORDER BY
// and LIMIT are appended here. `bind_own(stmt)` binds the query's own `own_params` parameters, which come first.
template <typename Bind>
std::vector<core::Id> run_page(Connection& conn, const std::string& select, const std::string& id_column,
                               const IdPage& page, Bind bind_own, int own_params) {
    std::vector<core::Id> out;
    bool ascending = page.min_id.has_value();
    std::string sql = select + " AND " + id_column + " < ? AND " + id_column + " > ? ORDER BY " + id_column +
                      (ascending ? " ASC" : " DESC") + " LIMIT ?";
    auto stmt = conn.prepare(sql);
    bind_own(stmt);
    stmt.bind(own_params + 1, page.max_id.value_or(INT64_MAX));
    stmt.bind(own_params + 2, ascending ? *page.min_id : page.since_id.value_or(0));
    stmt.bind(own_params + 3, page.limit);
    while (stmt.step()) {
        if (ascending) out.insert(out.begin(), stmt.int64(0));
        else out.push_back(stmt.int64(0));
    }
    return out;
}

constexpr const char* kHasMedia = " AND EXISTS (SELECT 1 FROM media m WHERE m.status_id = s.id)";

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
    return out;
}

}  // namespace

std::vector<core::Id> public_timeline_page(Connection& conn, Origin origin, bool only_media, const IdPage& page) {
    // The conditions repeat the partial indexes' WHERE so SQLite can use them.
    std::string sql =
        "SELECT s.id FROM statuses s WHERE s.visibility = 0 AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL";
    if (origin != Origin::all) sql += " AND s.local = ?";
    if (only_media) sql += kHasMedia;
    return run_page(
        conn, sql, "s.id", page,
        [&](Statement& stmt) {
            if (origin != Origin::all) stmt.bind(1, origin == Origin::local);
        },
        origin != Origin::all ? 1 : 0);
}

std::vector<core::Id> tag_timeline_page(Connection& conn, const TagQuery& q, const IdPage& page) {
    if (q.any.empty()) return {};
    std::string sql = "SELECT DISTINCT t.status_id FROM status_tags t JOIN statuses s ON s.id = t.status_id WHERE t.tag IN (";
    sql += placeholders(q.any.size());
    sql += ") AND s.visibility = 0 AND s.deleted_at IS NULL";
    for (std::size_t i = 0; i < q.all.size(); ++i) {
        sql += " AND EXISTS (SELECT 1 FROM status_tags a WHERE a.tag = ? AND a.status_id = t.status_id)";
    }
    if (!q.none.empty()) {
        sql += " AND NOT EXISTS (SELECT 1 FROM status_tags n WHERE n.status_id = t.status_id AND n.tag IN (";
        sql += placeholders(q.none.size());
        sql += "))";
    }
    if (q.local_only) sql += " AND s.local = 1";
    if (q.only_media) sql += kHasMedia;
    int n = 0;
    return run_page(
        conn, sql, "t.status_id", page,
        [&](Statement& stmt) {
            for (const auto& t : q.any) stmt.bind(++n, t);
            for (const auto& t : q.all) stmt.bind(++n, t);
            for (const auto& t : q.none) stmt.bind(++n, t);
        },
        static_cast<int>(q.any.size() + q.all.size() + q.none.size()));
}

std::vector<core::Id> list_timeline_page(Connection& conn, core::Id list_id, const IdPage& page) {
    return run_page(
        conn, "SELECT status_id FROM list_timeline WHERE list_id = ?", "status_id", page,
        [&](Statement& stmt) { stmt.bind(1, list_id); }, 1);
}

std::vector<core::Id> direct_statuses_for(Connection& conn, core::Id account_id, std::optional<core::Id> max_id, int limit) {
    auto stmt = conn.prepare(
        "SELECT id FROM (SELECT s.id FROM statuses s WHERE s.account_id = ?1 AND s.visibility = 3 "
        "AND s.deleted_at IS NULL AND s.id < ?2 "
        "UNION SELECT s.id FROM mentions m JOIN statuses s ON s.id = m.status_id WHERE m.account_id = ?1 "
        "AND s.visibility = 3 AND s.deleted_at IS NULL AND s.id < ?2) ORDER BY id DESC LIMIT ?3");
    stmt.bind(1, account_id).bind(2, max_id.value_or(INT64_MAX)).bind(3, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

}  // namespace gesso::storage
