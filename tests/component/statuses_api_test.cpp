// The Mastodon statuses and home-timeline API over real HTTP: posting (JSON and form, replies, polls,
// visibility), reading with visibility rules, context, favourites and boosts, deleting, and paging.
#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using StatusesApi = ClientApi;

TEST_F(StatusesApi, PostingReturnsTheStatusWithMentionsTagsAndAccount) {
    auto res = call(http::verb::post, "/api/v1/statuses", alice_token,
                    R"({"status":"Hello @bob, new #Painting","spoiler_text":"wip","visibility":"unlisted","language":"en"})");
    ASSERT_EQ(res.status, 200) << res.body;
    auto s = parse_document(res.body);
    EXPECT_STREQ(s["visibility"].GetString(), "unlisted");
    EXPECT_STREQ(s["spoiler_text"].GetString(), "wip");
    EXPECT_TRUE(s["sensitive"].GetBool());
    EXPECT_STREQ(s["language"].GetString(), "en");
    EXPECT_STREQ(s["account"]["username"].GetString(), "alice");
    ASSERT_EQ(s["mentions"].Size(), 1u);
    EXPECT_STREQ(s["mentions"][0]["acct"].GetString(), "bob");
    ASSERT_EQ(s["tags"].Size(), 1u);
    EXPECT_STREQ(s["tags"][0]["name"].GetString(), "painting");
    EXPECT_NE(std::string(s["content"].GetString()).find("class=\"u-url mention\""), std::string::npos);
    EXPECT_FALSE(s["favourited"].GetBool());
    EXPECT_TRUE(s["reblog"].IsNull());
}

TEST_F(StatusesApi, FormPostsWithPollsAndBadDraftsAreRefusedWithJsonErrors) {
    auto res = call(http::verb::post, "/api/v1/statuses", alice_token,
                    "status=Which%3F&poll[options][]=ink&poll[options][]=oil&poll[expires_in]=3600&poll[multiple]=True",
                    "application/x-www-form-urlencoded");
    ASSERT_EQ(res.status, 200) << res.body;
    auto s = parse_document(res.body);
    ASSERT_TRUE(s["poll"].IsObject());
    EXPECT_TRUE(s["poll"]["multiple"].GetBool());
    EXPECT_EQ(s["poll"]["options"].Size(), 2u);
    EXPECT_FALSE(s["poll"]["voted"].GetBool());

    auto blank = call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":""})");
    EXPECT_EQ(blank.status, 422);
    EXPECT_TRUE(parse_document(blank.body)["error"].IsString());
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"x","visibility":"secret"})").status, 422);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"x","in_reply_to_id":"999"})").status, 404);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", "", R"({"status":"x"})").status, 401);
}

TEST_F(StatusesApi, PrivatePostsAreVisibleOnlyToFollowersAndMentionedAccounts) {
    std::string followers_only = post_status(alice_token, R"({"status":"for followers","visibility":"private"})");
    std::string direct = post_status(alice_token, R"({"status":"hi @bob","visibility":"direct"})");
    std::string public_id = post_status(alice_token, R"({"status":"for all"})");
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + public_id, "").status, 200);
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + followers_only, "").status, 404);
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + followers_only, bob_token).status, 404);
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + direct, bob_token).status, 200);
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + direct, "").status, 404);
    follow(bob.id, alice.id);
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + followers_only, bob_token).status, 200);
    // Nobody else can favourite what they cannot see, nor delete another's post.
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses/" + followers_only + "/favourite", carol_token).status, 404);
    EXPECT_EQ(call(http::verb::delete_, "/api/v1/statuses/" + public_id, bob_token).status, 404);
}

