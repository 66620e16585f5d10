#pragma once
// Time is injected: code that needs "now" takes a Clock, so tests can pin it.
#include <chrono>
#include <cstdint>
#include <string>

namespace gesso::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// The process-wide real clock.
const Clock& system_clock();

// "2026-11-25T21:06:34.123Z" (ActivityPub and Mastodon timestamps; milliseconds, UTC).
std::string format_iso8601(TimePoint t);
// "2026-11-25T21:06:34Z" (no fraction; ActivityPub `published`).
std::string format_iso8601_seconds(TimePoint t);
// "Wed, 25 Nov 2026 21:06:34 GMT" (HTTP Date, RFC 9110 IMF-fixdate).
std::string format_http_date(TimePoint t);

// Unix milliseconds, as stored in the database.
std::int64_t to_unix_ms(TimePoint t);
TimePoint from_unix_ms(std::int64_t ms);

}  // namespace gesso::core
