#include "storage/conversations.hpp"

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

}  // namespace gesso::storage
