#pragma once
// What the admin overview shows about federation (web/pages/admin_overview.cpp): the depth of the delivery
// queue, the instances deliveries keep failing to, and how big the node is. Reads only, except
// record_delivery_error, which the delivery worker calls.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct QueueDepth {
    std::int64_t pending = 0;      // deliveries not tried yet
    std::int64_t retrying = 0;     // deliveries tried and waiting for another attempt
    std::int64_t dead = 0;         // deliveries given up (permanent error or retries exhausted), ever
    std::int64_t inbox_jobs = 0;   // received activities waiting to be processed
    std::int64_t outbox_jobs = 0;  // activities waiting for fan-out or for their last delivery
};
QueueDepth delivery_queue_depth(Connection& conn);

struct FailingInstance {
    std::string host;
    int failures = 0;  // consecutive failures (a success resets them)
    std::optional<core::TimePoint> last_failure_at;
    std::optional<core::TimePoint> paused_until;  // next retry: nothing is sent there before
    std::string last_error;
    std::int64_t queued = 0;   // deliveries to it still in the queue
    std::int64_t dropped = 0;  // deliveries to it given up, ever
};
// Instances with at least one consecutive failure, most failures first, at most `limit`.
std::vector<FailingInstance> failing_instances(Connection& conn, int limit);

// Remembers a failed delivery's error for its instance (cut to limits::kInstanceErrorBytes); `dropped`: the
// delivery was given up, counted as dead.
void record_delivery_error(Connection& conn, std::string_view host, std::string_view error, bool dropped);

struct NodeCounts {
    std::int64_t local_accounts = 0;  // with a login
    std::int64_t pending_accounts = 0;
    std::int64_t suspended_accounts = 0;
    std::int64_t local_statuses = 0;
    std::int64_t remote_accounts = 0;
    std::int64_t known_instances = 0;  // distinct domains of remote accounts
    std::int64_t open_reports = 0;
};
NodeCounts node_counts(Connection& conn);

}  // namespace gesso::storage
