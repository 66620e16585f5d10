// /api/v1/conversations over real HTTP: direct statuses grouped by thread, with participants, for the people
// in them only.
#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using Conversations = ClientApi;
using V = http::verb;

TEST_F(Conversations, DirectThreadsAreGroupedWithTheirLatestStatus) {
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    std::string first = post_status(alice_token, R"({"status":"@bob psst","visibility":"direct"})");
    std::string answer = post_status(bob_token, R"({"status":"@alice yes?","visibility":"direct","in_reply_to_id":")" + first + "\"}");
    std::string other = post_status(carol_token, R"({"status":"@alice hello","visibility":"direct"})");
    post_status(alice_token, R"({"status":"public, not a conversation"})");

    auto mine = ok(V::get, "/api/v1/conversations", alice_token);
    ASSERT_EQ(mine.Size(), 2u);
    EXPECT_EQ(std::string(mine[0]["last_status"]["id"].GetString()), other);
    ASSERT_EQ(mine[0]["accounts"].Size(), 1u);
    EXPECT_STREQ(mine[0]["accounts"][0]["username"].GetString(), "carol");
    EXPECT_EQ(std::string(mine[1]["id"].GetString()), first);  // the thread, by its first post
    EXPECT_EQ(std::string(mine[1]["last_status"]["id"].GetString()), answer);
    EXPECT_STREQ(mine[1]["accounts"][0]["username"].GetString(), "bob");
    EXPECT_FALSE(mine[1]["unread"].GetBool());

    EXPECT_EQ(ok(V::get, "/api/v1/conversations", bob_token).Size(), 1u);
    EXPECT_EQ(ok(V::get, "/api/v1/conversations", carol_token).Size(), 1u);
    auto page = call(V::get, "/api/v1/conversations?limit=1", alice_token);
    EXPECT_EQ(parse_document(page.body).Size(), 1u);
    EXPECT_NE(page.header("link").find("max_id=" + other), std::string::npos);
    EXPECT_EQ(ok(V::get, "/api/v1/conversations?max_id=" + other, alice_token).Size(), 1u);
    EXPECT_EQ(call(V::get, "/api/v1/conversations", "").status, 401);
    (void)carol;
}

}  // namespace
}  // namespace gesso::test
