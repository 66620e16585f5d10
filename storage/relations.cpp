#include "storage/relations.hpp"

namespace gesso::storage {

bool insert_block(Connection& conn, const core::Block& b) {
    conn.prepare("INSERT OR IGNORE INTO blocks (id, account_id, target_account_id, uri, created_at) VALUES (?,?,?,?,?)")
        .bind(1, b.id)
        .bind(2, b.account_id)
        .bind(3, b.target_account_id)
        .bind(4, b.uri)
        .bind(5, core::to_unix_ms(b.created_at))
        .run();
    return conn.changes() > 0;
}

bool delete_block(Connection& conn, core::Id account_id, core::Id target_account_id) {
    conn.prepare("DELETE FROM blocks WHERE account_id = ? AND target_account_id = ?")
        .bind(1, account_id)
        .bind(2, target_account_id)
        .run();
    return conn.changes() > 0;
}

std::optional<core::Block> find_block(Connection& conn, core::Id account_id, core::Id target_account_id) {
    auto stmt = conn.prepare("SELECT id, uri, created_at FROM blocks WHERE account_id = ? AND target_account_id = ?");
    stmt.bind(1, account_id).bind(2, target_account_id);
    if (!stmt.step()) return std::nullopt;
    return core::Block{stmt.int64(0), account_id, target_account_id, stmt.text(1), core::from_unix_ms(stmt.int64(2))};
}

bool blocked_either_way(Connection& conn, core::Id a, core::Id b) {
    auto stmt = conn.prepare(
        "SELECT 1 FROM blocks WHERE (account_id = ? AND target_account_id = ?) OR (account_id = ? AND target_account_id = ?)");
    stmt.bind(1, a).bind(2, b).bind(3, b).bind(4, a);
    return stmt.step();
}

bool insert_pin(Connection& conn, core::Id account_id, core::Id status_id, core::TimePoint at) {
    conn.prepare("INSERT OR IGNORE INTO status_pins (account_id, status_id, created_at) VALUES (?,?,?)")
        .bind(1, account_id)
        .bind(2, status_id)
        .bind(3, core::to_unix_ms(at))
        .run();
    return conn.changes() > 0;
}

bool delete_pin(Connection& conn, core::Id account_id, core::Id status_id) {
    conn.prepare("DELETE FROM status_pins WHERE account_id = ? AND status_id = ?").bind(1, account_id).bind(2, status_id).run();
    return conn.changes() > 0;
}

std::vector<core::Id> pinned_status_ids(Connection& conn, core::Id account_id, int limit) {
    auto stmt = conn.prepare(
        "SELECT p.status_id FROM status_pins p JOIN statuses s ON s.id = p.status_id "
        "WHERE p.account_id = ? AND s.deleted_at IS NULL ORDER BY p.created_at DESC, p.status_id DESC LIMIT ?");
    stmt.bind(1, account_id).bind(2, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::int64_t count_pins(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM status_pins WHERE account_id = ?");
    stmt.bind(1, account_id);
    stmt.step();
    return stmt.int64(0);
}

void replace_pins(Connection& conn, core::Id account_id, const std::vector<core::Id>& status_ids, core::TimePoint at) {
    conn.prepare("DELETE FROM status_pins WHERE account_id = ?").bind(1, account_id).run();
    // The collection lists newest first: give earlier entries later times so the order survives.
    auto n = static_cast<std::int64_t>(status_ids.size());
    for (std::int64_t i = 0; i < n; ++i) {
        insert_pin(conn, account_id, status_ids[static_cast<std::size_t>(i)], at + std::chrono::milliseconds(n - i));
    }
}

std::vector<PageRow> blocks_page(Connection& conn, core::Id account_id, const IdPage& page) {
    return page_rows(conn, "SELECT b.id, b.target_account_id FROM blocks b WHERE b.account_id = ?", "b.id", page,
                     [&](Statement& s) {
                         s.bind(1, account_id);
                         return 2;
                     });
}

}  // namespace gesso::storage
