// /api/v1/conversations over real HTTP: direct statuses grouped by thread, with participants, for the people
// in them only; the unread flag, marking read, and removing a conversation until a newer status arrives.
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
    EXPECT_TRUE(mine[1]["unread"].GetBool());  // bob answered after alice wrote

    EXPECT_EQ(ok(V::get, "/api/v1/conversations", bob_token).Size(), 1u);
    EXPECT_EQ(ok(V::get, "/api/v1/conversations", carol_token).Size(), 1u);
    auto page = call(V::get, "/api/v1/conversations?limit=1", alice_token);
    EXPECT_EQ(parse_document(page.body).Size(), 1u);
    EXPECT_NE(page.header("link").find("max_id=" + other), std::string::npos);
    EXPECT_EQ(ok(V::get, "/api/v1/conversations?max_id=" + other, alice_token).Size(), 1u);
    EXPECT_EQ(call(V::get, "/api/v1/conversations", "").status, 401);
    (void)carol;
}

TEST_F(Conversations, UnreadUntilReadAndAgainWhenSomeoneElseWrites) {
    std::string first = post_status(alice_token, R"({"status":"@bob psst","visibility":"direct"})");
    // Alice's own status does not make the conversation unread for her; it does for bob.
    EXPECT_FALSE(ok(V::get, "/api/v1/conversations", alice_token)[0]["unread"].GetBool());
    auto bobs = ok(V::get, "/api/v1/conversations", bob_token);
    ASSERT_EQ(bobs.Size(), 1u);
    EXPECT_TRUE(bobs[0]["unread"].GetBool());
    EXPECT_EQ(std::string(bobs[0]["id"].GetString()), first);

    auto read = ok(V::post, "/api/v1/conversations/" + first + "/read", bob_token);
    EXPECT_EQ(std::string(read["id"].GetString()), first);
    EXPECT_FALSE(read["unread"].GetBool());
    EXPECT_EQ(std::string(read["last_status"]["id"].GetString()), first);
    EXPECT_FALSE(ok(V::get, "/api/v1/conversations", bob_token)[0]["unread"].GetBool());
    // Reading is per reader: alice's state did not change.
    EXPECT_FALSE(ok(V::get, "/api/v1/conversations", alice_token)[0]["unread"].GetBool());

    std::string again = post_status(alice_token, R"({"status":"@bob still there?","visibility":"direct","in_reply_to_id":")" + first + "\"}");
    bobs = ok(V::get, "/api/v1/conversations", bob_token);
    ASSERT_EQ(bobs.Size(), 1u);
    EXPECT_TRUE(bobs[0]["unread"].GetBool());
    EXPECT_EQ(std::string(bobs[0]["last_status"]["id"].GetString()), again);

    // Bob answering makes it read for him and unread for alice.
    post_status(bob_token, R"({"status":"@alice yes","visibility":"direct","in_reply_to_id":")" + again + "\"}");
    EXPECT_FALSE(ok(V::get, "/api/v1/conversations", bob_token)[0]["unread"].GetBool());
    EXPECT_TRUE(ok(V::get, "/api/v1/conversations", alice_token)[0]["unread"].GetBool());
}

TEST_F(Conversations, RemovedConversationsStayAwayUntilANewerStatus) {
    std::string first = post_status(alice_token, R"({"status":"@bob psst","visibility":"direct"})");
    auto removed = call(V::delete_, "/api/v1/conversations/" + first, bob_token);
    EXPECT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(ok(V::get, "/api/v1/conversations", bob_token).Size(), 0u);
    EXPECT_EQ(ok(V::get, "/api/v1/conversations", alice_token).Size(), 1u);  // only bob's list changed
    EXPECT_EQ(call(V::delete_, "/api/v1/conversations/" + first, bob_token).status, 404);
    EXPECT_EQ(call(V::post, "/api/v1/conversations/" + first + "/read", bob_token).status, 404);

    std::string newer = post_status(alice_token, R"({"status":"@bob hello again","visibility":"direct","in_reply_to_id":")" + first + "\"}");
    auto back = ok(V::get, "/api/v1/conversations", bob_token);
    ASSERT_EQ(back.Size(), 1u);
    EXPECT_EQ(std::string(back[0]["last_status"]["id"].GetString()), newer);
    EXPECT_TRUE(back[0]["unread"].GetBool());
}

TEST_F(Conversations, OthersConversationsAndBadIdsAreNotFoundAndScopesAreEnforced) {
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    std::string first = post_status(alice_token, R"({"status":"@bob psst","visibility":"direct"})");
    EXPECT_EQ(call(V::post, "/api/v1/conversations/" + first + "/read", carol_token).status, 404);
    EXPECT_EQ(call(V::delete_, "/api/v1/conversations/" + first, carol_token).status, 404);
    EXPECT_EQ(call(V::post, "/api/v1/conversations/not-an-id/read", bob_token).status, 404);
    std::string read_only = login("bob", "read");
    EXPECT_EQ(call(V::post, "/api/v1/conversations/" + first + "/read", read_only).status, 403);
    EXPECT_EQ(call(V::post, "/api/v1/conversations/" + first + "/read", "").status, 401);
    (void)carol;
}

}  // namespace
}  // namespace gesso::test
