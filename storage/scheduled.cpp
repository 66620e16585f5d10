#include "storage/scheduled.hpp"

namespace gesso::storage {

namespace {

constexpr const char* kColumns = "SELECT id, account_id, scheduled_at, params FROM scheduled_statuses ";

ScheduledStatus read_row(Statement& stmt) {
    return {stmt.int64(0), stmt.int64(1), core::from_unix_ms(stmt.int64(2)), stmt.text(3)};
}

}  // namespace

void insert_scheduled_status(Connection& conn, const ScheduledStatus& s, core::TimePoint at) {
    conn.prepare("INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, s.id)
        .bind(2, s.account_id)
        .bind(3, core::to_unix_ms(s.scheduled_at))
        .bind(4, s.params)
        .bind(5, core::to_unix_ms(at))
        .run();
}

std::optional<ScheduledStatus> find_scheduled_status(Connection& conn, core::Id account_id, core::Id id) {
    auto stmt = conn.prepare(std::string(kColumns) + "WHERE id = ? AND account_id = ?");
    stmt.bind(1, id).bind(2, account_id);
    if (!stmt.step()) return std::nullopt;
    return read_row(stmt);
}

std::vector<ScheduledStatus> scheduled_statuses_of(Connection& conn, core::Id account_id, int limit) {
    auto stmt = conn.prepare(std::string(kColumns) + "WHERE account_id = ? ORDER BY id DESC LIMIT ?");
    stmt.bind(1, account_id).bind(2, limit);
    std::vector<ScheduledStatus> out;
    while (stmt.step()) out.push_back(read_row(stmt));
    return out;
}

int count_scheduled_statuses(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM scheduled_statuses WHERE account_id = ?");
    stmt.bind(1, account_id);
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

bool reschedule_status(Connection& conn, core::Id account_id, core::Id id, core::TimePoint at) {
    conn.prepare("UPDATE scheduled_statuses SET scheduled_at = ? WHERE id = ? AND account_id = ?")
        .bind(1, core::to_unix_ms(at))
        .bind(2, id)
        .bind(3, account_id)
        .run();
    return conn.changes() > 0;
}

bool delete_scheduled_status(Connection& conn, core::Id id) {
    conn.prepare("DELETE FROM scheduled_statuses WHERE id = ?").bind(1, id).run();
    return conn.changes() > 0;
}

std::vector<ScheduledStatus> due_scheduled_statuses(Connection& conn, core::TimePoint now, int limit) {
    auto stmt = conn.prepare(std::string(kColumns) + "WHERE scheduled_at <= ? ORDER BY scheduled_at LIMIT ?");
    stmt.bind(1, core::to_unix_ms(now)).bind(2, limit);
    std::vector<ScheduledStatus> out;
    while (stmt.step()) out.push_back(read_row(stmt));
    return out;
}

std::vector<core::Id> ended_polls_to_notify(Connection& conn, core::TimePoint now, int limit) {
    auto stmt = conn.prepare(
        "SELECT status_id FROM polls WHERE ended_notified = 0 AND expires_at IS NOT NULL AND expires_at <= ? "
        "ORDER BY expires_at LIMIT ?");
    stmt.bind(1, core::to_unix_ms(now)).bind(2, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

void mark_poll_end_notified(Connection& conn, core::Id status_id) {
    conn.prepare("UPDATE polls SET ended_notified = 1 WHERE status_id = ?").bind(1, status_id).run();
}

std::vector<core::Id> local_poll_voters(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare(
        "SELECT DISTINCT v.account_id FROM poll_votes v JOIN accounts a ON a.id = v.account_id "
        "WHERE v.status_id = ? AND a.domain = ''");
    stmt.bind(1, status_id);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

}  // namespace gesso::storage
