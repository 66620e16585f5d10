#pragma once
// The Streaming fixture of the streaming tests: a node with alice, bob and carol logged in through a real OAuth
// app, WebSockets to its streaming endpoint, and Mastodon's frame shape checked on every frame read.
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"
#include "support/websocket_client.hpp"

namespace gesso::test {

namespace websocket = boost::beast::websocket;

inline TestNodeOptions streaming_options(std::size_t queue_messages = 256, std::size_t per_token = 8) {
    TestNodeOptions o;
    o.streaming.queue_messages = queue_messages;
    o.streaming.connections_per_token = per_token;
    return o;
}

class Streaming : public ::testing::Test {
protected:
    explicit Streaming(TestNodeOptions options = streaming_options()) : node(std::move(options)) {
        alice = node.create_account("alice");
        bob = node.create_account("bob");
        carol = node.create_account("carol");
        app = register_app();
        alice_token = login("alice");
        bob_token = login("bob");
        carol_token = login("carol");
    }

    HttpResult call(http::verb method, const std::string& target, const std::string& token,
                    const std::string& body = "") {
        HttpCall c{method, target, {}, body};
        if (!body.empty()) c.headers.emplace_back("Content-Type", "application/json");
        if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
        return http_request(node.port(), c);
    }
    std::pair<std::string, std::string> register_app() {
        auto res =
            call(http::verb::post, "/api/v1/apps", "",
                 R"({"client_name":"t","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write follow"})");
        auto doc = parse_document(res.body);
        return {doc["client_id"].GetString(), doc["client_secret"].GetString()};
    }
    std::string login(const std::string& user, const std::string& scope = "read+write+follow") {
        HttpCall c{http::verb::post,
                   "/oauth/token",
                   {{"Content-Type", "application/x-www-form-urlencoded"}},
                   "grant_type=password&username=" + user + "&password=correct+horse+battery&client_id=" + app.first +
                       "&client_secret=" + app.second + "&scope=" + scope};
        auto res = http_request(node.port(), c);
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["access_token"].GetString();
    }
    std::string post_status(const std::string& token, const std::string& json) {
        auto res = call(http::verb::post, "/api/v1/statuses", token, json);
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
    }
    void follow(core::Id follower, core::Id target) {
        node.db().write([&](storage::Connection& c) {
            c.prepare(
                 "INSERT INTO follows (id, account_id, target_account_id, uri, accepted, created_at) VALUES "
                 "(?,?,?,?,1,0)")
                .bind(1, follower + target)
                .bind(2, follower)
                .bind(3, target)
                .bind(4, "urn:test:" + std::to_string(follower) + ":" + std::to_string(target))
                .run();
        });
    }
    WebSocketOptions stream(const std::string& token, const std::string& query) {
        WebSocketOptions o;
        o.target = "/api/v1/streaming?access_token=" + token + (query.empty() ? "" : "&" + query);
        return o;
    }
    // Makes sure the server has applied every message sent so far on `ws`: messages are handled in order,
    // and a bad one is answered with an error frame.
    static void sync(WebSocketClient& ws) {
        ws.send(R"({"type":"subscribe","stream":"no-such-stream"})");
        auto reply = ws.read();
        ASSERT_TRUE(reply);
        auto doc = parse_document(*reply);
        ASSERT_TRUE(doc.HasMember("error")) << *reply;
    }

    // A streamed frame, checked against Mastodon's framing: stream array, event name, payload as a string.
    struct Frame {
        std::vector<std::string> stream;
        std::string event;
        std::string payload;
    };
    static Frame next_frame(WebSocketClient& ws) {
        auto msg = ws.read();
        if (!msg) throw std::runtime_error("connection closed while waiting for a frame");
        auto doc = parse_document(*msg);
        Frame f;
        if (!doc.IsObject() || !doc.HasMember("stream") || !doc["stream"].IsArray() || !doc.HasMember("event") ||
            !doc.HasMember("payload") || !doc["payload"].IsString()) {
            throw std::runtime_error("not a streaming frame: " + *msg);
        }
        for (const auto& s : doc["stream"].GetArray()) f.stream.emplace_back(s.GetString());
        f.event = doc["event"].GetString();
        f.payload = doc["payload"].GetString();
        return f;
    }

    TestNode node;
    core::Account alice, bob, carol;
    std::pair<std::string, std::string> app;
    std::string alice_token, bob_token, carol_token;
};

}  // namespace gesso::test
