#include "storage/queues.hpp"

namespace gesso::storage {

using core::to_unix_ms;

namespace {
std::int64_t lease_end(core::TimePoint now, Lease lease) { return to_unix_ms(now) + lease.count(); }
}  // namespace

bool mark_activity_seen(Connection& conn, std::string_view activity_id, core::TimePoint now) {
    conn.prepare("INSERT OR IGNORE INTO seen_activities (activity_id, seen_at) VALUES (?, ?)")
        .bind(1, activity_id)
        .bind(2, to_unix_ms(now))
        .run();
    return conn.changes() > 0;
}

int prune_seen_activities(Connection& conn, core::TimePoint cutoff) {
    conn.prepare("DELETE FROM seen_activities WHERE seen_at < ?").bind(1, to_unix_ms(cutoff)).run();
    return conn.changes();
}

void enqueue_inbox_job(Connection& conn, const InboxJob& job) {
    auto stmt = conn.prepare(
        "INSERT INTO inbox_jobs (id, activity_id, signer_uri, payload, received_at, run_at) VALUES (?,?,?,?,?,?)");
    stmt.bind(1, job.id).bind(2, job.activity_id).bind(3, job.signer_uri).bind(4, job.payload);
    stmt.bind(5, to_unix_ms(job.received_at)).bind(6, to_unix_ms(job.received_at)).run();
}

std::vector<InboxJob> lease_inbox_jobs(Connection& conn, core::TimePoint now, Lease lease, int limit) {
    auto stmt = conn.prepare(
        "UPDATE inbox_jobs SET lease_until = ?1, attempts = attempts + 1 WHERE id IN ("
        "  SELECT id FROM inbox_jobs WHERE run_at <= ?2 AND (lease_until IS NULL OR lease_until <= ?2)"
        "  ORDER BY run_at, id LIMIT ?3) "
        "RETURNING id, activity_id, signer_uri, payload, received_at, attempts");
    stmt.bind(1, lease_end(now, lease)).bind(2, to_unix_ms(now)).bind(3, limit);
    std::vector<InboxJob> out;
    while (stmt.step()) {
        out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3), core::from_unix_ms(stmt.int64(4)),
                       static_cast<int>(stmt.int64(5))});
    }
    return out;
}

void finish_inbox_job(Connection& conn, core::Id id) {
    conn.prepare("DELETE FROM inbox_jobs WHERE id = ?").bind(1, id).run();
}

void retry_inbox_job(Connection& conn, core::Id id, core::TimePoint run_at, std::string_view error) {
    conn.prepare("UPDATE inbox_jobs SET run_at = ?, lease_until = NULL, last_error = ? WHERE id = ?")
        .bind(1, to_unix_ms(run_at))
        .bind(2, error)
        .bind(3, id)
        .run();
}

void enqueue_outbox_job(Connection& conn, const OutboxJob& job, core::TimePoint now) {
    auto stmt = conn.prepare(
        "INSERT INTO outbox_jobs (id, account_id, activity_id, payload, audience, created_at, run_at) "
        "VALUES (?,?,?,?,?,?,?)");
    stmt.bind(1, job.id).bind(2, job.account_id).bind(3, job.activity_id).bind(4, job.payload).bind(5, job.audience);
    stmt.bind(6, to_unix_ms(now)).bind(7, to_unix_ms(now)).run();
}

std::vector<OutboxJob> lease_outbox_jobs(Connection& conn, core::TimePoint now, Lease lease, int limit) {
    auto stmt = conn.prepare(
        "UPDATE outbox_jobs SET lease_until = ?1, attempts = attempts + 1 WHERE id IN ("
        "  SELECT id FROM outbox_jobs WHERE fanned_out = 0 AND run_at <= ?2 "
        "  AND (lease_until IS NULL OR lease_until <= ?2) ORDER BY run_at, id LIMIT ?3) "
        "RETURNING id, account_id, activity_id, payload, audience, attempts");
    stmt.bind(1, lease_end(now, lease)).bind(2, to_unix_ms(now)).bind(3, limit);
    std::vector<OutboxJob> out;
    while (stmt.step()) {
        out.push_back({stmt.int64(0), stmt.int64(1), stmt.text(2), stmt.text(3), stmt.text(4),
                       static_cast<int>(stmt.int64(5))});
    }
    return out;
}

void mark_fanned_out(Connection& conn, core::Id job_id) {
    conn.prepare("UPDATE outbox_jobs SET fanned_out = 1, lease_until = NULL WHERE id = ?").bind(1, job_id).run();
    // A job with no recipients at all is finished now.
    conn.prepare("DELETE FROM outbox_jobs WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM deliveries WHERE outbox_job_id = ?1)")
        .bind(1, job_id)
        .run();
}

bool insert_delivery(Connection& conn, core::Id id, core::Id outbox_job_id, std::string_view inbox_url,
                     std::string_view host, core::TimePoint now) {
    auto stmt = conn.prepare(
        "INSERT OR IGNORE INTO deliveries (id, outbox_job_id, inbox_url, host, created_at, run_at) "
        "VALUES (?,?,?,?,?,?)");
    stmt.bind(1, id).bind(2, outbox_job_id).bind(3, inbox_url).bind(4, host).bind(5, to_unix_ms(now));
    stmt.bind(6, to_unix_ms(now)).run();
    return conn.changes() > 0;
}

