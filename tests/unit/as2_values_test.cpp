// The value readers of activitypub/as2: timestamps, URL checks, and the many shapes one property takes on the
// wire (string or object, one or many, Link or URL, content or contentMap, null for unset).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "activitypub/as2/timestamp.hpp"
#include "activitypub/as2/url_check.hpp"
#include "activitypub/as2/utf8.hpp"
#include "activitypub/as2/values.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/as2_fixtures.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub::as2 {
namespace {

using namespace std::chrono;
using Strings = std::vector<std::string>;

constexpr const char* kPublicUri = "https://www.w3.org/ns/activitystreams#Public";

using test::utc;

// Expects `f` to refuse (core::Error(unprocessable)) with a message containing `needle`.
template <class F>
void expect_refused(F&& f, const std::string& needle) {
    test::expect_failure(std::forward<F>(f), core::Errc::unprocessable, needle);
}

// --- parse_iso8601 ---

TEST(As2Timestamp, ZuluSeconds) { EXPECT_EQ(parse_iso8601("2024-11-28T14:05:09Z"), utc(2024, 11, 28, 14, 5, 9)); }

TEST(As2Timestamp, MillisecondsFromJavaScript) {
    EXPECT_EQ(parse_iso8601("2024-11-28T16:02:44.377Z"), utc(2024, 11, 28, 16, 2, 44) + milliseconds(377));
}

TEST(As2Timestamp, OffsetsAreAppliedInEveryForm) {
    auto expected = utc(2024, 11, 29, 8, 41, 3);
    EXPECT_EQ(parse_iso8601("2024-11-29T09:41:03+01:00"), expected);
    EXPECT_EQ(parse_iso8601("2024-11-29T09:41:03+0100"), expected);
    EXPECT_EQ(parse_iso8601("2024-11-29T09:41:03+01"), expected);
    EXPECT_EQ(parse_iso8601("2024-11-29T01:41:03-07:00"), expected);
    EXPECT_EQ(parse_iso8601("2024-11-28T18:20:11+00:00"), utc(2024, 11, 28, 18, 20, 11));
}

TEST(As2Timestamp, LongFractionsKeepNanoseconds) {
    EXPECT_EQ(parse_iso8601("2024-01-02T03:04:05.123456789123Z"), utc(2024, 1, 2, 3, 4, 5) + nanoseconds(123456789));
    EXPECT_EQ(parse_iso8601("2024-01-02T03:04:05,5Z"), utc(2024, 1, 2, 3, 4, 5) + milliseconds(500));
}

TEST(As2Timestamp, LenientSpellings) {
    EXPECT_EQ(parse_iso8601("2024-01-02t03:04:05z"), utc(2024, 1, 2, 3, 4, 5));
    EXPECT_EQ(parse_iso8601("2024-01-02 03:04:05Z"), utc(2024, 1, 2, 3, 4, 5));
    EXPECT_EQ(parse_iso8601("2024-01-02T03:04:05"), utc(2024, 1, 2, 3, 4, 5));  // no offset: UTC
    EXPECT_EQ(parse_iso8601("2024-01-02T03:04Z"), utc(2024, 1, 2, 3, 4, 0));
    EXPECT_EQ(parse_iso8601("2024-01-02"), utc(2024, 1, 2, 0, 0, 0));
    EXPECT_EQ(parse_iso8601("2016-12-31T23:59:60Z"), utc(2016, 12, 31, 23, 59, 59));
}

TEST(As2Timestamp, InvalidIsNullopt) {
    for (const char* bad :
         {"", "yesterday", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z",
          "2024-01-01T12:60:00Z", "2024-01-01T12:00:00+25:00", "2024-01-01T12:00:00Zjunk", "2024-01-01T12:00:00.Z",
          "24-01-01T12:00:00Z", "2024-1-01T12:00:00Z", "1677-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
          "2024-01-01T12:00:00 +01:00", "2024-01-01T12:00:00+01:0"}) {
        EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
    }
}

// --- is_absolute_http_url ---

TEST(As2Url, AcceptsOrdinaryIds) {
    for (const char* good : {"https://mastodon.example/users/inkwell", "http://127.0.0.1:8080/actor",
                             "HTTPS://Host.Example/a?b=c#d", "https://[2001:db8::1]:8443/inbox", "https://a.test",
                             "https://misskey.example/tags/水彩", "https://gts.example/users/wren/main-key"}) {
        EXPECT_TRUE(is_absolute_http_url(good)) << good;
    }
}

TEST(As2Url, RejectsEverythingElse) {
    for (const char* bad : {"",
                            "javascript:alert(1)",
                            "data:text/html,hi",
                            "ftp://host/x",
                            "/users/alice",
                            "https://",
                            "https:///path",
                            "https://user:pw@host.example/",
                            "https://host.example:0/",
                            "https://host.example:99999/",
                            "https://host.example:/",
                            "https://ho st.example/",
                            "https://host.example/a b",
                            "https://host.example/\"onmouseover=x",
                            "https://host.example/<x>",
                            "https://host\\.example/",
                            "https://.host.example/",
                            "https://[zz::1]/",
                            "https://ホスト.example/",
                            "https://host.example/\n"}) {
        EXPECT_FALSE(is_absolute_http_url(bad)) << bad;
    }
    EXPECT_FALSE(is_absolute_http_url("https://host.example/" + std::string(2048, 'a')));
}

TEST(As2Utf8, WellFormedOnly) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("ほし 水彩 🎨 é"));
    for (const char* bad : {"\xff", "\x80", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                            "\xf0\x9f\x8e", "a\xe6\xb0" "b"}) {
        EXPECT_FALSE(is_valid_utf8(bad)) << bad;
    }
    EXPECT_FALSE(is_absolute_http_url("https://h.example/\xff"));
    auto doc = core::parse_json("{\"name\": \"broken \xc3 text\"}");
    expect_refused([&] { read_text(doc, "name", 100, "actor.name"); }, "actor.name is not valid UTF-8");
}

