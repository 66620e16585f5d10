#pragma once
// Rate limits on the client API, as Mastodon applies them (fixed windows aligned to the clock, like
// rack-attack): requests to /api/ and /oauth/ count per access token (or per client address without one),
// with stricter buckets for uploads, posting and signing in. Every API response carries X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset (ISO 8601); a request over a limit is answered 429
// {"error":"Too many requests"} with the same headers and Retry-After. Memory is bounded: at most
// kRateLimitBuckets buckets; expired ones are dropped first, then the oldest.
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "activitypub/context.hpp"
#include "core/clock.hpp"
#include "web/http.hpp"
#include "web/router.hpp"

namespace gesso::web {

struct RateRule {
    std::string_view name;  // bucket family: "api", "ip", "media", "statuses", "sign_in"
    int limit;
    std::chrono::seconds window;
};

struct RateDecision {
    bool allowed = true;
    int limit = 0;
    int remaining = 0;
    core::TimePoint reset;
    std::chrono::seconds retry_after{0};  // when denied: until the window ends (rounded up)
};

// Thread-safe fixed-window counters.
class RateLimiter {
public:
    explicit RateLimiter(const core::Clock& clock, std::size_t max_buckets = core::limits::kRateLimitBuckets)
        : clock_(clock), max_buckets_(max_buckets) {}

    // Counts one request against `rule` for `key` and says whether it is within the limit.
    RateDecision hit(const RateRule& rule, std::string_view key);
    // Whether `key` has used up `rule` in the current window, without counting a request (for counters that
    // count only failures: check first, hit() after a failure).
    bool exhausted(const RateRule& rule, std::string_view key) const;
    std::size_t bucket_count() const;

private:
    struct Bucket {
        std::int64_t window_start_ms;
        std::int64_t window_end_ms;
        int count;
    };
    void make_room(std::int64_t now_ms);

    const core::Clock& clock_;
    std::size_t max_buckets_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

// The rules that apply to `req` (a bucket key for each); empty outside /api/ and /oauth/.
struct AppliedRule {
    RateRule rule;
    std::string key;
};
std::vector<AppliedRule> rules_for(const activitypub::RateLimitSettings& settings, const Request& req);

// A Router middleware enforcing `settings` with `limiter` (kept alive by the middleware).
Router::Middleware rate_limit_middleware(activitypub::RateLimitSettings settings, std::shared_ptr<RateLimiter> limiter);

}  // namespace gesso::web