std::vector<Delivery> lease_deliveries(Connection& conn, core::TimePoint now, Lease lease, int limit, int per_host) {
    // Rank due deliveries within their host so one slow or huge instance cannot take every slot.
    auto stmt = conn.prepare(
        "UPDATE deliveries SET lease_until = ?1, attempts = attempts + 1 WHERE id IN ("
        "  SELECT id FROM (SELECT d.id, d.run_at, "
        "      row_number() OVER (PARTITION BY d.host ORDER BY d.run_at, d.id) AS rank"
        "    FROM deliveries d LEFT JOIN instances i ON i.host = d.host"
        "    WHERE d.run_at <= ?2 AND (d.lease_until IS NULL OR d.lease_until <= ?2)"
        "      AND (i.paused_until IS NULL OR i.paused_until <= ?2))"
        "  WHERE rank <= ?4 ORDER BY run_at, id LIMIT ?3) "
        "RETURNING id, outbox_job_id, inbox_url, host, attempts, created_at");
    stmt.bind(1, lease_end(now, lease)).bind(2, core::to_unix_ms(now)).bind(3, limit).bind(4, per_host);
    std::vector<Delivery> out;
    while (stmt.step()) {
        Delivery d;
        d.id = stmt.int64(0);
        d.outbox_job_id = stmt.int64(1);
        d.inbox_url = stmt.text(2);
        d.host = stmt.text(3);
        d.attempts = static_cast<int>(stmt.int64(4));
        d.created_at = core::from_unix_ms(stmt.int64(5));
        out.push_back(std::move(d));
    }
    for (auto& d : out) {
        auto job = conn.prepare("SELECT account_id, payload FROM outbox_jobs WHERE id = ?");
        job.bind(1, d.outbox_job_id);
        if (job.step()) {
            d.account_id = job.int64(0);
            d.payload = job.text(1);
        }
    }
    return out;
}

void finish_delivery(Connection& conn, core::Id id) {
    auto job = conn.prepare("SELECT outbox_job_id FROM deliveries WHERE id = ?");
    job.bind(1, id);
    if (!job.step()) return;
    core::Id job_id = job.int64(0);
    conn.prepare("DELETE FROM deliveries WHERE id = ?").bind(1, id).run();
    conn.prepare(
            "DELETE FROM outbox_jobs WHERE id = ?1 AND fanned_out = 1 "
            "AND NOT EXISTS (SELECT 1 FROM deliveries WHERE outbox_job_id = ?1)")
        .bind(1, job_id)
        .run();
}

void retry_delivery(Connection& conn, core::Id id, core::TimePoint run_at, int status, std::string_view error) {
    conn.prepare("UPDATE deliveries SET run_at = ?, lease_until = NULL, last_status = ?, last_error = ? WHERE id = ?")
        .bind(1, to_unix_ms(run_at))
        .bind(2, status)
        .bind(3, error)
        .bind(4, id)
        .run();
}

std::int64_t count_deliveries(Connection& conn) {
    auto stmt = conn.prepare("SELECT count(*) FROM deliveries");
    stmt.step();
    return stmt.int64(0);
}

std::int64_t count_pending_jobs(Connection& conn, std::string_view table) {
    auto stmt = conn.prepare(table == "outbox_jobs" ? "SELECT count(*) FROM outbox_jobs WHERE fanned_out = 0"
                                                    : "SELECT count(*) FROM inbox_jobs");
    stmt.step();
    return stmt.int64(0);
}

int release_all_leases(Connection& conn) {
    int released = 0;
    for (const char* sql : {"UPDATE inbox_jobs SET lease_until = NULL WHERE lease_until IS NOT NULL",
                            "UPDATE outbox_jobs SET lease_until = NULL WHERE lease_until IS NOT NULL",
                            "UPDATE deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL"}) {
        conn.prepare(sql).run();
        released += conn.changes();
    }
    return released;
}

std::optional<InstanceHealth> find_instance(Connection& conn, std::string_view host) {
    auto stmt = conn.prepare("SELECT host, failures, paused_until, signature_scheme FROM instances WHERE host = ?");
    stmt.bind(1, host);
    if (!stmt.step()) return std::nullopt;
    InstanceHealth h;
    h.host = stmt.text(0);
    h.failures = static_cast<int>(stmt.int64(1));
    if (auto t = stmt.optional_int64(2)) h.paused_until = core::from_unix_ms(*t);
    h.signature_scheme = stmt.text(3);
    return h;
}

void record_instance_success(Connection& conn, std::string_view host, core::TimePoint now) {
    conn.prepare(
            "INSERT INTO instances (host, failures, last_success_at) VALUES (?1, 0, ?2) "
            "ON CONFLICT (host) DO UPDATE SET failures = 0, paused_until = NULL, last_success_at = ?2")
        .bind(1, host)
        .bind(2, to_unix_ms(now))
        .run();
}

void record_instance_failure(Connection& conn, std::string_view host, core::TimePoint now,
                             std::optional<core::TimePoint> pause_until) {
    auto stmt = conn.prepare(
        "INSERT INTO instances (host, failures, last_failure_at, paused_until) VALUES (?1, 1, ?2, ?3) "
        "ON CONFLICT (host) DO UPDATE SET failures = failures + 1, last_failure_at = ?2, "
        "paused_until = coalesce(?3, paused_until)");
    stmt.bind(1, host).bind(2, to_unix_ms(now));
    if (pause_until) stmt.bind(3, to_unix_ms(*pause_until));
    else stmt.bind(3, nullptr);
    stmt.run();
}

void set_instance_signature_scheme(Connection& conn, std::string_view host, std::string_view scheme) {
    conn.prepare(
            "INSERT INTO instances (host, signature_scheme) VALUES (?1, ?2) "
            "ON CONFLICT (host) DO UPDATE SET signature_scheme = ?2")
        .bind(1, host)
        .bind(2, scheme)
        .run();
}

}  // namespace gesso::storage