TEST(As2Url, PublicSpellingsNormalise) {
    EXPECT_EQ(normalise_public("as:Public"), kPublicUri);
    EXPECT_EQ(normalise_public("Public"), kPublicUri);
    EXPECT_EQ(normalise_public(kPublicUri), kPublicUri);
    EXPECT_EQ(normalise_public("https://host.example/followers"), "https://host.example/followers");
}

// --- readers ---

TEST(As2Values, NullReadsAsUnset) {
    auto doc = core::parse_json(R"({"summary": null, "sensitive": null, "url": null, "to": null})");
    EXPECT_EQ(read_text(doc, "summary", 100, "x.summary"), "");
    EXPECT_TRUE(read_bool(doc, "sensitive", true, "x.sensitive"));
    EXPECT_EQ(read_link(doc, "url", "x.url"), "");
    EXPECT_TRUE(read_addresses(doc, "to", "x.to").empty());
}

TEST(As2Values, WrongTypesAreRefusedByName) {
    auto doc = core::parse_json(R"({"content": 42, "sensitive": "yes", "type": {"a": 1}})");
    expect_refused([&] { read_text(doc, "content", 100, "Note.content"); }, "Note.content must be a string");
    expect_refused([&] { read_bool(doc, "sensitive", false, "Note.sensitive"); },
                   "Note.sensitive must be true or false");
    expect_refused([&] { read_type(doc, "Note"); }, "Note.type must be a string");
}

TEST(As2Values, TextOverItsLimitIsRefused) {
    auto doc = core::parse_json(R"({"name": "abcdef"})");
    EXPECT_EQ(read_text(doc, "name", 6, "actor.name"), "abcdef");
    expect_refused([&] { read_text(doc, "name", 5, "actor.name"); }, "actor.name is longer than 5 bytes");
}

TEST(As2Values, TypeMayBeAnArray) {
    auto doc = core::parse_json(R"({"type": [7, "Note", "Article"]})");
    EXPECT_EQ(read_type(doc, "x"), "Note");
}

