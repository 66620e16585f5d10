// /api/v1/conversations over real HTTP: direct statuses grouped by thread, with participants, for the people
// in them only; the unread flag, marking read, and removing a conversation until a newer status arrives.
#include <set>

#include "activitypub/posting.hpp"
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

// Conversations are an index range over the reader's memberships: an old thread stays listed (and can be marked
// read) however many newer direct threads there are, paging with max_id, since_id and min_id, and a thread whose
// newest status is deleted falls back to its previous one.
TEST_F(Conversations, OldThreadsStayListedAndPagingWorksBothWays) {
    std::string old_thread = post_status(alice_token, R"({"status":"@bob long ago","visibility":"direct"})");
    std::string old_answer =
        post_status(bob_token, R"({"status":"@alice indeed","visibility":"direct","in_reply_to_id":")" + old_thread + "\"}");
    // More newer direct threads than the old listing ever looked at (it scanned the newest 400 statuses).
    const int kNewer = 420;
    std::vector<std::string> newer;
    for (int i = 0; i < kNewer; ++i) {
        activitypub::PostDraft d;
        d.text = "@bob note " + std::to_string(i);
        d.visibility = core::Visibility::direct;
        newer.push_back(std::to_string(activitypub::publish_status(node.ctx(), alice, d).id));
    }
    // Page down with max_id (from the Link header's values), 40 at a time, to the end.
    std::vector<std::string> seen;
    std::string max_id;
    for (int guard = 0; guard < 20; ++guard) {
        auto page = ok(V::get, "/api/v1/conversations?limit=40" + (max_id.empty() ? "" : "&max_id=" + max_id), alice_token);
        if (page.Empty()) break;
        for (const auto& c : page.GetArray()) seen.emplace_back(c["last_status"]["id"].GetString());
        max_id = seen.back();
    }
    ASSERT_EQ(seen.size(), static_cast<std::size_t>(kNewer + 1));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
    EXPECT_EQ(seen.front(), newer.back());
    EXPECT_EQ(seen.back(), old_answer);  // the old thread, by its newest status
    auto read = ok(V::post, "/api/v1/conversations/" + old_thread + "/read", alice_token);
    EXPECT_EQ(std::string(read["last_status"]["id"].GetString()), old_answer);
    EXPECT_FALSE(read["unread"].GetBool());

    // min_id: the page just above it, newest first; since_id: the newest ones above it.
    auto above = ok(V::get, "/api/v1/conversations?limit=2&min_id=" + old_answer, alice_token);
    ASSERT_EQ(above.Size(), 2u);
    EXPECT_EQ(std::string(above[0]["last_status"]["id"].GetString()), newer[1]);
    EXPECT_EQ(std::string(above[1]["last_status"]["id"].GetString()), newer[0]);
    auto since = ok(V::get, "/api/v1/conversations?limit=2&since_id=" + newer[kNewer - 3], alice_token);
    ASSERT_EQ(since.Size(), 2u);
    EXPECT_EQ(std::string(since[0]["last_status"]["id"].GetString()), newer[kNewer - 1]);

    // Bob's answer deleted: the old thread's newest is alice's first post again, for both of them.
    ASSERT_EQ(call(V::delete_, "/api/v1/statuses/" + old_answer, bob_token).status, 200);
    auto bobs = ok(V::get, "/api/v1/conversations?max_id=" + newer[0], bob_token);
    ASSERT_EQ(bobs.Size(), 1u);
    EXPECT_EQ(std::string(bobs[0]["last_status"]["id"].GetString()), old_thread);
    auto alices = ok(V::get, "/api/v1/conversations?max_id=" + newer[0], alice_token);
    ASSERT_EQ(alices.Size(), 1u);
    EXPECT_EQ(std::string(alices[0]["last_status"]["id"].GetString()), old_thread);
}

}  // namespace
}  // namespace gesso::test
