#include "core/ids.hpp"

#include <charconv>

namespace gesso::core {

namespace {
std::int64_t millis(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
}  // namespace

Id IdGenerator::next(std::chrono::system_clock::time_point now) {
    std::lock_guard lock(mutex_);
    Id candidate = millis(now) << 16;
    last_ = candidate > last_ ? candidate : last_ + 1;
    return last_;
}

Id id_floor_at(std::chrono::system_clock::time_point t) { return millis(t) << 16; }

std::optional<Id> parse_id(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    Id value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

}  // namespace gesso::core