TEST(As2Values, IdOrObject) {
    auto doc = core::parse_json(
        R"js({"a": "https://h.example/1", "b": {"id": "https://h.example/2", "type": "Note"},
            "c": {"type": "Tombstone"}, "d": 5, "e": "as:Public", "f": "javascript:void(0)"})js");
    EXPECT_EQ(read_id(doc, "a", "x.a"), "https://h.example/1");
    EXPECT_EQ(read_id(doc, "b", "x.b"), "https://h.example/2");
    EXPECT_EQ(read_id(doc, "c", "x.c"), "");
    EXPECT_EQ(read_id(doc, "e", "x.e"), kPublicUri);
    expect_refused([&] { read_id(doc, "d", "x.d"); }, "x.d must be a string or an object with an id");
    expect_refused([&] { read_id(doc, "f", "x.f"); }, "x.f is not an absolute http(s) URL");
    expect_refused([&] { require_id(doc, "missing", "x.missing"); }, "x.missing is missing");
}

TEST(As2Values, AddressesFromEveryShape) {
    auto doc = core::parse_json(R"({
        "one": "as:Public",
        "many": ["https://h.example/u/a/followers", {"id": "https://h.example/u/b"}, "Public", 17, "acct:x@y",
                 "https://h.example/u/b", "https://www.w3.org/ns/activitystreams#Public"]})");
    EXPECT_EQ(read_addresses(doc, "one", "x.to"), Strings{kPublicUri});
    EXPECT_EQ(read_addresses(doc, "many", "x.cc"),
              (Strings{"https://h.example/u/a/followers", "https://h.example/u/b", kPublicUri}));
}

TEST(As2Values, TooManyAddressesAreRefused) {
    std::string json = R"({"to": [)";
    for (int i = 0; i <= 10'000; ++i) {
        if (i) json += ',';
        json += "\"https://h.example/u/";
        json += std::to_string(i);
        json += '"';
    }
    json += "]}";
    auto doc = core::parse_json(json);
    expect_refused([&] { read_addresses(doc, "to", "Note.to"); }, "Note.to has more than 10000 entries");
}

TEST(As2Values, LinkPrefersHtml) {
    auto doc = core::parse_json(R"js({
        "plain": "https://h.example/@a/1",
        "link": {"type": "Link", "href": "https://h.example/@a/2", "mediaType": "text/html"},
        "peertube": [{"type": "Link", "mediaType": "application/x-bittorrent;x-scheme-handler/magnet",
                      "href": "magnet:?xt=urn:btih:abc"},
                     {"type": "Link", "mediaType": "video/mp4", "href": "https://h.example/v.mp4"},
                     {"type": "Link", "mediaType": "text/html; charset=utf-8", "href": "https://h.example/w/3"}],
        "no_html": [{"type": "Link", "href": "magnet:?x"}, "https://h.example/4"],
        "hostile": [{"type": "Link", "href": "javascript:alert(1)", "mediaType": "text/html"}],
        "number": 5})js");
    EXPECT_EQ(read_link(doc, "plain", "x.url"), "https://h.example/@a/1");
    EXPECT_EQ(read_link(doc, "link", "x.url"), "https://h.example/@a/2");
    EXPECT_EQ(read_link(doc, "peertube", "x.url"), "https://h.example/w/3");
    EXPECT_EQ(read_link(doc, "no_html", "x.url"), "https://h.example/4");
    expect_refused([&] { read_link(doc, "hostile", "x.url"); }, "x.url is not an absolute http(s) URL");
    expect_refused([&] { read_link(doc, "number", "x.url"); }, "x.url must be a URL, a Link or an array");
}

