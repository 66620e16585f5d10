// core/: text helpers, time formatting, JSON error bodies, random passwords, log levels.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/text.hpp"

namespace gesso::core {
namespace {

using namespace std::chrono;

// --- text ---

TEST(CoreText, HtmlEscapeReplacesEveryMarkupCharacter) {
    EXPECT_EQ(html_escape(R"(<a href="x" title='y'>Tom & Jerry</a>)"),
              "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
}

TEST(CoreText, HtmlEscapeLeavesPlainTextAndUtf8Alone) {
    EXPECT_EQ(html_escape(""), "");
    EXPECT_EQ(html_escape("plain text 123"), "plain text 123");
    EXPECT_EQ(html_escape("caf\xC3\xA9 \xE2\x9C\x93"), "caf\xC3\xA9 \xE2\x9C\x93");
}

TEST(CoreText, HtmlEscapeDoesNotDoubleDecodeEntities) {
    // An already-escaped entity in user text is text, so its '&' is escaped again.
    EXPECT_EQ(html_escape("&lt;"), "&amp;lt;");
    EXPECT_EQ(xml_escape("a<b"), "a&lt;b");
}

TEST(CoreText, ToLowerAsciiOnlyTouchesAsciiLetters) {
    EXPECT_EQ(to_lower_ascii("Hello WORLD_09-Z@A"), "hello world_09-z@a");
    // Bytes of a multi-byte UTF-8 sequence are left as they are.
    EXPECT_EQ(to_lower_ascii("\xC3\x89T\xC3\xA9"), "\xC3\x89t\xC3\xA9");
    EXPECT_EQ(to_lower_ascii(""), "");
}

TEST(CoreText, IequalsIgnoresAsciiCaseButNotLength) {
    EXPECT_TRUE(iequals_ascii("Art.Example", "art.EXAMPLE"));
    EXPECT_TRUE(iequals_ascii("", ""));
    EXPECT_FALSE(iequals_ascii("art.example", "art.example."));
    EXPECT_FALSE(iequals_ascii("abc", "abd"));
    // '[' (0x5B) and '{' (0x7B) differ by the same bit as case, but are not letters.
    EXPECT_FALSE(iequals_ascii("[", "{"));
    EXPECT_FALSE(iequals_ascii("@", "`"));
}

TEST(CoreText, StartsWithIcase) {
    EXPECT_TRUE(starts_with_icase("ACCT:alice@x", "acct:"));
    EXPECT_TRUE(starts_with_icase("https://x", ""));
    EXPECT_FALSE(starts_with_icase("acc", "acct:"));
    EXPECT_FALSE(starts_with_icase("xacct:", "acct:"));
}

TEST(CoreText, TrimRemovesAsciiWhitespaceAtBothEnds) {
    EXPECT_EQ(trim("  \t\r\n hello world \n\t "), "hello world");
    EXPECT_EQ(trim("inner  space"), "inner  space");
    EXPECT_EQ(trim(" \t\r\n"), "");
    EXPECT_EQ(trim(""), "");
    // Vertical tab and form feed are not trimmed; neither are non-ASCII spaces.
    EXPECT_EQ(trim("\vx\f"), "\vx\f");
}

// --- clock ---

class FixedTime : public ::testing::Test {
protected:
    // 2024-02-29T12:34:56.789Z, computed by hand: 54 years from 1970 to 2024 with 13 leap days
    // (1972..2020) give 19723 days; January (31) and 28 days of February make day 19782.
    static constexpr std::int64_t kLeapDaySeconds = 19782LL * 86400 + 12 * 3600 + 34 * 60 + 56;
    static constexpr std::int64_t kLeapDayMs = kLeapDaySeconds * 1000 + 789;
    const TimePoint leap_day = TimePoint(milliseconds(kLeapDayMs));
};

TEST_F(FixedTime, HandComputedInstantAgreesWithTheCalendar) {
    // Cross-check the hand computation with <chrono>'s civil calendar, independent of the code under test.
    sys_days day = year(2024) / February / 29;
    auto expected = day + hours(12) + minutes(34) + seconds(56) + milliseconds(789);
    EXPECT_EQ(leap_day, expected);
    EXPECT_EQ(kLeapDaySeconds, 1709210096);
}

TEST_F(FixedTime, Iso8601WithMilliseconds) { EXPECT_EQ(format_iso8601(leap_day), "2024-02-29T12:34:56.789Z"); }

TEST_F(FixedTime, Iso8601SecondsDropsTheFraction) {
    EXPECT_EQ(format_iso8601_seconds(leap_day), "2024-02-29T12:34:56Z");
}

TEST_F(FixedTime, HttpDateIsImfFixdate) {
    // 29 February 2024 was a Thursday.
    EXPECT_EQ(format_http_date(leap_day), "Thu, 29 Feb 2024 12:34:56 GMT");
}

TEST_F(FixedTime, MillisecondsArePaddedAndNotRounded) {
    EXPECT_EQ(format_iso8601(TimePoint(milliseconds(kLeapDaySeconds * 1000 + 7))), "2024-02-29T12:34:56.007Z");
    EXPECT_EQ(format_iso8601(TimePoint(milliseconds(kLeapDaySeconds * 1000))), "2024-02-29T12:34:56.000Z");
    // Sub-millisecond precision is truncated, never carried into the next second.
    EXPECT_EQ(format_iso8601(TimePoint(microseconds(kLeapDaySeconds * 1000000 + 999999))),
              "2024-02-29T12:34:56.999Z");
}

TEST_F(FixedTime, UnixMillisecondsRoundTrip) {
    EXPECT_EQ(to_unix_ms(leap_day), kLeapDayMs);
    EXPECT_EQ(from_unix_ms(kLeapDayMs), leap_day);
    EXPECT_EQ(to_unix_ms(from_unix_ms(0)), 0);
}

TEST(Clock, EpochAndInstantsBeforeIt) {
    EXPECT_EQ(format_iso8601(TimePoint{}), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_http_date(TimePoint{}), "Thu, 01 Jan 1970 00:00:00 GMT");
    // One millisecond before the epoch is the last millisecond of 1969, not a time in 1970.
    EXPECT_EQ(format_iso8601(TimePoint(milliseconds(-1))), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(format_iso8601_seconds(TimePoint(milliseconds(-1))), "1969-12-31T23:59:59Z");
}

// format_iso8601 computes the calendar itself; gmtime_r + strftime (the C library) must agree over centuries,
// leap days, month ends, instants before 1970 and years it does not write as four digits.
TEST(Clock, Iso8601AgreesWithTheCLibrary) {
    auto reference = [](TimePoint t) {
        auto ms = to_unix_ms(t) % 1000;
        if (ms < 0) ms += 1000;
        std::time_t secs = static_cast<std::time_t>(std::chrono::floor<seconds>(t.time_since_epoch()).count());
        std::tm tm{};
        gmtime_r(&secs, &tm);
        char text[64];
        std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
        char frac[8];
        std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(ms));
        return std::string(text, n) + frac;
    };
    std::int64_t step_ms = 37LL * 3600 * 1000 + 61 * 1000 + 7;  // 37 h 1 min 7 ms: every hour, day and month
    for (std::int64_t ms = -3'000'000'000'000LL; ms < 7'300'000'000'000LL; ms += step_ms) {
        TimePoint t{milliseconds(ms)};
        ASSERT_EQ(format_iso8601(t), reference(t)) << ms;
    }
    // The ends: TimePoint counts nanoseconds in 64 bits, about 1678 to 2262.
    for (TimePoint t : {TimePoint(microseconds(-1)), TimePoint(milliseconds(-9'000'000'000'000LL)),
                        TimePoint(milliseconds(9'000'000'000'000LL)), TimePoint(sys_days(year(2000) / February / 29))}) {
        EXPECT_EQ(format_iso8601(t), reference(t));
    }
}

TEST(Clock, SystemClockIsTheRealClock) {
    auto before = system_clock::now();
    auto t = core::system_clock().now();
    auto after = system_clock::now();
    EXPECT_LE(before, t);
    EXPECT_LE(t, after);
}

// --- JSON ---

TEST(CoreJson, ErrorBodyIsAnObjectWithTheMessage) {
    EXPECT_EQ(json_error_body("not found"), R"({"error":"not found"})");
}

TEST(CoreJson, ErrorBodyEscapesQuotesBackslashesAndControlCharacters) {
    std::string message = "say \"hi\"\nthen \\ leave\t\x01";
    std::string body = json_error_body(message);
    EXPECT_EQ(body, R"({"error":"say \"hi\"\nthen \\ leave\t\u0001"})");
    // No raw control character may reach the wire.
    for (char c : body) EXPECT_GE(static_cast<unsigned char>(c), 0x20u) << body;
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    ASSERT_FALSE(doc.HasParseError()) << body;
    ASSERT_TRUE(doc.IsObject());
    ASSERT_EQ(doc.MemberCount(), 1u);
    EXPECT_EQ(std::string(doc["error"].GetString(), doc["error"].GetStringLength()), message);
}

TEST(CoreJson, WriterKeepsEmbeddedNulAndUtf8) {
    JsonWriter w;
    w.begin_object().field("s", std::string_view("a\0b", 3)).field("u", "\xC3\xA9").field("n", 42).end_object();
    EXPECT_EQ(w.str(), R"({"s":"a\u0000b","u":")" "\xC3\xA9" R"(","n":42})");
}

// --- random ---

TEST(CoreRandom, PasswordHasTheRequestedLengthAndOnlyUnambiguousCharacters) {
    const std::string allowed = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (std::size_t length : {std::size_t{0}, std::size_t{1}, std::size_t{20}, std::size_t{64}, std::size_t{300}}) {
        std::string p = random_password(length);
        ASSERT_EQ(p.size(), length);
        for (char c : p) {
            EXPECT_NE(allowed.find(c), std::string::npos) << "unexpected character '" << c << "' in " << p;
        }
    }
    EXPECT_EQ(random_password().size(), 20u);
}

TEST(CoreRandom, PasswordNeverContainsLookAlikes) {
    std::string many;
    for (int i = 0; i < 50; ++i) many += random_password(40);
    for (char bad : std::string("0O1lI")) EXPECT_EQ(many.find(bad), std::string::npos) << bad;
}

TEST(CoreRandom, PasswordsUseTheWholeAlphabetAndDiffer) {
    std::set<char> seen;
    std::set<std::string> distinct;
    for (int i = 0; i < 200; ++i) {
        std::string p = random_password();
        distinct.insert(p);
        seen.insert(p.begin(), p.end());
    }
    EXPECT_EQ(distinct.size(), 200u);
    // 4000 draws from 57 symbols: every symbol shows up (missing one has probability ~57 * e^-70).
    EXPECT_EQ(seen.size(), 57u);
}

TEST(CoreRandom, HexHasTwoLowerCaseDigitsPerByte) {
    std::string h = random_hex(16);
    ASSERT_EQ(h.size(), 32u);
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
    EXPECT_NE(random_hex(16), h);
    EXPECT_EQ(random_bytes(0), "");
    EXPECT_EQ(random_bytes(33).size(), 33u);
}

// --- log levels and errors ---

TEST(CoreLog, ParsesExactlyTheFourLevels) {
    LogLevel level = LogLevel::info;
    EXPECT_TRUE(parse_log_level("debug", level));
    EXPECT_EQ(level, LogLevel::debug);
    EXPECT_TRUE(parse_log_level("error", level));
    EXPECT_EQ(level, LogLevel::error);
    EXPECT_TRUE(parse_log_level("warn", level));
    EXPECT_EQ(level, LogLevel::warn);
    EXPECT_FALSE(parse_log_level("INFO", level));
    EXPECT_FALSE(parse_log_level("warning", level));
    EXPECT_FALSE(parse_log_level("", level));
    EXPECT_EQ(level, LogLevel::warn);  // unchanged by failed parses
}

TEST(CoreError, CarriesCodeMessageAndDetailSeparately) {
    Error e(Errc::conflict, "already exists", "sqlite: UNIQUE constraint failed");
    EXPECT_EQ(e.code(), Errc::conflict);
    EXPECT_STREQ(e.what(), "already exists");
    EXPECT_EQ(e.detail(), "sqlite: UNIQUE constraint failed");
    EXPECT_EQ(to_string(Errc::too_many_requests), "too_many_requests");
    EXPECT_EQ(to_string(Errc::not_found), "not_found");
}

}  // namespace
}  // namespace gesso::core
