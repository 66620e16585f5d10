#include <gtest/gtest.h>

#include "activitypub/delivery_policy.hpp"

namespace gesso::activitypub {
namespace {

using namespace std::chrono_literals;

core::TimePoint t0() { return core::TimePoint(std::chrono::hours(480000)); }

DeliveryDecision after(int status, int attempts = 1, std::chrono::milliseconds age = 0ms,
                       std::optional<std::chrono::seconds> retry_after = std::nullopt, double jitter = 0.5) {
    return decide_delivery(status, attempts, t0(), t0() + age, retry_after, jitter);
}

TEST(DeliveryPolicy, SuccessIsDone) {
    for (int s : {200, 201, 202, 204}) EXPECT_EQ(after(s).outcome, DeliveryOutcome::done) << s;
}

TEST(DeliveryPolicy, PermanentFailuresDropAtOnce) {
    for (int s : {400, 404, 405, 410, 422, 301, 413}) {
        auto d = after(s);
        EXPECT_EQ(d.outcome, DeliveryOutcome::drop) << s;
        EXPECT_FALSE(d.host_failure) << s;
    }
}

TEST(DeliveryPolicy, AuthFailuresRetryAFewTimesThenDrop) {
    EXPECT_EQ(after(401, 1).outcome, DeliveryOutcome::retry);
    EXPECT_EQ(after(403, 2).outcome, DeliveryOutcome::retry);
    EXPECT_EQ(after(401, 3).outcome, DeliveryOutcome::drop);
    EXPECT_FALSE(after(401, 1).host_failure);
}

TEST(DeliveryPolicy, TransientFailuresBackOffExponentiallyWithinJitter) {
    // jitter 0.5 means exactly the base schedule: 30 s, 60 s, 120 s, ...
    EXPECT_EQ(after(503, 1).retry_at - (t0()), 30s);
    EXPECT_EQ(after(503, 2).retry_at - (t0()), 60s);
    EXPECT_EQ(after(0, 4).retry_at - (t0()), 240s);
    EXPECT_EQ(after(429, 30).retry_at - (t0()), 12h);  // capped
    EXPECT_EQ(after(500, 1, 0ms, std::nullopt, 0.0).retry_at - t0(), 24s);
    EXPECT_EQ(after(500, 1, 0ms, std::nullopt, 0.999999).retry_at - t0(), std::chrono::milliseconds(35999));
    EXPECT_TRUE(after(502).host_failure);
}

TEST(DeliveryPolicy, RetryAfterIsHonouredButBounded) {
    EXPECT_EQ(after(429, 1, 0ms, 600s).retry_at - t0(), 600s);
    EXPECT_EQ(after(429, 1, 0ms, 5s).retry_at - t0(), 30s);  // never sooner than our own backoff
    EXPECT_EQ(after(429, 1, 0ms, 100h).retry_at - t0(), 12h);
}

TEST(DeliveryPolicy, GivesUpAfterTwoDays) {
    EXPECT_EQ(after(503, 20, 47h).outcome, DeliveryOutcome::retry);
    auto late = after(503, 20, 48h);
    EXPECT_EQ(late.outcome, DeliveryOutcome::drop);
    EXPECT_TRUE(late.host_failure);
}

TEST(DeliveryPolicy, HostsArePausedAfterRepeatedFailures) {
    EXPECT_FALSE(instance_pause(delivery_limits::kPauseAfterFailures - 1));
    EXPECT_EQ(instance_pause(delivery_limits::kPauseAfterFailures), 10min);
    EXPECT_EQ(instance_pause(delivery_limits::kPauseAfterFailures + 2), 30min);
    EXPECT_EQ(instance_pause(10000), 12h);
}

TEST(DeliveryPolicy, RetryAfterParsing) {
    EXPECT_EQ(parse_retry_after(std::string("120")), 120s);
    EXPECT_FALSE(parse_retry_after(std::string("Wed, 21 Oct 2015 07:28:00 GMT")));
    EXPECT_FALSE(parse_retry_after(std::string("-5")));
    EXPECT_FALSE(parse_retry_after(std::nullopt));
}

}  // namespace
}  // namespace gesso::activitypub
