// Status pages take their authors' Account entities from memory once rendered (web/mastodon/account_cache.hpp):
// the entity must be the one GET /api/v1/accounts/:id renders, and a change to the account, its profile fields or
// its counts must show on the very next page (any committed write drops every entry).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "client_api_fixture.hpp"
#include "web/mastodon/account_cache.hpp"

namespace gesso::test {
namespace {

using AccountCacheApi = ClientApi;

std::string to_json(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

TEST_F(AccountCacheApi, StatusPagesShowTheAccountAsRenderedAloneAndEveryChangeAtOnce) {
    follow(bob.id, alice.id);
    post_status(alice_token, R"({"status":"first"})");
    // A target given (the same page asked differently) is not in the page cache (web/mastodon/page_cache.hpp),
    // so the page is rendered again, with the accounts from the account cache.
    auto home = [&](const std::string& target = "/api/v1/timelines/home") {
        auto res = call(http::verb::get, target, bob_token);
        EXPECT_EQ(res.status, 200) << res.body;
        return res.body;
    };
    // The author of the newest status on bob's home, as JSON text.
    auto author = [](const std::string& body) {
        auto page = parse_document(body);
        EXPECT_TRUE(page.IsArray() && page.Size() > 0) << body;
        return to_json(page[0]["account"]);
    };
    auto alone = [&] {
        return to_json(ok(http::verb::get, "/api/v1/accounts/" + std::to_string(alice.id), bob_token));
    };

    std::string first = home();
    std::string again = home("/api/v1/timelines/home?limit=20");  // alice's entity now comes from the cache
    EXPECT_EQ(again, first);
    EXPECT_GE(web::mastodon::cached_account_count(), 1u);
    EXPECT_EQ(author(again), alone());
    EXPECT_EQ(parse_document(author(again))["statuses_count"].GetInt(), 1);
    EXPECT_EQ(parse_document(author(again))["followers_count"].GetInt(), 1);

    // The display name and a profile field (update_credentials writes both).
    auto updated = call(http::verb::patch, "/api/v1/accounts/update_credentials", alice_token,
                        "display_name=Alice+Ink&fields_attributes[0][name]=Shop&fields_attributes[0][value]=prints",
                        "application/x-www-form-urlencoded");
    ASSERT_EQ(updated.status, 200) << updated.body;
    auto renamed = parse_document(author(home()));
    EXPECT_STREQ(renamed["display_name"].GetString(), "Alice Ink");
    ASSERT_EQ(renamed["fields"].Size(), 1u);
    EXPECT_STREQ(renamed["fields"][0]["name"].GetString(), "Shop");
    EXPECT_EQ(author(home()), alone());

    // Counts: a new follower, a new status.
    core::Account carol = node.create_account("carol");
    follow(carol.id, alice.id);
    EXPECT_EQ(parse_document(author(home()))["followers_count"].GetInt(), 2);
    post_status(alice_token, R"({"status":"second"})");
    std::string after = home();
    EXPECT_EQ(parse_document(author(after))["statuses_count"].GetInt(), 2);
    EXPECT_EQ(author(after), alone());
    // A single status renders its author the same way.
    auto page = parse_document(after);
    std::string id = page[0]["id"].GetString();
    EXPECT_EQ(to_json(ok(http::verb::get, "/api/v1/statuses/" + id, bob_token)["account"]), alone());
}

// Boosts show two authors (the booster's and the boosted one's); both come from the page's cache after the first
// page, and the page stays byte for byte the same.
TEST_F(AccountCacheApi, BoostsAndRemoteAuthorsRenderTheSameFromTheCache) {
    follow(bob.id, alice.id);
    core::Account painter = remote_account("painter", "remote.test");
    std::string remote = remote_post(painter, "<p>a remote painting</p>");
    ASSERT_EQ(call(http::verb::post, "/api/v1/statuses/" + remote + "/reblog", alice_token).status, 200);
    auto first = call(http::verb::get, "/api/v1/timelines/home", bob_token);
    ASSERT_EQ(first.status, 200) << first.body;
    // Another target for the same page: rendered again (not the page cache), with both accounts from the cache.
    auto again = call(http::verb::get, "/api/v1/timelines/home?limit=20", bob_token);
    EXPECT_EQ(again.body, first.body);
    auto page = parse_document(again.body);
    ASSERT_GT(page.Size(), 0u);
    ASSERT_TRUE(page[0]["reblog"].IsObject()) << again.body;
    EXPECT_STREQ(page[0]["account"]["username"].GetString(), "alice");
    EXPECT_STREQ(page[0]["reblog"]["account"]["acct"].GetString(), "painter@remote.test");
    EXPECT_EQ(to_json(page[0]["reblog"]["account"]),
              to_json(ok(http::verb::get, "/api/v1/accounts/" + std::to_string(painter.id), bob_token)));
}

}  // namespace
}  // namespace gesso::test
