#pragma once
// The federation workers' steps: fan outbox jobs out into deliveries, send due deliveries, apply inbox jobs.
// Each step does a bounded amount of work and returns how much it did, so the server can loop them on worker
// threads and tests can pump them deterministically, without sleeping.
#include "activitypub/context.hpp"

namespace gesso::activitypub {

// Turns up to `limit` outbox jobs into one delivery per distinct inbox (never to suspended domains or to this
// node). Returns the number of jobs fanned out.
int fan_out(Context& ctx, int limit);

// Sends up to `limit` due deliveries (at most `per_host` to one host in this round), signed by their author,
// and records each outcome (done, retry later, dropped). Returns the number of deliveries attempted.
int deliver(Context& ctx, int limit, int per_host = 16);

struct PumpResult {
    int inbox = 0;
    int fanned_out = 0;
    int delivered = 0;
    int scheduled = 0;  // scheduled statuses published and ended polls notified (activitypub/scheduled.hpp)
    int media_cleaned = 0;  // stale uploads swept and queued files removed (activitypub/media_cleanup.hpp)
    int total() const { return inbox + fanned_out + delivered + scheduled + media_cleaned; }
};
// One round of every step.
PumpResult pump_once(Context& ctx, int batch = 64);

}  // namespace gesso::activitypub