// Descendants come a level of the thread at a time: the replies to the status (oldest first), then the replies
// to each of those in that order, and so on; a followers-only reply shows only to those who may see it.
TEST_F(StatusesApi, ContextDescendantsLevelByLevel) {
    auto reply = [&](const std::string& token, const std::string& to, const std::string& visibility = "public") {
        return post_status(token, R"({"status":"r","visibility":")" + visibility + R"(","in_reply_to_id":")" + to + "\"}");
    };
    std::string root = post_status(alice_token, R"({"status":"root"})");
    std::string r1 = reply(bob_token, root), r2 = reply(alice_token, root);
    std::string r2a = reply(bob_token, r2), r1a = reply(alice_token, r1), r1b = reply(bob_token, r1);
    std::string r1a1 = reply(bob_token, r1a), hidden = reply(bob_token, r2a, "private");
    auto descendants = [&](const std::string& token) {
        auto ctx = parse_document(call(http::verb::get, "/api/v1/statuses/" + root + "/context", token).body);
        return ids_of(ctx["descendants"]);
    };
    EXPECT_EQ(descendants(""), (std::vector<std::string>{r1, r2, r1a, r1b, r2a, r1a1}));
    EXPECT_EQ(descendants(bob_token), (std::vector<std::string>{r1, r2, r1a, r1b, r2a, r1a1, hidden}))
        << "bob sees his own followers-only reply";
    ASSERT_EQ(call(http::verb::delete_, "/api/v1/statuses/" + r1a, alice_token).status, 200);
    EXPECT_EQ(descendants(""), (std::vector<std::string>{r1, r2, r1b, r2a})) << "a deleted reply takes its replies out";
}

TEST_F(StatusesApi, ContextFavouritesBoostsAndDelete) {
    std::string root = post_status(alice_token, R"({"status":"root"})");
    std::string reply = post_status(bob_token, R"({"status":"reply","in_reply_to_id":")" + root + "\"}");
    std::string deeper = post_status(alice_token, R"({"status":"deeper","in_reply_to_id":")" + reply + "\"}");
    auto ctx = parse_document(call(http::verb::get, "/api/v1/statuses/" + reply + "/context", "").body);
    ASSERT_EQ(ctx["ancestors"].Size(), 1u);
    EXPECT_EQ(std::string(ctx["ancestors"][0]["id"].GetString()), root);
    ASSERT_EQ(ctx["descendants"].Size(), 1u);
    EXPECT_EQ(std::string(ctx["descendants"][0]["id"].GetString()), deeper);

    auto fav = parse_document(call(http::verb::post, "/api/v1/statuses/" + root + "/favourite", bob_token).body);
    EXPECT_TRUE(fav["favourited"].GetBool());
    EXPECT_EQ(fav["favourites_count"].GetInt(), 1);
    auto boost = parse_document(call(http::verb::post, "/api/v1/statuses/" + root + "/reblog", bob_token).body);
    ASSERT_TRUE(boost["reblog"].IsObject()) << "a reblog answers the boost wrapping the original";
    EXPECT_EQ(std::string(boost["reblog"]["id"].GetString()), root);
    EXPECT_TRUE(boost["reblog"]["reblogged"].GetBool());
    EXPECT_EQ(boost["reblog"]["reblogs_count"].GetInt(), 1);
    auto unfav = parse_document(call(http::verb::post, "/api/v1/statuses/" + root + "/unfavourite", bob_token).body);
    EXPECT_FALSE(unfav["favourited"].GetBool());
    EXPECT_EQ(unfav["replies_count"].GetInt(), 1);

    auto deleted = call(http::verb::delete_, "/api/v1/statuses/" + deeper, alice_token);
    EXPECT_EQ(deleted.status, 200);
    EXPECT_EQ(call(http::verb::get, "/api/v1/statuses/" + deeper, alice_token).status, 404);
}

