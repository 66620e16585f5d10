#include "storage/lists.hpp"

namespace gesso::storage {

namespace {

List read_list(Statement& stmt) {
    List l;
    l.id = stmt.int64(0);
    l.account_id = stmt.int64(1);
    l.title = stmt.text(2);
    l.replies_policy = stmt.text(3);
    l.exclusive = stmt.boolean(4);
    return l;
}

constexpr const char* kListColumns = "SELECT id, account_id, title, replies_policy, exclusive FROM lists ";

}  // namespace

void insert_list(Connection& conn, const List& list, core::TimePoint at) {
    conn.prepare("INSERT INTO lists (id, account_id, title, replies_policy, exclusive, created_at) VALUES (?,?,?,?,?,?)")
        .bind(1, list.id)
        .bind(2, list.account_id)
        .bind(3, list.title)
        .bind(4, list.replies_policy)
        .bind(5, list.exclusive)
        .bind(6, core::to_unix_ms(at))
        .run();
}

bool update_list(Connection& conn, const List& list) {
    conn.prepare("UPDATE lists SET title = ?, replies_policy = ?, exclusive = ? WHERE id = ? AND account_id = ?")
        .bind(1, list.title)
        .bind(2, list.replies_policy)
        .bind(3, list.exclusive)
        .bind(4, list.id)
        .bind(5, list.account_id)
        .run();
    return conn.changes() > 0;
}

bool delete_list(Connection& conn, core::Id account_id, core::Id list_id) {
    conn.prepare("DELETE FROM lists WHERE id = ? AND account_id = ?").bind(1, list_id).bind(2, account_id).run();
    return conn.changes() > 0;
}

std::optional<List> find_list(Connection& conn, core::Id account_id, core::Id list_id) {
    auto stmt = conn.prepare(std::string(kListColumns) + "WHERE id = ? AND account_id = ?");
    stmt.bind(1, list_id).bind(2, account_id);
    if (!stmt.step()) return std::nullopt;
    return read_list(stmt);
}

std::vector<List> lists_of(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare(std::string(kListColumns) + "WHERE account_id = ? ORDER BY id");
    stmt.bind(1, account_id);
    std::vector<List> out;
    while (stmt.step()) out.push_back(read_list(stmt));
    return out;
}

int count_lists(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM lists WHERE account_id = ?");
    stmt.bind(1, account_id);
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

std::vector<List> lists_containing(Connection& conn, core::Id owner_id, core::Id member_id) {
    auto stmt = conn.prepare(
        "SELECT l.id, l.account_id, l.title, l.replies_policy, l.exclusive FROM lists l "
        "JOIN list_accounts la ON la.list_id = l.id WHERE l.account_id = ? AND la.account_id = ? ORDER BY l.id");
    stmt.bind(1, owner_id).bind(2, member_id);
    std::vector<List> out;
    while (stmt.step()) out.push_back(read_list(stmt));
    return out;
}

bool add_list_member(Connection& conn, const List& list, core::Id member_id, int backfill) {
    conn.prepare("INSERT OR IGNORE INTO list_accounts (list_id, account_id) VALUES (?, ?)")
        .bind(1, list.id)
        .bind(2, member_id)
        .run();
    if (conn.changes() == 0) return false;
    conn.prepare(
            "INSERT OR IGNORE INTO list_timeline (list_id, status_id) SELECT ?, s.id FROM statuses s "
            "WHERE s.account_id = ? AND s.deleted_at IS NULL AND EXISTS "
            "(SELECT 1 FROM home_timeline h WHERE h.account_id = ? AND h.status_id = s.id) ORDER BY s.id DESC LIMIT ?")
        .bind(1, list.id)
        .bind(2, member_id)
        .bind(3, list.account_id)
        .bind(4, backfill)
        .run();
    return true;
}

void remove_list_member(Connection& conn, core::Id list_id, core::Id member_id) {
    conn.prepare("DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?").bind(1, list_id).bind(2, member_id).run();
    conn.prepare(
            "DELETE FROM list_timeline WHERE list_id = ? AND status_id IN (SELECT id FROM statuses WHERE account_id = ?)")
        .bind(1, list_id)
        .bind(2, member_id)
        .run();
}

std::vector<core::Id> list_members(Connection& conn, core::Id list_id, core::Id after, int limit) {
    auto stmt = conn.prepare(
        "SELECT account_id FROM list_accounts WHERE list_id = ? AND account_id > ? ORDER BY account_id LIMIT ?");
    stmt.bind(1, list_id).bind(2, after).bind(3, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

int count_list_members(Connection& conn, core::Id list_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM list_accounts WHERE list_id = ?");
    stmt.bind(1, list_id);
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

void save_marker(Connection& conn, core::Id account_id, const std::string& timeline, core::Id last_read_id,
                 core::TimePoint at) {
    conn.prepare(
            "INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) VALUES (?, ?, ?, 1, ?) "
            "ON CONFLICT (account_id, timeline) DO UPDATE SET last_read_id = excluded.last_read_id, "
            "version = version + 1, updated_at = excluded.updated_at")
        .bind(1, account_id)
        .bind(2, timeline)
        .bind(3, last_read_id)
        .bind(4, core::to_unix_ms(at))
        .run();
}

std::optional<Marker> find_marker(Connection& conn, core::Id account_id, const std::string& timeline) {
    auto stmt = conn.prepare(
        "SELECT last_read_id, version, updated_at FROM markers WHERE account_id = ? AND timeline = ?");
    stmt.bind(1, account_id).bind(2, timeline);
    if (!stmt.step()) return std::nullopt;
    Marker m;
    m.timeline = timeline;
    m.last_read_id = stmt.int64(0);
    m.version = stmt.int64(1);
    m.updated_at = core::from_unix_ms(stmt.int64(2));
    return m;
}

std::vector<std::pair<core::Id, core::Id>> lists_holding(Connection& conn, core::Id status_id, int limit) {
    auto stmt = conn.prepare(
        "SELECT l.account_id, l.id FROM list_timeline lt JOIN lists l ON l.id = lt.list_id WHERE lt.status_id = ? "
        "LIMIT ?");
    stmt.bind(1, status_id).bind(2, limit);
    std::vector<std::pair<core::Id, core::Id>> out;
    while (stmt.step()) out.emplace_back(stmt.int64(0), stmt.int64(1));
    return out;
}

}  // namespace gesso::storage
