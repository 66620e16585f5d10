#include "storage/account_notes.hpp"

namespace gesso::storage {

void set_account_note(Connection& conn, core::Id account_id, core::Id target_account_id, std::string_view comment,
                      core::TimePoint at) {
    if (comment.empty()) {
        conn.prepare("DELETE FROM account_notes WHERE account_id = ? AND target_account_id = ?")
            .bind(1, account_id)
            .bind(2, target_account_id)
            .run();
        return;
    }
    conn.prepare(
            "INSERT INTO account_notes (account_id, target_account_id, comment, updated_at) VALUES (?,?,?,?) "
            "ON CONFLICT (account_id, target_account_id) DO UPDATE SET comment = excluded.comment, "
            "updated_at = excluded.updated_at")
        .bind(1, account_id)
        .bind(2, target_account_id)
        .bind(3, comment)
        .bind(4, core::to_unix_ms(at))
        .run();
}

std::string find_account_note(Connection& conn, core::Id account_id, core::Id target_account_id) {
    auto stmt = conn.prepare("SELECT comment FROM account_notes WHERE account_id = ? AND target_account_id = ?");
    stmt.bind(1, account_id).bind(2, target_account_id);
    return stmt.step() ? stmt.text(0) : std::string();
}

}  // namespace gesso::storage
