#pragma once
// What to do after one delivery attempt: the rules every peer expects (see FEDERATION-NOTES.md, snac's
// activitypub.c): 2xx done; 400/404/405/410/422 permanent; 401/403 a few retries (the peer may not have
// fetched our key yet) then give up; 429, 5xx and network errors back off exponentially with jitter,
// honouring Retry-After, for about two days. Pure functions: no clock, no randomness of their own.
#include <chrono>
#include <optional>

#include "core/clock.hpp"

namespace gesso::activitypub {

namespace delivery_limits {
using namespace std::chrono_literals;
// First retry delay; doubles with each attempt.
inline constexpr auto kBaseDelay = 30s;
// Longest wait between two attempts.
inline constexpr auto kMaxDelay = 12h;
// A delivery older than this is dropped instead of retried.
inline constexpr auto kGiveUpAfter = 48h;
// Attempts allowed for 401/403 answers.
inline constexpr int kAuthRetries = 3;
// Consecutive failures of a host before it is paused, and the pause per failure beyond it (capped).
inline constexpr int kPauseAfterFailures = 8;
inline constexpr auto kPausePerFailure = 10min;
inline constexpr auto kMaxPause = 12h;
}  // namespace delivery_limits

enum class DeliveryOutcome { done, retry, drop };

struct DeliveryDecision {
    DeliveryOutcome outcome = DeliveryOutcome::drop;
    core::TimePoint retry_at{};  // for retry
    bool host_failure = false;   // counts against the instance's health
};

// `status` is the HTTP status, or 0 when no response arrived (connection failure, timeout).
// `attempts` counts this attempt. `jitter` in [0, 1) spreads retries (±20%).
DeliveryDecision decide_delivery(int status, int attempts, core::TimePoint created_at, core::TimePoint now,
                                 std::optional<std::chrono::seconds> retry_after, double jitter);

// How long to pause a host after its `failures`-th consecutive failure; nullopt while below the threshold.
std::optional<std::chrono::milliseconds> instance_pause(int failures);

// Parses Retry-After as delta-seconds (HTTP dates are rare from servers and treated as absent).
std::optional<std::chrono::seconds> parse_retry_after(const std::optional<std::string>& value);

}  // namespace gesso::activitypub
