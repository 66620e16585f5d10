// The rate limiter's windows, keys and bounded memory, driven by a manual clock.
#include <gtest/gtest.h>

#include "support/manual_clock.hpp"
#include "web/rate_limit.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono_literals;

const web::RateRule kRule{"api", 3, 300s};

TEST(RateLimiter, CountsDownThenRefusesUntilTheWindowEnds) {
    ManualClock clock;
    web::RateLimiter limiter(clock);
    std::vector<int> remaining;
    for (int i = 0; i < 3; ++i) {
        auto d = limiter.hit(kRule, "token-a");
        EXPECT_TRUE(d.allowed);
        remaining.push_back(d.remaining);
    }
    EXPECT_EQ(remaining, (std::vector<int>{2, 1, 0}));
    auto denied = limiter.hit(kRule, "token-a");
    EXPECT_FALSE(denied.allowed);
    EXPECT_EQ(denied.limit, 3);
    // The window is aligned to the clock: it ends within 300 s, after now, and Retry-After points there.
    EXPECT_GT(denied.reset, clock.now());
    EXPECT_LE(denied.reset, clock.now() + 300s);
    EXPECT_GE(denied.retry_after.count(), 1);
    EXPECT_LE(denied.retry_after.count(), 300);

    // Another key has its own bucket.
    EXPECT_TRUE(limiter.hit(kRule, "token-b").allowed);
    // Past the reset, the key starts over.
    clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(denied.reset - clock.now()) + 1ms);
    auto fresh = limiter.hit(kRule, "token-a");
    EXPECT_TRUE(fresh.allowed);
    EXPECT_EQ(fresh.remaining, 2);
}

TEST(RateLimiter, BucketTableStaysWithinItsCap) {
    ManualClock clock;
    web::RateLimiter limiter(clock, 100);
    for (int i = 0; i < 1000; ++i) limiter.hit(kRule, "ip-" + std::to_string(i));
    EXPECT_LE(limiter.bucket_count(), 100u);
    // Expired buckets are the first to go once the window has passed.
    clock.advance(301s);
    for (int i = 0; i < 10; ++i) limiter.hit(kRule, "late-" + std::to_string(i));
    EXPECT_LE(limiter.bucket_count(), 100u);
    EXPECT_TRUE(limiter.hit(kRule, "late-0").allowed);
}

}  // namespace
}  // namespace gesso::test
