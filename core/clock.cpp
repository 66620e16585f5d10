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
    // Every entity carries a few of these: the civil date by arithmetic (std::chrono), not gmtime_r + strftime,
    // which take glibc's time-zone lock. Years strftime would not write as four digits take the general path.
    auto seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch());
    auto days = std::chrono::floor<std::chrono::days>(seconds);
    std::chrono::year_month_day date{std::chrono::sys_days(days)};
    int year = static_cast<int>(date.year());
    if (year < 1000 || year > 9999) {
        std::string out = format_tm("%Y-%m-%dT%H:%M:%S", utc_tm(t));
        char frac[8];
        std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms));
        return out + frac;
    }
    auto of_day = (seconds - days).count();
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&out](std::size_t at, int width, long long value) {
        for (int i = width - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, 4, year);
    put(5, 2, static_cast<unsigned>(date.month()));
    put(8, 2, static_cast<unsigned>(date.day()));
    put(11, 2, of_day / 3600);
    put(14, 2, of_day / 60 % 60);
    put(17, 2, of_day % 60);
    put(20, 3, ms);
    return out;
}

std::string format_iso8601_seconds(TimePoint t) { return format_tm("%Y-%m-%dT%H:%M:%SZ", utc_tm(t)); }

std::string format_http_date(TimePoint t) { return format_tm("%a, %d %b %Y %H:%M:%S GMT", utc_tm(t)); }

std::int64_t to_unix_ms(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_unix_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

}  // namespace gesso::core
