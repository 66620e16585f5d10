#pragma once
// A clock tests move by hand: starts at the real time, advances only when told. Thread-safe.
#include <atomic>

#include "core/clock.hpp"

namespace gesso::test {

class ManualClock final : public core::Clock {
public:
    ManualClock() : offset_ms_(0), start_(std::chrono::system_clock::now()) {}
    core::TimePoint now() const override { return start_ + std::chrono::milliseconds(offset_ms_.load()); }
    void advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

private:
    std::atomic<long long> offset_ms_;
    core::TimePoint start_;
};

}  // namespace gesso::test
