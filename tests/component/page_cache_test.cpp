// Timeline pages are answered again from memory (web/mastodon/page_cache.hpp) only while nothing was written and
// the node's clock has not moved past the TTL; never to another viewer or for another request target.
#include "client_api_fixture.hpp"
#include "core/limits.hpp"
#include "web/mastodon/page_cache.hpp"

namespace gesso::test {
namespace {

using web::mastodon::page_cache_stats;

class PageCache : public ClockedClientApi<PageCache> {
protected:
    HttpResult get(const std::string& target, const std::string& token) {
        auto res = call(http::verb::get, target, token);
        EXPECT_EQ(res.status, 200) << target << ": " << res.body;
        return res;
    }
    std::vector<std::string> contents(const std::string& body) {
        std::vector<std::string> out;
        auto page = parse_document(body);
        for (const auto& s : page.GetArray()) out.emplace_back(s["content"].GetString());
        return out;
    }
};

TEST_F(PageCache, AnswersTheSamePageUntilAnyWrite) {
    follow(bob.id, alice.id);
    std::string first = post_status(alice_token, R"({"status":"first"})");
    auto before = page_cache_stats();
    auto rendered = get("/api/v1/timelines/home", bob_token);
    auto again = get("/api/v1/timelines/home", bob_token);
    EXPECT_EQ(page_cache_stats().hits, before.hits + 1);
    EXPECT_EQ(again.body, rendered.body);
    EXPECT_EQ(again.header("link"), rendered.header("link"));
    EXPECT_FALSE(again.header("link").empty());
    EXPECT_EQ(again.header("content-type"), rendered.header("content-type"));
    // Answered on the I/O thread, before the workers: the token cache holds bob's token for 1 s of real time, so
    // a slow machine may need another read (the one on the workers reads the token again).
    bool from_memory = false;
    for (int i = 0; i < 3 && !from_memory; ++i) {
        auto was = page_cache_stats().memory_hits;
        EXPECT_EQ(get("/api/v1/timelines/home", bob_token).body, rendered.body);
        from_memory = page_cache_stats().memory_hits > was;
    }
    EXPECT_TRUE(from_memory);
    // HEAD: the same headers, no body.
    auto head = call(http::verb::head, "/api/v1/timelines/home", bob_token);
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("content-length"), std::to_string(rendered.body.size()));
    // A token of bob's without read:statuses is refused, whatever is in memory.
    std::string write_only = login("bob", "write");
    EXPECT_EQ(call(http::verb::get, "/api/v1/timelines/home", write_only).status, 403);
    EXPECT_EQ(call(http::verb::get, "/api/v1/timelines/home", write_only).status, 403);

    // A new status from someone bob follows shows on the very next read.
    post_status(alice_token, R"({"status":"second"})");
    EXPECT_EQ(contents(get("/api/v1/timelines/home", bob_token).body),
              (std::vector<std::string>{"<p>second</p>", "<p>first</p>"}));
    // So does bob's own favourite, and a favourite by someone else (counts).
    ASSERT_EQ(call(http::verb::post, "/api/v1/statuses/" + first + "/favourite", bob_token).status, 200);
    auto page = parse_document(get("/api/v1/timelines/home", bob_token).body);
    EXPECT_TRUE(page[1]["favourited"].GetBool());
    EXPECT_EQ(page[1]["favourites_count"].GetInt(), 1);
    ASSERT_EQ(call(http::verb::post, "/api/v1/statuses/" + first + "/favourite", alice_token).status, 200);
    page = parse_document(get("/api/v1/timelines/home", bob_token).body);
    EXPECT_EQ(page[1]["favourites_count"].GetInt(), 2);
    // A deleted status is gone at once.
    ASSERT_EQ(call(http::verb::delete_, "/api/v1/statuses/" + first, alice_token).status, 200);
    EXPECT_EQ(contents(get("/api/v1/timelines/home", bob_token).body), (std::vector<std::string>{"<p>second</p>"}));
}

TEST_F(PageCache, NeverAnswersAnotherViewerOrAnotherTarget) {
    follow(bob.id, alice.id);
    post_status(alice_token, R"({"status":"one"})");
    post_status(alice_token, R"({"status":"two"})");
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    auto before = page_cache_stats();
    for (int round = 0; round < 2; ++round) {  // the second round reads what the first stored
        EXPECT_EQ(contents(get("/api/v1/timelines/home", bob_token).body).size(), 2u);
        EXPECT_EQ(get("/api/v1/timelines/home", carol_token).body, "[]");  // carol follows nobody
        EXPECT_EQ(contents(get("/api/v1/timelines/home?limit=1", bob_token).body),
                  (std::vector<std::string>{"<p>two</p>"}));
    }
    EXPECT_EQ(page_cache_stats().hits, before.hits + 3);
    EXPECT_GT(page_cache_stats().memory_hits, before.memory_hits);
    // Public: bob blocks alice; anonymous readers and carol still see her statuses, bob does not.
    ASSERT_EQ(call(http::verb::post, "/api/v1/accounts/" + std::to_string(alice.id) + "/block", bob_token).status, 200);
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(contents(get("/api/v1/timelines/public", "").body).size(), 2u);
        EXPECT_EQ(contents(get("/api/v1/timelines/public", carol_token).body).size(), 2u);
        EXPECT_EQ(get("/api/v1/timelines/public", bob_token).body, "[]");
    }
    // A missing token is still refused after someone's home was stored.
    EXPECT_EQ(call(http::verb::get, "/api/v1/timelines/home", "").status, 401);
}

