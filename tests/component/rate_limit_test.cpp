// API rate limits over real HTTP with a manual clock: Mastodon's X-RateLimit-* headers, the 429 answer with
// Retry-After, per-token and per-address buckets, the stricter sign-in bucket, and the window reset.
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/manual_clock.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

TestNodeOptions limited(const ManualClock& clock) {
    TestNodeOptions o;
    o.clock = &clock;
    o.rate_limits.enabled = true;
    o.rate_limits.per_token = 5;
    o.rate_limits.per_ip = 40;
    o.rate_limits.sign_in = 4;
    return o;
}

class RateLimits : public ::testing::Test {
protected:
    RateLimits() : node(limited(clock)) {
        node.create_account("alice");
        node.create_account("bob");
        auto res = request(http::verb::post, "/api/v1/apps", "",
                           R"({"client_name":"t","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write"})");
        auto doc = parse_document(res.body);
        app = {doc["client_id"].GetString(), doc["client_secret"].GetString()};
    }
    HttpResult request(http::verb method, const std::string& target, const std::string& token,
                       const std::string& body = "", const std::string& type = "application/json") {
        HttpCall c{method, target, {}, body};
        if (!body.empty()) c.headers.emplace_back("Content-Type", type);
        if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
        return http_request(node.port(), c);
    }
    HttpResult token_request(const std::string& user) {
        return request(http::verb::post, "/oauth/token", "",
                       "grant_type=password&username=" + user + "&password=correct+horse+battery&client_id=" +
                           app.first + "&client_secret=" + app.second + "&scope=read+write",
                       "application/x-www-form-urlencoded");
    }

    ManualClock clock;
    TestNode node;
    std::pair<std::string, std::string> app;
};

TEST_F(RateLimits, TokenBucketCountsDownRefusesWith429AndResetsAfterTheWindow) {
    std::string alice = parse_document(token_request("alice").body)["access_token"].GetString();
    std::string bob = parse_document(token_request("bob").body)["access_token"].GetString();
    for (int i = 0; i < 5; ++i) {
        auto res = request(http::verb::get, "/api/v1/accounts/verify_credentials", alice);
        ASSERT_EQ(res.status, 200) << res.body;
        EXPECT_EQ(res.header("x-ratelimit-limit"), "5");
        EXPECT_EQ(res.header("x-ratelimit-remaining"), std::to_string(4 - i));
        // ISO 8601, as Mastodon sends it: 2026-11-26T02:35:00.000Z
        std::string reset = res.header("x-ratelimit-reset");
        ASSERT_EQ(reset.size(), 24u) << reset;
        EXPECT_EQ(reset[10], 'T');
        EXPECT_EQ(reset.back(), 'Z');
    }
    auto refused = request(http::verb::get, "/api/v1/accounts/verify_credentials", alice);
    EXPECT_EQ(refused.status, 429);
    EXPECT_STREQ(parse_document(refused.body)["error"].GetString(), "Too many requests");
    EXPECT_EQ(refused.header("x-ratelimit-remaining"), "0");
    int retry_after = std::stoi(refused.header("retry-after"));
    EXPECT_GE(retry_after, 1);
    EXPECT_LE(retry_after, 300);

    // Bob's token is counted apart.
    EXPECT_EQ(request(http::verb::get, "/api/v1/accounts/verify_credentials", bob).status, 200);

    clock.advance(std::chrono::seconds(retry_after));
    auto again = request(http::verb::get, "/api/v1/accounts/verify_credentials", alice);
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.header("x-ratelimit-remaining"), "4");
}

TEST_F(RateLimits, SignInIsLimitedPerAddressMoreStrictly) {
    for (int i = 0; i < 2; ++i) EXPECT_EQ(token_request("alice").status, 200);  // the fixture's app took none
    int failed = token_request("nobody").status;                                // a failed login counts too
    EXPECT_TRUE(failed >= 400 && failed < 500 && failed != 429) << failed;
    EXPECT_EQ(token_request("bob").status, 200);
    auto refused = token_request("alice");
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(refused.header("x-ratelimit-limit"), "4");
    EXPECT_FALSE(refused.header("retry-after").empty());
}

TEST_F(RateLimits, PagesOutsideTheApiCarryNoHeaders) {
    auto res = node.get("/.well-known/nodeinfo");
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.header("x-ratelimit-limit"), "");
    auto api = node.get("/api/v1/instance");
    EXPECT_EQ(api.header("x-ratelimit-limit"), "40");  // anonymous: the address bucket
}

}  // namespace
}  // namespace gesso::test
