#include "core/clock.hpp"

#include <ctime>

namespace gesso::core {

const Clock& system_clock() {
    static const SystemClock clock;
    return clock;
}

namespace {
std::tm utc_tm(TimePoint t) {
    // floor, not to_time_t: to_time_t truncates toward zero, which puts instants before 1970 a second late.
    std::time_t seconds = static_cast<std::time_t>(
        std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count());
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return tm;
}

std::string format_tm(const char* pattern, const std::tm& tm) {
    char buffer[64];
    std::size_t n = std::strftime(buffer, sizeof buffer, pattern, &tm);
    return std::string(buffer, n);
}
}  // namespace

std::string format_iso8601(TimePoint t) {
    auto ms = to_unix_ms(t) % 1000;
    if (ms < 0) ms += 1000;
    std::string out = format_tm("%Y-%m-%dT%H:%M:%S", utc_tm(t));
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms));
    return out + frac;
}

std::string format_iso8601_seconds(TimePoint t) { return format_tm("%Y-%m-%dT%H:%M:%SZ", utc_tm(t)); }

std::string format_http_date(TimePoint t) { return format_tm("%a, %d %b %Y %H:%M:%S GMT", utc_tm(t)); }

std::int64_t to_unix_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_unix_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

}  // namespace gesso::core
