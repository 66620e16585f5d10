#include "storage/conversations.hpp"

#include "storage/status_history.hpp"
#include "storage/timelines.hpp"

namespace gesso::storage {

ConversationState find_conversation_state(Connection& conn, core::Id account_id, core::Id root_id) {
    auto stmt = conn.prepare(
        "SELECT last_read_id, hidden_through_id FROM conversation_reads WHERE account_id = ? AND root_id = ?");
    stmt.bind(1, account_id).bind(2, root_id);
    ConversationState out;
    if (stmt.step()) {
        out.last_read_id = stmt.int64(0);
        out.hidden_through_id = stmt.int64(1);
    }
    return out;
}

void mark_conversation_read(Connection& conn, core::Id account_id, core::Id root_id, core::Id status_id) {
    conn.prepare(
            "INSERT INTO conversation_reads (account_id, root_id, last_read_id) VALUES (?, ?, ?) "
            "ON CONFLICT (account_id, root_id) DO UPDATE SET last_read_id = max(last_read_id, excluded.last_read_id)")
        .bind(1, account_id)
        .bind(2, root_id)
        .bind(3, status_id)
        .run();
}

void hide_conversation(Connection& conn, core::Id account_id, core::Id root_id, core::Id status_id) {
    conn.prepare(
            "INSERT INTO conversation_reads (account_id, root_id, last_read_id, hidden_through_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (account_id, root_id) DO UPDATE SET last_read_id = max(last_read_id, excluded.last_read_id), "
            "hidden_through_id = max(hidden_through_id, excluded.hidden_through_id)")
        .bind(1, account_id)
        .bind(2, root_id)
        .bind(3, status_id)
        .bind(4, status_id)
        .run();
}

void add_to_conversation(Connection& conn, const core::Status& status) {
    if (status.visibility != core::Visibility::direct || status.reblog_of_id) return;
    const core::Id root = conversation_root(conn, status.id);
    conn.prepare(
            "INSERT INTO conversation_members (account_id, root_id, last_status_id) "
            "SELECT p.account_id, ?2, ?1 FROM (SELECT ?3 AS account_id UNION SELECT account_id FROM mentions "
            "WHERE status_id = ?1 AND account_id IS NOT NULL) p WHERE p.account_id IN (SELECT id FROM accounts) "
            "ON CONFLICT (account_id, root_id) DO UPDATE SET "
            "last_status_id = max(last_status_id, excluded.last_status_id)")
        .bind(1, status.id)
        .bind(2, root)
        .bind(3, status.account_id)
        .run();
}

void drop_from_conversation(Connection& conn, core::Id status_id) {
    auto direct = conn.prepare("SELECT 1 FROM statuses WHERE id = ? AND visibility = 3");
    direct.bind(1, status_id);
    if (!direct.step()) return;
    const core::Id root = conversation_root(conn, status_id);
    std::vector<core::Id> participants;
    auto stmt = conn.prepare("SELECT account_id FROM conversation_members WHERE root_id = ? AND last_status_id = ?");
    stmt.bind(1, root).bind(2, status_id);
    while (stmt.step()) participants.push_back(stmt.int64(0));
    for (core::Id account : participants) {
        std::optional<core::Id> previous;
        for (core::Id id : direct_statuses_for(conn, account, status_id, kConversationRescan)) {
            if (conversation_root(conn, id) == root) {
                previous = id;
                break;
            }
        }
        if (previous) {
            conn.prepare("UPDATE conversation_members SET last_status_id = ? WHERE account_id = ? AND root_id = ?")
                .bind(1, *previous)
                .bind(2, account)
                .bind(3, root)
                .run();
        } else {
            conn.prepare("DELETE FROM conversation_members WHERE account_id = ? AND root_id = ?")
                .bind(1, account)
                .bind(2, root)
                .run();
        }
    }
}

std::vector<PageRow> conversations_page(Connection& conn, core::Id account_id, const IdPage& page) {
    return page_rows(conn, "SELECT last_status_id, root_id FROM conversation_members WHERE account_id = ?",
                     "last_status_id", page, [&](Statement& s) {
                         s.bind(1, account_id);
                         return 2;
                     });
}

std::optional<core::Id> conversation_last_status(Connection& conn, core::Id account_id, core::Id root_id) {
    auto stmt = conn.prepare("SELECT last_status_id FROM conversation_members WHERE account_id = ? AND root_id = ?");
    stmt.bind(1, account_id).bind(2, root_id);
    if (!stmt.step()) return std::nullopt;
    return stmt.int64(0);
}

}  // namespace gesso::storage
