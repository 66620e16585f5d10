// Editing statuses over real HTTP: PUT /api/v1/statuses/:id, the history of versions, the source, `update`
// notifications to local accounts that boosted the status; Idempotency-Key on creation.
#include "client_api_fixture.hpp"
#include "support/manual_clock.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class StatusEdits : public ClientApi {
protected:
    StatusEdits() : ClientApi(options()) {}
    static TestNodeOptions options() {
        TestNodeOptions o;
        o.clock = &clock();
        return o;
    }
    static ManualClock& clock() {
        static ManualClock c;
        return c;
    }
};

TEST_F(StatusEdits, EditKeepsHistoryAndSourceAndNotifiesBoosters) {
    std::string id = post_status(alice_token, R"({"status":"first #draft","visibility":"unlisted"})");
    EXPECT_EQ(call(V::post, "/api/v1/statuses/" + id + "/reblog", bob_token).status, 200);
    auto original = ok(V::get, "/api/v1/statuses/" + id + "/history", "");
    ASSERT_EQ(original.Size(), 1u);  // never edited: the original alone

    clock().advance(std::chrono::seconds(60));
    auto edited = ok(V::put, "/api/v1/statuses/" + id, alice_token,
                     R"({"status":"second & final","spoiler_text":"wip","visibility":"public"})");
    EXPECT_EQ(std::string(edited["id"].GetString()), id);
    EXPECT_TRUE(edited["edited_at"].IsString());
    EXPECT_NE(std::string(edited["content"].GetString()).find("second &amp; final"), std::string::npos);
    EXPECT_STREQ(edited["spoiler_text"].GetString(), "wip");
    EXPECT_STREQ(edited["visibility"].GetString(), "unlisted");  // an edit cannot change the audience
    EXPECT_EQ(edited["tags"].Size(), 0u);

    clock().advance(std::chrono::seconds(60));
    ok(V::put, "/api/v1/statuses/" + id, alice_token, R"({"status":"third"})");

    auto history = ok(V::get, "/api/v1/statuses/" + id + "/history", bob_token);
    ASSERT_EQ(history.Size(), 3u);
    EXPECT_NE(std::string(history[0]["content"].GetString()).find("first"), std::string::npos);
    EXPECT_NE(std::string(history[1]["content"].GetString()).find("second"), std::string::npos);
    EXPECT_STREQ(history[1]["spoiler_text"].GetString(), "wip");
    EXPECT_TRUE(history[1]["sensitive"].GetBool());
    EXPECT_NE(std::string(history[2]["content"].GetString()).find("third"), std::string::npos);
    EXPECT_STREQ(history[2]["account"]["username"].GetString(), "alice");
    // Each version is dated when it was written: strictly increasing.
    std::string t0 = history[0]["created_at"].GetString(), t1 = history[1]["created_at"].GetString(),
                t2 = history[2]["created_at"].GetString();
    EXPECT_LT(t0, t1);
    EXPECT_LT(t1, t2);

    auto source = ok(V::get, "/api/v1/statuses/" + id + "/source", alice_token);
    EXPECT_STREQ(source["text"].GetString(), "third");
    EXPECT_STREQ(source["spoiler_text"].GetString(), "");
    EXPECT_EQ(std::string(source["id"].GetString()), id);

    auto updates = ok(V::get, "/api/v1/notifications?types[]=update", bob_token);
    ASSERT_GE(updates.Size(), 1u);
    EXPECT_STREQ(updates[0]["type"].GetString(), "update");
    EXPECT_EQ(std::string(updates[0]["status"]["id"].GetString()), id);
    EXPECT_TRUE(ok(V::get, "/api/v1/notifications?types[]=update", alice_token).Empty());
}

TEST_F(StatusEdits, OnlyTheAuthorEditsAndBadEditsChangeNothing) {
    std::string id = post_status(alice_token, R"({"status":"mine"})");
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, bob_token, R"({"status":"hijack"})").status, 404);
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, "", R"({"status":"x"})").status, 401);
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, alice_token, R"({"status":""})").status, 422);
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, alice_token, R"({"status":")" + std::string(600, 'a') + "\"}").status, 422);
    EXPECT_EQ(call(V::put, "/api/v1/statuses/999", alice_token, R"({"status":"x"})").status, 404);
    EXPECT_EQ(ok(V::get, "/api/v1/statuses/" + id + "/history", "").Size(), 1u);
    EXPECT_TRUE(ok(V::get, "/api/v1/statuses/" + id, "")["edited_at"].IsNull());
    std::string secret = post_status(alice_token, R"({"status":"followers","visibility":"private"})");
    EXPECT_EQ(call(V::get, "/api/v1/statuses/" + secret + "/history", bob_token).status, 404);
    EXPECT_EQ(call(V::get, "/api/v1/statuses/" + secret + "/source", bob_token).status, 404);
}

