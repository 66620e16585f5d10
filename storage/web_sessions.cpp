#include "storage/web_sessions.hpp"

namespace gesso::storage {

void insert_web_session(Connection& conn, const WebSession& s, std::size_t max_per_account) {
    conn.prepare("INSERT INTO web_sessions (id, token_hash, account_id, created_at, last_seen_at, expires_at, user_agent) "
                 "VALUES (?,?,?,?,?,?,?)")
        .bind(1, s.id)
        .bind(2, s.token_hash)
        .bind(3, s.account_id)
        .bind(4, core::to_unix_ms(s.created_at))
        .bind(5, core::to_unix_ms(s.last_seen_at))
        .bind(6, core::to_unix_ms(s.expires_at))
        .bind(7, s.user_agent)
        .run();
    conn.prepare("DELETE FROM web_sessions WHERE account_id = ? AND id NOT IN "
                 "(SELECT id FROM web_sessions WHERE account_id = ? ORDER BY last_seen_at DESC, id DESC LIMIT ?)")
        .bind(1, s.account_id)
        .bind(2, s.account_id)
        .bind(3, static_cast<std::int64_t>(max_per_account))
        .run();
}

std::optional<WebSession> find_web_session(Connection& conn, std::string_view token_hash) {
    auto stmt = conn.prepare("SELECT id, token_hash, account_id, created_at, last_seen_at, expires_at, user_agent "
                             "FROM web_sessions WHERE token_hash = ?");
    stmt.bind(1, token_hash);
    if (!stmt.step()) return std::nullopt;
    return WebSession{stmt.int64(0),
                      stmt.text(1),
                      stmt.int64(2),
                      core::from_unix_ms(stmt.int64(3)),
                      core::from_unix_ms(stmt.int64(4)),
                      core::from_unix_ms(stmt.int64(5)),
                      stmt.text(6)};
}

void touch_web_session(Connection& conn, core::Id id, core::TimePoint at) {
    conn.prepare("UPDATE web_sessions SET last_seen_at = ? WHERE id = ?").bind(1, core::to_unix_ms(at)).bind(2, id).run();
}

bool delete_web_session(Connection& conn, core::Id id) {
    conn.prepare("DELETE FROM web_sessions WHERE id = ?").bind(1, id).run();
    return conn.changes() > 0;
}

int delete_account_web_sessions(Connection& conn, core::Id account_id, std::optional<core::Id> keep) {
    conn.prepare("DELETE FROM web_sessions WHERE account_id = ? AND (? IS NULL OR id <> ?)")
        .bind(1, account_id)
        .bind(2, keep)
        .bind(3, keep)
        .run();
    return conn.changes();
}

int prune_web_sessions(Connection& conn, core::TimePoint now, core::TimePoint idle_before) {
    conn.prepare("DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen_at < ?")
        .bind(1, core::to_unix_ms(now))
        .bind(2, core::to_unix_ms(idle_before))
        .run();
    return conn.changes();
}

int count_account_web_sessions(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM web_sessions WHERE account_id = ?");
    stmt.bind(1, account_id);
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

}  // namespace gesso::storage
