#include "activitypub/delivery_policy.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace gesso::activitypub {

using namespace delivery_limits;
using std::chrono::milliseconds;

DeliveryDecision decide_delivery(int status, int attempts, core::TimePoint created_at, core::TimePoint now,
                                 std::optional<std::chrono::seconds> retry_after, double jitter) {
    DeliveryDecision d;
    if (status >= 200 && status < 300) {
        d.outcome = DeliveryOutcome::done;
        return d;
    }
    const bool auth = status == 401 || status == 403;
    const bool transient = status == 0 || status == 408 || status == 429 || status >= 500;
    if (!auth && !transient) return d;  // 3xx, 400, 404, 405, 410, 422, other 4xx: permanent
    if (auth && attempts >= kAuthRetries) return d;
    if (now - created_at >= kGiveUpAfter) {
        d.host_failure = transient;
        return d;
    }
    int exponent = std::clamp(attempts - 1, 0, 30);
    milliseconds delay = std::min<milliseconds>(kBaseDelay * (std::int64_t{1} << std::min(exponent, 20)), kMaxDelay);
    delay = milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) * (0.8 + 0.4 * jitter)));
    if (retry_after) delay = std::max<milliseconds>(delay, std::min<milliseconds>(*retry_after, kMaxDelay));
    d.outcome = DeliveryOutcome::retry;
    d.retry_at = now + delay;
    d.host_failure = transient;
    return d;
}

std::optional<milliseconds> instance_pause(int failures) {
    if (failures < kPauseAfterFailures) return std::nullopt;
    return std::min<milliseconds>(kPausePerFailure * (failures - kPauseAfterFailures + 1), kMaxPause);
}

std::optional<std::chrono::seconds> parse_retry_after(const std::optional<std::string>& value) {
    if (!value || value->empty()) return std::nullopt;
    long seconds = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
    if (ec != std::errc() || ptr != value->data() + value->size() || seconds < 0) return std::nullopt;
    return std::chrono::seconds(seconds);
}

}  // namespace gesso::activitypub
