// Hashtags over real HTTP: GET /api/v1/tags/:name with a 7-day history counted from public statuses (days
// moved with a ManualClock), following and unfollowing, GET /api/v1/followed_tags with paging, followed tags
// bringing public statuses into the home timeline, and the same entity in search.
#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class Tags : public ClockedClientApi<Tags> {
protected:
    static std::int64_t number(const rapidjson::Value& v) { return std::stoll(v.GetString()); }
    bool in_home(const std::string& token, const std::string& id) {
        auto home = ok(V::get, "/api/v1/timelines/home", token);
        for (const auto& s : home.GetArray()) {
            if (id == s["id"].GetString()) return true;
        }
        return false;
    }
};

TEST_F(Tags, HistoryCountsPublicUsesAndAuthorsPerDayTodayFirst) {
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    post_status(alice_token, R"({"status":"old #Ink"})");
    post_status(bob_token, R"({"status":"old #ink too"})");
    post_status(bob_token, R"({"status":"and again #INK"})");
    clock().advance(std::chrono::hours(24));
    post_status(carol_token, R"({"status":"new #ink"})");
    post_status(carol_token, R"({"status":"hidden #ink","visibility":"private"})");  // not public: not counted
    post_status(carol_token, R"({"status":"elsewhere #oil"})");

    auto tag = ok(V::get, "/api/v1/tags/Ink", alice_token);
    EXPECT_STREQ(tag["name"].GetString(), "ink");
    EXPECT_EQ(std::string(tag["url"].GetString()), "http://" + node.domain() + "/tags/ink");
    EXPECT_FALSE(tag["following"].GetBool());
    const auto& history = tag["history"];
    ASSERT_EQ(history.Size(), 7u);
    // Today first, a day apart, today containing the clock's now.
    std::int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(clock().now().time_since_epoch()).count();
    std::int64_t today = number(history[0]["day"]);
    EXPECT_LE(today, now_s);
    EXPECT_GT(today + 86400, now_s);
    for (rapidjson::SizeType i = 1; i < history.Size(); ++i) EXPECT_EQ(number(history[i]["day"]), today - 86400 * i);
    EXPECT_EQ(number(history[0]["uses"]), 1);
    EXPECT_EQ(number(history[0]["accounts"]), 1);
    EXPECT_EQ(number(history[1]["uses"]), 3);
    EXPECT_EQ(number(history[1]["accounts"]), 2);
    for (rapidjson::SizeType i = 2; i < history.Size(); ++i) EXPECT_EQ(number(history[i]["uses"]), 0);

    // Never used: a tag all the same, with an empty week; anonymous callers get no `following`.
    auto unused = ok(V::get, "/api/v1/tags/watercolour", "");
    EXPECT_STREQ(unused["name"].GetString(), "watercolour");
    EXPECT_EQ(unused["history"].Size(), 7u);
    EXPECT_EQ(number(unused["history"][0]["uses"]), 0);
    EXPECT_FALSE(unused.HasMember("following"));
    EXPECT_EQ(call(V::get, "/api/v1/tags/not%20a%20tag", alice_token).status, 404);
    EXPECT_EQ(call(V::get, "/api/v1/tags/" + std::string(101, 'a'), alice_token).status, 404);

    // Search shows the same entity.
    auto found = ok(V::get, "/api/v2/search?q=%23ink&type=hashtags", alice_token);
    ASSERT_GE(found["hashtags"].Size(), 1u);
    EXPECT_STREQ(found["hashtags"][0]["name"].GetString(), "ink");
    EXPECT_EQ(number(found["hashtags"][0]["history"][1]["uses"]), 3);
    (void)carol;
}

// The daily counters follow what happens to the statuses: an edit that drops the tag, a delete, a boost (not
// counted), a remote status from another author.
TEST_F(Tags, HistoryFollowsEditsDeletesAndBoosts) {
    auto today = [&](const char* field) { return number(ok(V::get, "/api/v1/tags/ink", alice_token)["history"][0][field]); };
    std::string first = post_status(alice_token, R"({"status":"#ink one"})");
    std::string second = post_status(alice_token, R"({"status":"#ink two"})");
    std::string bobs = post_status(bob_token, R"({"status":"#ink three"})");
    remote_post(remote_account("zed", "far.example"), "<p>#ink far</p>", {"ink"});
    EXPECT_EQ(today("uses"), 4);
    EXPECT_EQ(today("accounts"), 3);
    ok(V::post, "/api/v1/statuses/" + bobs + "/reblog", alice_token);  // a boost is no use of the tag
    EXPECT_EQ(today("uses"), 4);

    ok(V::put, "/api/v1/statuses/" + first, alice_token, R"({"status":"one, untagged now"})");
    EXPECT_EQ(today("uses"), 3);
    EXPECT_EQ(today("accounts"), 3);
    ok(V::put, "/api/v1/statuses/" + second, alice_token, R"({"status":"#ink two, edited"})");  // still tagged
    EXPECT_EQ(today("uses"), 3);
    ASSERT_EQ(call(V::delete_, "/api/v1/statuses/" + bobs, bob_token).status, 200);
    EXPECT_EQ(today("uses"), 2);
    EXPECT_EQ(today("accounts"), 2);
    ASSERT_EQ(call(V::delete_, "/api/v1/statuses/" + second, alice_token).status, 200);
    EXPECT_EQ(today("uses"), 1);
    EXPECT_EQ(today("accounts"), 1);  // zed's
}

TEST_F(Tags, FollowedTagsFeedTheHomeTimelineUntilUnfollowed) {
    std::string before = post_status(alice_token, R"({"status":"before #Sketch"})");
    auto followed = ok(V::post, "/api/v1/tags/Sketch/follow", bob_token);
    EXPECT_STREQ(followed["name"].GetString(), "sketch");
    EXPECT_TRUE(followed["following"].GetBool());
    EXPECT_TRUE(ok(V::post, "/api/v1/tags/sketch/follow", bob_token)["following"].GetBool());  // again: no change
    EXPECT_TRUE(ok(V::get, "/api/v1/tags/sketch", bob_token)["following"].GetBool());
    EXPECT_FALSE(ok(V::get, "/api/v1/tags/sketch", alice_token)["following"].GetBool());

    // Bob does not follow alice: her public #sketch statuses reach his home from now on, others do not.
    std::string tagged = post_status(alice_token, R"({"status":"a #sketch of a cat"})");
    std::string untagged = post_status(alice_token, R"({"status":"a cat, no tag"})");
    std::string unlisted = post_status(alice_token, R"({"status":"quiet #sketch","visibility":"unlisted"})");
    EXPECT_TRUE(in_home(bob_token, tagged));
    EXPECT_FALSE(in_home(bob_token, before));
    EXPECT_FALSE(in_home(bob_token, untagged));
    EXPECT_FALSE(in_home(bob_token, unlisted));

    // Blocked authors stay out.
    ok(V::post, "/api/v1/accounts/" + std::to_string(alice.id) + "/block", bob_token);
    std::string blocked = post_status(alice_token, R"({"status":"blocked #sketch"})");
    EXPECT_FALSE(in_home(bob_token, blocked));
    ok(V::post, "/api/v1/accounts/" + std::to_string(alice.id) + "/unblock", bob_token);

    auto unfollowed = ok(V::post, "/api/v1/tags/sketch/unfollow", bob_token);
    EXPECT_FALSE(unfollowed["following"].GetBool());
    std::string after = post_status(alice_token, R"({"status":"after #sketch"})");
    EXPECT_FALSE(in_home(bob_token, after));

    EXPECT_EQ(call(V::post, "/api/v1/tags/sketch/follow", "").status, 401);
    EXPECT_EQ(call(V::post, "/api/v1/tags/bad%20name/follow", bob_token).status, 404);
    std::string read_only = login("bob", "read");
    EXPECT_EQ(call(V::post, "/api/v1/tags/sketch/follow", read_only).status, 403);
}

TEST_F(Tags, FollowedTagsArePagedNewestFirst) {
    for (const char* name : {"ink", "oil", "clay"}) ok(V::post, std::string("/api/v1/tags/") + name + "/follow", bob_token);
    auto all = ok(V::get, "/api/v1/followed_tags", bob_token);
    ASSERT_EQ(all.Size(), 3u);
    EXPECT_STREQ(all[0]["name"].GetString(), "clay");
    EXPECT_STREQ(all[2]["name"].GetString(), "ink");
    for (const auto& t : all.GetArray()) EXPECT_TRUE(t["following"].GetBool());

    auto page = call(V::get, "/api/v1/followed_tags?limit=2", bob_token);
    ASSERT_EQ(page.status, 200);
    auto first = parse_document(page.body);
    ASSERT_EQ(first.Size(), 2u);
    std::string link = page.header("link");
    auto at = link.find("max_id=");
    ASSERT_NE(at, std::string::npos) << link;
    std::string next = link.substr(at, link.find_first_of(">&", at) - at);
    auto rest = ok(V::get, "/api/v1/followed_tags?" + next, bob_token);
    ASSERT_EQ(rest.Size(), 1u);
    EXPECT_STREQ(rest[0]["name"].GetString(), "ink");
    EXPECT_TRUE(ok(V::get, "/api/v1/followed_tags", alice_token).Empty());
    EXPECT_EQ(call(V::get, "/api/v1/followed_tags", "").status, 401);
}

}  // namespace
}  // namespace gesso::test
