#include "activitypub/as2/timestamp.hpp"

#include <chrono>
#include <cstdint>

namespace gesso::activitypub::as2 {

namespace {

// A forward-only reader over the timestamp text; every read either consumes what it expects or fails.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return pos_ == text_.size(); }
    char peek() const { return done() ? '\0' : text_[pos_]; }
    void skip() { ++pos_; }

    // Exactly `count` decimal digits.
    bool digits(int count, int& out) {
        if (pos_ + static_cast<std::size_t>(count) > text_.size()) return false;
        int value = 0;
        for (int i = 0; i < count; ++i) {
            char c = text_[pos_ + static_cast<std::size_t>(i)];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        pos_ += static_cast<std::size_t>(count);
        out = value;
        return true;
    }

    bool literal(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }

    // One or more digits after a decimal mark; the first nine give nanoseconds, the rest are checked and dropped.
    bool fraction(std::int64_t& nanos) {
        std::int64_t value = 0;
        int used = 0;
        std::size_t start = pos_;
        while (!done() && peek() >= '0' && peek() <= '9') {
            if (used < 9) {
                value = value * 10 + (peek() - '0');
                ++used;
            }
            skip();
        }
        if (pos_ == start) return false;
        for (; used < 9; ++used) value *= 10;
        nanos = value;
        return true;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// Reads "Z", "+HH:MM", "+HHMM" or "+HH" (or '-'), as seconds east of UTC.
bool read_offset(Cursor& in, int& offset_seconds) {
    if (in.literal('Z') || in.literal('z')) {
        offset_seconds = 0;
        return true;
    }
    int sign = 0;
    if (in.literal('+'))
        sign = 1;
    else if (in.literal('-'))
        sign = -1;
    else
        return false;
    int hours = 0;
    int minutes = 0;
    if (!in.digits(2, hours)) return false;
    if (in.literal(':')) {
        if (!in.digits(2, minutes)) return false;
    } else if (!in.done()) {
        if (!in.digits(2, minutes)) return false;
    }
    if (hours > 23 || minutes > 59) return false;
    offset_seconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

}  // namespace

std::optional<core::TimePoint> parse_iso8601(std::string_view text) {
    using namespace std::chrono;
    Cursor in(text);
    int year = 0, month = 0, day = 0;
    if (!in.digits(4, year) || !in.literal('-') || !in.digits(2, month) || !in.literal('-') || !in.digits(2, day)) {
        return std::nullopt;
    }
    if (year < 1900 || year > 2200) return std::nullopt;
    year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;

    int hour = 0, minute = 0, second = 0;
    std::int64_t nanos = 0;
    int offset_seconds = 0;
    if (!in.done()) {
        char sep = in.peek();
        if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
        in.skip();
        if (!in.digits(2, hour) || !in.literal(':') || !in.digits(2, minute)) return std::nullopt;
        if (in.literal(':')) {
            if (!in.digits(2, second)) return std::nullopt;
            if (in.literal('.') || in.literal(',')) {
                if (!in.fraction(nanos)) return std::nullopt;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        if (second == 60) second = 59;
        if (!in.done() && !read_offset(in, offset_seconds)) return std::nullopt;
        if (!in.done()) return std::nullopt;
    }

    auto local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) - seconds(offset_seconds);
    return core::TimePoint(duration_cast<core::TimePoint::duration>(local.time_since_epoch()) +
                           duration_cast<core::TimePoint::duration>(nanoseconds(nanos)));
}

}  // namespace gesso::activitypub::as2
