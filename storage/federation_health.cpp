#include "storage/federation_health.hpp"

#include "core/admin_limits.hpp"

namespace gesso::storage {

namespace {
std::int64_t count(Connection& conn, const char* sql) {
    auto stmt = conn.prepare(sql);
    return stmt.step() ? stmt.int64(0) : 0;
}
}  // namespace

QueueDepth delivery_queue_depth(Connection& conn) {
    QueueDepth q;
    auto stmt = conn.prepare("SELECT coalesce(sum(attempts = 0), 0), coalesce(sum(attempts > 0), 0) FROM deliveries");
    if (stmt.step()) {
        q.pending = stmt.int64(0);
        q.retrying = stmt.int64(1);
    }
    q.dead = count(conn, "SELECT coalesce(sum(dropped_deliveries), 0) FROM instances");
    q.inbox_jobs = count(conn, "SELECT count(*) FROM inbox_jobs");
    q.outbox_jobs = count(conn, "SELECT count(*) FROM outbox_jobs");
    return q;
}

std::vector<FailingInstance> failing_instances(Connection& conn, int limit) {
    auto stmt = conn.prepare(
        "SELECT i.host, i.failures, i.last_failure_at, i.paused_until, i.last_error, i.dropped_deliveries, "
        "  (SELECT count(*) FROM deliveries d WHERE d.host = i.host) "
        "FROM instances i WHERE i.failures > 0 ORDER BY i.failures DESC, i.host LIMIT ?");
    stmt.bind(1, limit);
    std::vector<FailingInstance> out;
    while (stmt.step()) {
        FailingInstance f;
        f.host = stmt.text(0);
        f.failures = static_cast<int>(stmt.int64(1));
        if (auto at = stmt.optional_int64(2)) f.last_failure_at = core::from_unix_ms(*at);
        if (auto at = stmt.optional_int64(3)) f.paused_until = core::from_unix_ms(*at);
        f.last_error = stmt.text(4);
        f.dropped = stmt.int64(5);
        f.queued = stmt.int64(6);
        out.push_back(std::move(f));
    }
    return out;
}

void record_delivery_error(Connection& conn, std::string_view host, std::string_view error, bool dropped) {
    std::string_view cut = error.substr(0, core::limits::kInstanceErrorBytes);
    // Do not end inside a UTF-8 sequence.
    while (cut.size() < error.size() && !cut.empty() && (static_cast<unsigned char>(error[cut.size()]) & 0xC0) == 0x80) {
        cut.remove_suffix(1);
    }
    conn.prepare(
            "INSERT INTO instances (host, last_error, dropped_deliveries) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (host) DO UPDATE SET last_error = ?2, dropped_deliveries = dropped_deliveries + ?3")
        .bind(1, host)
        .bind(2, cut)
        .bind(3, dropped ? 1 : 0)
        .run();
}

NodeCounts node_counts(Connection& conn) {
    NodeCounts n;
    auto users = conn.prepare(
        "SELECT count(*), coalesce(sum(u.approved = 0), 0), coalesce(sum(a.suspended_at IS NOT NULL), 0) "
        "FROM users u JOIN accounts a ON a.id = u.account_id");
    if (users.step()) {
        n.local_accounts = users.int64(0);
        n.pending_accounts = users.int64(1);
        n.suspended_accounts = users.int64(2);
    }
    n.local_statuses = count(conn, "SELECT count(*) FROM statuses WHERE local = 1 AND deleted_at IS NULL");
    n.remote_accounts = count(conn, "SELECT count(*) FROM accounts WHERE domain != ''");
    n.known_instances = count(conn, "SELECT count(DISTINCT lower(domain)) FROM accounts WHERE domain != ''");
    n.open_reports = count(conn, "SELECT count(*) FROM reports WHERE action_taken_at IS NULL");
    return n;
}

}  // namespace gesso::storage
