#include "storage/post_rights.hpp"

#include "storage/id_list.hpp"

namespace gesso::storage {

PostRights find_post_rights(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT data_mining, license, indexable FROM status_rights WHERE status_id = ?");
    stmt.bind(1, status_id);
    PostRights r;
    if (!stmt.step()) return r;
    if (!stmt.is_null(0)) r.data_mining = stmt.text(0);
    if (!stmt.is_null(1)) r.license = stmt.text(1);
    if (!stmt.is_null(2)) r.indexable = stmt.boolean(2);
    return r;
}

std::unordered_map<core::Id, PostRights> find_post_rights_of(Connection& conn, const std::vector<core::Id>& status_ids) {
    static const std::string sql =
        std::string("SELECT status_id, data_mining, license, indexable FROM status_rights WHERE status_id IN ") + kIdListSql;
    std::unordered_map<core::Id, PostRights> out;
    for_id_chunks(status_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) {
            PostRights& r = out[stmt.int64(0)];
            if (!stmt.is_null(1)) r.data_mining = stmt.text(1);
            if (!stmt.is_null(2)) r.license = stmt.text(2);
            if (!stmt.is_null(3)) r.indexable = stmt.boolean(3);
        }
    });
    return out;
}

void save_post_rights(Connection& conn, core::Id status_id, const PostRights& r) {
    if (r.empty()) {
        conn.prepare("DELETE FROM status_rights WHERE status_id = ?").bind(1, status_id).run();
        return;
    }
    conn.prepare(
            "INSERT INTO status_rights (status_id, data_mining, license, indexable) VALUES (?,?,?,?) "
            "ON CONFLICT (status_id) DO UPDATE SET data_mining = excluded.data_mining, license = excluded.license, "
            "indexable = excluded.indexable")
        .bind(1, status_id)
        .bind(2, r.data_mining)
        .bind(3, r.license)
        .bind(4, r.indexable)
        .run();
}

std::vector<PostReservation> list_post_reservations(Connection& conn, int limit) {
    auto stmt = conn.prepare(
        "SELECT st.id, a.username, r.data_mining, COALESCE(s.data_mining, 'DMI-PROHIBITED-AIMLTRAINING') AS mine "
        "FROM status_rights r JOIN statuses st ON st.id = r.status_id JOIN accounts a ON a.id = st.account_id "
        "LEFT JOIN account_settings s ON s.account_id = a.id "
        "WHERE r.data_mining IS NOT NULL AND st.local = 1 AND st.deleted_at IS NULL AND a.suspended_at IS NULL "
        "AND r.data_mining <> mine ORDER BY st.id DESC LIMIT ?");
    stmt.bind(1, limit);
    std::vector<PostReservation> out;
    while (stmt.step()) out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3)});
    return out;
}

std::vector<std::string> list_accounts_with_data_mining(Connection& conn, std::string_view data_mining, int limit) {
    auto stmt = conn.prepare(
        "SELECT a.username FROM account_settings s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.data_mining = ? AND a.domain = '' AND a.suspended_at IS NULL ORDER BY a.id LIMIT ?");
    stmt.bind(1, data_mining).bind(2, limit);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

std::vector<std::string> list_media_with_data_mining(Connection& conn, std::string_view data_mining_uri, int limit) {
    auto stmt = conn.prepare(
        "SELECT m.file_path FROM media m JOIN statuses st ON st.id = m.status_id JOIN accounts a ON a.id = st.account_id "
        "WHERE m.original_path <> '' AND m.file_path <> '' AND m.data_mining = ? AND st.deleted_at IS NULL "
        "AND a.suspended_at IS NULL ORDER BY m.id DESC LIMIT ?");
    stmt.bind(1, data_mining_uri).bind(2, limit);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

}  // namespace gesso::storage
