#pragma once
// Sortable 64-bit ids, Mastodon style: milliseconds since the Unix epoch in the high 48 bits, a
// per-millisecond sequence in the low 16. Ordered by creation time, so Mastodon's max_id/since_id/min_id
// paging is an index range. Rendered as decimal strings on the wire. Thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace gesso::core {

using Id = std::int64_t;

class IdGenerator {
public:
    // Next id, strictly greater than every id this generator returned before (even if the clock steps back).
    Id next(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

private:
    std::mutex mutex_;
    Id last_ = 0;
};

// The smallest id that can be generated at `t`: a paging bound for "created before/after t".
Id id_floor_at(std::chrono::system_clock::time_point t);

// Parses a decimal id as sent by clients; nullopt for anything else (sign, spaces, overflow, empty).
std::optional<Id> parse_id(std::string_view text);

}  // namespace gesso::core