TEST_F(StatusEdits, IdempotencyKeyReturnsTheSameStatusWithinItsWindow) {
    auto post = [&](const std::string& token, const std::string& key) {
        auto res = call(V::post, "/api/v1/statuses", token, R"({"status":"once"})", "application/json", {{"Idempotency-Key", key}});
        EXPECT_EQ(res.status, 200) << res.body;
        return std::string(parse_document(res.body)["id"].GetString());
    };
    std::string first = post(alice_token, "key-1");
    EXPECT_EQ(post(alice_token, "key-1"), first);
    EXPECT_NE(post(alice_token, "key-2"), first);
    EXPECT_NE(post(bob_token, "key-1"), first);  // keys are per account
    EXPECT_EQ(ok(V::get, "/api/v1/timelines/home", alice_token).Size(), 2u);
    clock().advance(std::chrono::seconds(3601));
    EXPECT_NE(post(alice_token, "key-1"), first);  // the window is an hour
    auto too_long = call(V::post, "/api/v1/statuses", alice_token, R"({"status":"x"})", "application/json",
                         {{"Idempotency-Key", std::string(300, 'k')}});
    EXPECT_EQ(too_long.status, 422);
}

}  // namespace
}  // namespace gesso::test

namespace gesso::test {
namespace {

using ConversationMutes = ClientApi;

TEST_F(ConversationMutes, MutedConversationsSendNoNotifications) {
    std::string root = post_status(alice_token, R"({"status":"thread start"})");
    std::string reply = post_status(bob_token, R"({"status":"@alice first","in_reply_to_id":")" + root + "\"}");
    EXPECT_EQ(ok(http::verb::get, "/api/v1/notifications?types[]=mention", alice_token).Size(), 1u);
    auto muted = ok(http::verb::post, "/api/v1/statuses/" + reply + "/mute", alice_token);
    EXPECT_TRUE(muted["muted"].GetBool());
    EXPECT_TRUE(ok(http::verb::get, "/api/v1/statuses/" + root, alice_token)["muted"].GetBool());  // the whole thread
    post_status(bob_token, R"({"status":"@alice second","in_reply_to_id":")" + reply + "\"}");
    call(http::verb::post, "/api/v1/statuses/" + root + "/favourite", bob_token);
    EXPECT_EQ(ok(http::verb::get, "/api/v1/notifications", alice_token).Size(), 1u);
    // Elsewhere notifications still arrive; unmuting brings the thread's back.
    post_status(bob_token, R"({"status":"@alice elsewhere"})");
    EXPECT_EQ(ok(http::verb::get, "/api/v1/notifications", alice_token).Size(), 2u);
    EXPECT_FALSE(ok(http::verb::post, "/api/v1/statuses/" + root + "/unmute", alice_token)["muted"].GetBool());
    post_status(bob_token, R"({"status":"@alice third","in_reply_to_id":")" + reply + "\"}");
    EXPECT_EQ(ok(http::verb::get, "/api/v1/notifications", alice_token).Size(), 3u);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses/999/mute", alice_token).status, 404);
}

}  // namespace
}  // namespace gesso::test