TEST(As2Values, ImageUrlFromObjectArrayOrString) {
    auto doc = core::parse_json(R"({
        "object": {"type": "Image", "url": "https://h.example/a.png"},
        "array": [{"type": "Image", "name": "no url"},
                  {"type": "Image", "url": {"type": "Link", "href": "https://h.example/b.png"}}],
        "string": "https://h.example/c.png",
        "data": {"type": "Image", "url": "data:image/png;base64,AAAA"}})");
    EXPECT_EQ(read_image_url(doc, "object", "actor.icon"), "https://h.example/a.png");
    EXPECT_EQ(read_image_url(doc, "array", "actor.icon"), "https://h.example/b.png");
    EXPECT_EQ(read_image_url(doc, "string", "actor.icon"), "https://h.example/c.png");
    expect_refused([&] { read_image_url(doc, "data", "actor.icon"); }, "actor.icon.url is not an absolute http(s) URL");
}

TEST(As2Values, ContentOrContentMap) {
    auto both =
        core::parse_json(R"({"content": "<p>hola</p>", "contentMap": {"en": "<p>hi</p>", "es": "<p>hola</p>"}})");
    auto text = read_localized(both, "content", "contentMap", 1000, "Note");
    EXPECT_EQ(text.text, "<p>hola</p>");
    EXPECT_EQ(text.language, "es");

    auto map_only = core::parse_json(R"({"contentMap": {"not a tag!": "x", "de": "", "fr": "<p>salut</p>"}})");
    text = read_localized(map_only, "content", "contentMap", 1000, "Note");
    EXPECT_EQ(text.text, "<p>salut</p>");
    EXPECT_EQ(text.language, "fr");

    auto plain = core::parse_json(R"({"content": "<p>x</p>"})");
    text = read_localized(plain, "content", "contentMap", 1000, "Note");
    EXPECT_EQ(text.text, "<p>x</p>");
    EXPECT_EQ(text.language, "");

    auto long_map = core::parse_json(R"({"contentMap": {"en": "0123456789"}})");
    expect_refused([&] { read_localized(long_map, "content", "contentMap", 5, "Note"); },
                   "Note.contentMap is longer than 5 bytes");
}

TEST(As2Values, AttributedToPrefersAPerson) {
    auto doc = core::parse_json(R"({
        "attributedTo": [{"type": "Group", "id": "https://tube.example/video-channels/studio"},
                         {"type": "Person", "id": "https://tube.example/accounts/ana"}]})");
    EXPECT_EQ(read_attributed_to(doc, "Video.attributedTo"), "https://tube.example/accounts/ana");
    auto single = core::parse_json(R"({"attributedTo": {"id": "https://h.example/u/a", "type": "Person"}})");
    EXPECT_EQ(read_attributed_to(single, "Note.attributedTo"), "https://h.example/u/a");
    auto strings = core::parse_json(R"({"attributedTo": ["https://h.example/u/b", "https://h.example/u/c"]})");
    EXPECT_EQ(read_attributed_to(strings, "Note.attributedTo"), "https://h.example/u/b");
}

TEST(As2Values, CountsTolerateStringsAndIgnoreNonsense) {
    auto doc = core::parse_json(R"({"a": 1080, "b": "1350", "c": -1, "d": 1.5, "e": "12px", "f": 100001})");
    EXPECT_EQ(read_count(doc, "a", 100000), 1080);
    EXPECT_EQ(read_count(doc, "b", 100000), 1350);
    EXPECT_FALSE(read_count(doc, "c", 100000));
    EXPECT_FALSE(read_count(doc, "d", 100000));
    EXPECT_FALSE(read_count(doc, "e", 100000));
    EXPECT_FALSE(read_count(doc, "f", 100000));
}

TEST(As2Values, InvalidTimesAreUnsetButWrongTypesRefused) {
    auto doc = core::parse_json(R"({"published": "last tuesday", "updated": 1732801534})");
    EXPECT_FALSE(read_time(doc, "published", "Note.published").has_value());
    expect_refused([&] { read_time(doc, "updated", "Note.updated"); }, "Note.updated must be a string");
}

TEST(As2Values, QuotedMessagesAreBoundedAndClean) {
    EXPECT_EQ(excerpt("a\nb"), "\"a?b\"");
    EXPECT_EQ(excerpt(std::string(300, 'x')).size(), 100u + 5u);
}

}  // namespace
}  // namespace gesso::activitypub::as2