TEST_F(StatusesApi, HomeTimelinePagesWithLinkHeaders) {
    follow(bob.id, alice.id);
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(post_status(alice_token, R"({"status":"post )" + std::to_string(i) + "\"}"));
    auto first = call(http::verb::get, "/api/v1/timelines/home?limit=2", bob_token);
    ASSERT_EQ(first.status, 200);
    auto page = parse_document(first.body);
    ASSERT_EQ(page.Size(), 2u);
    EXPECT_EQ(std::string(page[0]["id"].GetString()), ids[4]);
    EXPECT_EQ(std::string(page[1]["id"].GetString()), ids[3]);
    std::string link = first.header("link");
    EXPECT_NE(link.find("max_id=" + ids[3] + ">; rel=\"next\""), std::string::npos) << link;
    auto next = parse_document(call(http::verb::get, "/api/v1/timelines/home?limit=2&max_id=" + ids[3], bob_token).body);
    ASSERT_EQ(next.Size(), 2u);
    EXPECT_EQ(std::string(next[0]["id"].GetString()), ids[2]);
    auto newer = parse_document(call(http::verb::get, "/api/v1/timelines/home?limit=2&min_id=" + ids[1], bob_token).body);
    ASSERT_EQ(newer.Size(), 2u);
    EXPECT_EQ(std::string(newer[0]["id"].GetString()), ids[3]);  // the two just above min_id, newest first
    EXPECT_EQ(std::string(newer[1]["id"].GetString()), ids[2]);
    auto since = parse_document(call(http::verb::get, "/api/v1/timelines/home?since_id=" + ids[3], bob_token).body);
    ASSERT_EQ(since.Size(), 1u);
    auto empty = call(http::verb::get, "/api/v1/timelines/home?max_id=" + ids[0], bob_token);
    EXPECT_EQ(parse_document(empty.body).Size(), 0u);
    EXPECT_EQ(empty.header("link"), "");
    EXPECT_EQ(call(http::verb::get, "/api/v1/timelines/home", "").status, 401);
}

TEST_F(StatusesApi, NotificationsListFilterDismissAndClear) {
    std::string post = post_status(alice_token, R"({"status":"my painting"})");
    std::string mention = post_status(bob_token, R"({"status":"@alice lovely"})");
    call(http::verb::post, "/api/v1/statuses/" + post + "/favourite", bob_token);
    auto listed = call(http::verb::get, "/api/v1/notifications", alice_token);
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto all = parse_document(listed.body);
    ASSERT_TRUE(all.IsArray()) << listed.body;
    ASSERT_EQ(all.Size(), 2u);
    EXPECT_STREQ(all[0]["type"].GetString(), "favourite");
    EXPECT_STREQ(all[0]["account"]["username"].GetString(), "bob");
    EXPECT_EQ(std::string(all[0]["status"]["id"].GetString()), post);
    EXPECT_STREQ(all[1]["type"].GetString(), "mention");
    EXPECT_EQ(std::string(all[1]["status"]["id"].GetString()), mention);

    auto mentions = parse_document(call(http::verb::get, "/api/v1/notifications?types[]=mention", alice_token).body);
    ASSERT_TRUE(mentions.IsArray());  // unescaped brackets, as clients send them
    ASSERT_EQ(mentions.Size(), 1u);
    EXPECT_STREQ(mentions[0]["type"].GetString(), "mention");
    auto others = parse_document(call(http::verb::get, "/api/v1/notifications?exclude_types%5B%5D=mention", alice_token).body);
    ASSERT_TRUE(others.IsArray());
    ASSERT_EQ(others.Size(), 1u);
    EXPECT_STREQ(others[0]["type"].GetString(), "favourite");

    std::string fav_id = all[0]["id"].GetString();
    EXPECT_EQ(call(http::verb::get, "/api/v1/notifications/" + fav_id, alice_token).status, 200);
    EXPECT_EQ(call(http::verb::get, "/api/v1/notifications/" + fav_id, bob_token).status, 404);  // not bob's
    EXPECT_EQ(call(http::verb::post, "/api/v1/notifications/" + fav_id + "/dismiss", alice_token).status, 200);
    EXPECT_EQ(call(http::verb::get, "/api/v1/notifications/" + fav_id, alice_token).status, 404);
    EXPECT_EQ(call(http::verb::post, "/api/v1/notifications/clear", alice_token).status, 200);
    EXPECT_EQ(parse_document(call(http::verb::get, "/api/v1/notifications", alice_token).body).Size(), 0u);
    EXPECT_EQ(call(http::verb::get, "/api/v1/notifications", "").status, 401);
}

}  // namespace
}  // namespace gesso::test
