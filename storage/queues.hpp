#pragma once
// Durable work queues: inbox jobs (received activities to process), outbox jobs (an activity and its
// audience, to fan out) and deliveries (one activity to one inbox). Rows are leased, not locked: a worker
// sets lease_until; a worker that dies leaves a lease that expires, and the row is leased again. So a crash at
// any moment loses nothing; work may run twice, which receivers absorb by deduplicating activity ids.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

using Lease = std::chrono::milliseconds;

// --- Deduplication ---
// Records `activity_id` as received; false if it had been recorded before.
bool mark_activity_seen(Connection& conn, std::string_view activity_id, core::TimePoint now);
// Forgets activity ids seen before `cutoff` (keeps the table bounded).
int prune_seen_activities(Connection& conn, core::TimePoint cutoff);

// --- Inbox jobs ---
struct InboxJob {
    core::Id id = 0;
    std::string activity_id;
    std::string signer_uri;  // the verified actor who signed the POST
    std::string payload;     // the activity JSON as received
    core::TimePoint received_at{};
    int attempts = 0;
};
void enqueue_inbox_job(Connection& conn, const InboxJob& job);
std::vector<InboxJob> lease_inbox_jobs(Connection& conn, core::TimePoint now, Lease lease, int limit);
void finish_inbox_job(Connection& conn, core::Id id);
void retry_inbox_job(Connection& conn, core::Id id, core::TimePoint run_at, std::string_view error);

// --- Outbox jobs ---
struct OutboxJob {
    core::Id id = 0;
    core::Id account_id = 0;  // whose key signs the deliveries
    std::string activity_id;
    std::string payload;   // the activity JSON to deliver
    std::string audience;  // JSON: who receives it (activitypub/audience.hpp)
    int attempts = 0;
};
void enqueue_outbox_job(Connection& conn, const OutboxJob& job, core::TimePoint now);
std::vector<OutboxJob> lease_outbox_jobs(Connection& conn, core::TimePoint now, Lease lease, int limit);
// The job's deliveries exist now; it stays (holding the payload) until the last delivery ends.
void mark_fanned_out(Connection& conn, core::Id job_id);

// --- Deliveries ---
struct Delivery {
    core::Id id = 0;
    core::Id outbox_job_id = 0;
    std::string inbox_url;
    std::string host;
    int attempts = 0;
    core::TimePoint created_at{};
    // From the outbox job:
    core::Id account_id = 0;
    std::string payload;
};
// Adds a delivery unless the job already has one for that inbox (fan-out may run twice). True if added.
bool insert_delivery(Connection& conn, core::Id id, core::Id outbox_job_id, std::string_view inbox_url,
                     std::string_view host, core::TimePoint now);
// Due deliveries whose instance is not paused, oldest first, at most `per_host` per host.
std::vector<Delivery> lease_deliveries(Connection& conn, core::TimePoint now, Lease lease, int limit, int per_host);
// Removes the delivery (done or given up) and its job once no delivery of it remains.
void finish_delivery(Connection& conn, core::Id id);
void retry_delivery(Connection& conn, core::Id id, core::TimePoint run_at, int status, std::string_view error);
std::int64_t count_deliveries(Connection& conn);
std::int64_t count_pending_jobs(Connection& conn, std::string_view table);  // "inbox_jobs" or "outbox_jobs"

// Clears every lease (inbox jobs, outbox jobs, deliveries), returning how many there were. For start-up of
// the only process using this database: leases it finds were held by a process that is gone (crashed or
// killed), and waiting for them to expire would only delay the work.
int release_all_leases(Connection& conn);

// --- Instances (per-host delivery health) ---
struct InstanceHealth {
    std::string host;
    int failures = 0;
    std::optional<core::TimePoint> paused_until;
    std::string signature_scheme;  // "", "cavage" or "rfc9421"
};
std::optional<InstanceHealth> find_instance(Connection& conn, std::string_view host);
void record_instance_success(Connection& conn, std::string_view host, core::TimePoint now);
// Counts a failure; pauses the host until `pause_until` when given.
void record_instance_failure(Connection& conn, std::string_view host, core::TimePoint now,
                             std::optional<core::TimePoint> pause_until);
void set_instance_signature_scheme(Connection& conn, std::string_view host, std::string_view scheme);

}  // namespace gesso::storage
