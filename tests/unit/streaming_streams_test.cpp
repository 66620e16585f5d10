// Stream names, client messages and frames of the streaming API (pure functions).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/json.hpp"
#include "web/streaming/streams.hpp"

namespace gesso::test {
namespace {

using web::streaming::StreamSpec;

TEST(StreamingStreams, ParsesMastodonStreamNamesWithTheirParameters) {
    EXPECT_EQ(web::streaming::parse_stream("user", "", ""), (StreamSpec{"user", ""}));
    EXPECT_EQ(web::streaming::parse_stream("public:remote:media", "", ""), (StreamSpec{"public:remote:media", ""}));
    EXPECT_EQ(web::streaming::parse_stream("hashtag", "#Art", ""), (StreamSpec{"hashtag", "art"}));
    EXPECT_EQ(web::streaming::parse_stream("list", "", "42"), (StreamSpec{"list", "42"}));
    for (auto [name, tag, list] : std::vector<std::tuple<const char*, const char*, const char*>>{{"users", "", ""},
                                                                                                 {"", "", ""},
                                                                                                 {"hashtag", "", ""},
                                                                                                 {"hashtag", "a b", ""},
                                                                                                 {"list", "", "x1"},
                                                                                                 {"list", "", ""}}) {
        EXPECT_THROW(web::streaming::parse_stream(name, tag, list), core::Error) << name << " " << tag << " " << list;
    }
}

TEST(StreamingStreams, ScopesFollowTheStream) {
    EXPECT_EQ(web::streaming::required_scope({"user:notification", ""}), "read:notifications");
    EXPECT_EQ(web::streaming::required_scope({"public", ""}), "read:statuses");
}

TEST(StreamingStreams, PublicStreamsFilterByLocalityAndMedia) {
    using web::streaming::public_stream_matches;
    web::streaming::PublicStatusFacts local_text{true, false}, remote_media{false, true};
    EXPECT_TRUE(public_stream_matches({"public", ""}, local_text));
    EXPECT_TRUE(public_stream_matches({"public:local", ""}, local_text));
    EXPECT_FALSE(public_stream_matches({"public:remote", ""}, local_text));
    EXPECT_FALSE(public_stream_matches({"public:media", ""}, local_text));
    EXPECT_TRUE(public_stream_matches({"public:remote:media", ""}, remote_media));
    EXPECT_FALSE(public_stream_matches({"public:local:media", ""}, remote_media));
    EXPECT_FALSE(public_stream_matches({"user", ""}, remote_media));
}

TEST(StreamingStreams, FramesCarryThePayloadAsAJsonString) {
    std::string f = web::streaming::frame({"hashtag", "art"}, "update", R"({"id":"1","content":"<p>\"hi\"</p>"})");
    auto doc = parse_document(f);
    ASSERT_EQ(doc["stream"].Size(), 2u);
    EXPECT_STREQ(doc["stream"][0].GetString(), "hashtag");
    EXPECT_STREQ(doc["stream"][1].GetString(), "art");
    EXPECT_STREQ(doc["event"].GetString(), "update");
    ASSERT_TRUE(doc["payload"].IsString());
    EXPECT_STREQ(parse_document(doc["payload"].GetString())["content"].GetString(), "<p>\"hi\"</p>");
}

TEST(StreamingStreams, EventStreamPathsNameTheirStreams) {
    using web::streaming::sse_stream_name;
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/user", false), "user");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/user/notification", false), "user:notification");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/public/", false), "public");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/public", true), "public:media");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/public/local", true), "public:local:media");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/public/remote/media", false), "public:remote:media");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/hashtag/local", false), "hashtag:local");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/list", false), "list");
    EXPECT_EQ(sse_stream_name("/api/v1/streaming/direct", true), "direct");  // only_media is for public streams
    for (const char* not_a_stream : {"/api/v1/streaming", "/api/v1/streaming/", "/api/v1/streaming/health",
                                     "/api/v1/streaming/users", "/api/v1/streaming/public:local",
                                     "/api/v1/streaming//user", "/api/v1/timelines/public", "/api/v1/streaming/user//"}) {
        EXPECT_EQ(sse_stream_name(not_a_stream, false), std::nullopt) << not_a_stream;
    }
}

TEST(StreamingStreams, EventStreamEventsAreEventAndDataLines) {
    auto m = web::streaming::message({"user", ""}, "update", R"({"id":"1"})");
    EXPECT_EQ(m.event, "update");
    EXPECT_EQ(m.payload, R"({"id":"1"})");
    EXPECT_EQ(parse_document(m.text)["payload"].GetString(), std::string(R"({"id":"1"})"));
    EXPECT_EQ(web::streaming::sse_event(m), "event: update\ndata: {\"id\":\"1\"}\n\n");
    EXPECT_EQ(web::streaming::sse_event(web::streaming::message({"user", ""}, "delete", "42")), "event: delete\ndata: 42\n\n");
}

TEST(StreamingStreams, ClientMessagesAreValidated) {
    auto sub = web::streaming::parse_client_message(R"({"type":"subscribe","stream":"hashtag","tag":"Art"})");
    EXPECT_TRUE(sub.subscribe);
    EXPECT_EQ(sub.stream, (StreamSpec{"hashtag", "art"}));
    auto unsub = web::streaming::parse_client_message(R"({"type":"unsubscribe","stream":"public:local"})");
    EXPECT_FALSE(unsub.subscribe);
    for (const char* bad : {"", "[]", "{", R"({"type":"watch","stream":"user"})", R"({"type":"subscribe"})",
                            R"({"type":"subscribe","stream":"hashtag"})"}) {
        EXPECT_THROW(web::streaming::parse_client_message(bad), core::Error) << bad;
    }
}

}  // namespace
}  // namespace gesso::test
