#include <gtest/gtest.h>

#include "core/ids.hpp"

namespace gesso::core {
namespace {

TEST(Ids, StrictlyIncreasingEvenWhenTheClockStepsBack) {
    IdGenerator ids;
    auto t = std::chrono::system_clock::now();
    Id a = ids.next(t);
    Id b = ids.next(t);
    Id c = ids.next(t - std::chrono::hours(1));
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
}

TEST(Ids, OrderFollowsCreationTime) {
    IdGenerator ids;
    auto t = std::chrono::system_clock::now();
    Id early = ids.next(t);
    Id later = ids.next(t + std::chrono::seconds(1));
    EXPECT_GE(later, id_floor_at(t + std::chrono::seconds(1)));
    EXPECT_LT(early, id_floor_at(t + std::chrono::seconds(1)));
}

TEST(Ids, ParseAcceptsOnlyPlainDecimal) {
    EXPECT_EQ(parse_id("12345"), 12345);
    EXPECT_FALSE(parse_id(""));
    EXPECT_FALSE(parse_id("-1"));
    EXPECT_FALSE(parse_id("12a"));
    EXPECT_FALSE(parse_id(" 1"));
    EXPECT_FALSE(parse_id("99999999999999999999"));
}

}  // namespace
}  // namespace gesso::core