TEST_F(PageCache, PagesAgeOutByTheNodeClock) {
    follow(bob.id, alice.id);
    post_status(alice_token, R"({"status":"muted for a minute"})");
    auto muted = call(http::verb::post, "/api/v1/accounts/" + std::to_string(alice.id) + "/mute", bob_token,
                      R"({"duration":60})");
    ASSERT_EQ(muted.status, 200) << muted.body;
    EXPECT_EQ(get("/api/v1/timelines/home", bob_token).body, "[]");
    EXPECT_EQ(get("/api/v1/timelines/home", bob_token).body, "[]");  // stored
    // The mute ends with time alone (nothing is written): the stored page must not outlive it.
    clock().advance(std::chrono::minutes(2));
    EXPECT_EQ(contents(get("/api/v1/timelines/home", bob_token).body),
              (std::vector<std::string>{"<p>muted for a minute</p>"}));
}

TEST_F(PageCache, HoldsAtMostItsLimit) {
    post_status(alice_token, R"({"status":"public"})");
    const std::size_t n = core::limits::kPageCacheEntries + 8;
    for (std::size_t i = 0; i < n; ++i) {
        // Unknown parameters are ignored by the route but make distinct targets.
        get("/api/v1/timelines/public?n=" + std::to_string(i), "");
        ASSERT_LE(page_cache_stats().pages, core::limits::kPageCacheEntries);
    }
    EXPECT_LE(page_cache_stats().bytes, core::limits::kPageCacheBytes);
    EXPECT_GT(page_cache_stats().pages, 0u);
}

// Pages answered from memory count against the rate limits like any other request and carry their headers.
class RateLimitedPageCache : public ClientApi {
protected:
    RateLimitedPageCache() : ClientApi(options()) {}
    static TestNodeOptions options() {
        static ManualClock clock;  // pages and the rate-limit window do not age during the test
        TestNodeOptions o;
        o.clock = &clock;
        o.rate_limits.enabled = true;
        o.rate_limits.per_token = 3;
        return o;
    }
};

TEST_F(RateLimitedPageCache, CachedPagesAreCountedAndLimited) {
    auto before = page_cache_stats();
    std::vector<int> remaining;
    for (int i = 0; i < 3; ++i) {
        auto res = call(http::verb::get, "/api/v1/timelines/home", bob_token);
        ASSERT_EQ(res.status, 200) << res.body;
        remaining.push_back(std::stoi(res.header("x-ratelimit-remaining")));
    }
    EXPECT_EQ(page_cache_stats().hits, before.hits + 2);
    EXPECT_EQ(remaining, (std::vector<int>{2, 1, 0}));
    auto refused = call(http::verb::get, "/api/v1/timelines/home", bob_token);
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_NE(refused.body.find("\"error\""), std::string::npos);
}

}  // namespace
}  // namespace gesso::test
