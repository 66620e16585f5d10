// Editing statuses over real HTTP: PUT /api/v1/statuses/:id, the history of versions, the source, `update`
// notifications to local accounts that boosted the status; media alt text and poll options in the history
// and changed by edits (media_attributes[], poll votes reset); Idempotency-Key on creation.
#include "client_api_fixture.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class StatusEdits : public ClockedClientApi<StatusEdits> {
protected:
    // An uploaded PNG's media id.
    std::string upload_png(const std::string& token, const std::string& description, int seed) {
        std::string png = media::encode(media::picture(48, 32, seed), ".png");
        std::string boundary = "gessoEditBoundary";
        std::string form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n" +
                           description + "\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: "
                           "image/png\r\n\r\n" +
                           png + "\r\n--" + boundary + "--\r\n";
        auto res = call(V::post, "/api/v1/media", token, form, "multipart/form-data; boundary=" + boundary);
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
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

TEST_F(StatusEdits, HistoryKeepsAltTextAndAttachmentsAsTheyWereAndEditsChangeAltText) {
    std::string first = upload_png(alice_token, "a red fox", 1);
    std::string second = upload_png(alice_token, "a blue heron", 2);
    std::string id = post_status(alice_token, R"({"status":"two sketches","media_ids":[")" + first + R"(",")" + second + "\"]}");

    clock().advance(std::chrono::seconds(60));
    // The alt text of the first changes, the second is dropped.
    auto edited = ok(V::put, "/api/v1/statuses/" + id, alice_token,
                     R"({"status":"one sketch","media_ids":[")" + first +
                         R"("],"media_attributes":[{"id":")" + first + R"(","description":"a red fox, asleep","focus":"0.5,-0.25"}]})");
    ASSERT_EQ(edited["media_attachments"].Size(), 1u);
    EXPECT_STREQ(edited["media_attachments"][0]["description"].GetString(), "a red fox, asleep");
    EXPECT_DOUBLE_EQ(edited["media_attachments"][0]["meta"]["focus"]["x"].GetDouble(), 0.5);
    EXPECT_DOUBLE_EQ(edited["media_attachments"][0]["meta"]["focus"]["y"].GetDouble(), -0.25);

    auto history = ok(V::get, "/api/v1/statuses/" + id + "/history", bob_token);
    ASSERT_EQ(history.Size(), 2u);
    ASSERT_EQ(history[0]["media_attachments"].Size(), 2u);
    EXPECT_EQ(std::string(history[0]["media_attachments"][0]["id"].GetString()), first);
    EXPECT_STREQ(history[0]["media_attachments"][0]["description"].GetString(), "a red fox");
    EXPECT_EQ(std::string(history[0]["media_attachments"][1]["id"].GetString()), second);
    EXPECT_STREQ(history[0]["media_attachments"][1]["description"].GetString(), "a blue heron");
    EXPECT_STREQ(history[0]["media_attachments"][0]["type"].GetString(), "image");
    EXPECT_FALSE(history[0].HasMember("poll"));  // optional, never null (entities/StatusEdit)
    ASSERT_EQ(history[1]["media_attachments"].Size(), 1u);
    EXPECT_STREQ(history[1]["media_attachments"][0]["description"].GetString(), "a red fox, asleep");

    // media_attributes only for media the edit lists, with a valid focus; a refused edit changes nothing.
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, alice_token,
                   R"({"status":"x","media_ids":[")" + first + R"("],"media_attributes":[{"id":")" + second +
                       R"(","description":"sneaky"}]})")
                  .status,
              422);
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, alice_token,
                   R"({"status":"x","media_ids":[")" + first + R"("],"media_attributes":[{"id":")" + first +
                       R"(","focus":"3,0"}]})")
                  .status,
              422);
    EXPECT_EQ(call(V::put, "/api/v1/statuses/" + id, alice_token,
                   R"({"status":"x","media_ids":[")" + first + R"("],"media_attributes":[{"id":")" + first +
                       R"(","description":")" + std::string(1501, 'a') + "\"}]})")
                  .status,
              422);
    EXPECT_EQ(ok(V::get, "/api/v1/statuses/" + id + "/history", "").Size(), 2u);
    EXPECT_STREQ(ok(V::get, "/api/v1/statuses/" + id, "")["media_attachments"][0]["description"].GetString(),
                 "a red fox, asleep");
}

TEST_F(StatusEdits, ChangedPollOptionsResetVotesAndTheHistoryKeepsTheOldOptions) {
    std::string id = post_status(alice_token, R"({"status":"Which medium?","poll":{"options":["ink","oil"],"expires_in":3600}})");
    ASSERT_EQ(call(V::post, "/api/v1/polls/" + id + "/votes", bob_token, R"({"choices":["1"]})").status, 200);

    // The same options: the votes stay.
    ok(V::put, "/api/v1/statuses/" + id, alice_token, R"({"status":"Which medium, really?","poll":{"options":["ink","oil"],"expires_in":3600}})");
    auto kept = ok(V::get, "/api/v1/polls/" + id, bob_token);
    EXPECT_EQ(kept["votes_count"].GetInt64(), 1);
    EXPECT_TRUE(kept["voted"].GetBool());

    // New options: everyone votes again.
    auto edited = ok(V::put, "/api/v1/statuses/" + id, alice_token,
                     R"({"status":"Which medium?","poll":{"options":["ink","oil","clay"],"expires_in":3600}})");
    ASSERT_EQ(edited["poll"]["options"].Size(), 3u);
    auto reset = ok(V::get, "/api/v1/polls/" + id, bob_token);
    EXPECT_EQ(reset["votes_count"].GetInt64(), 0);
    EXPECT_FALSE(reset["voted"].GetBool());
    EXPECT_EQ(reset["own_votes"].Size(), 0u);
    EXPECT_EQ(call(V::post, "/api/v1/polls/" + id + "/votes", bob_token, R"({"choices":["2"]})").status, 200);

    auto history = ok(V::get, "/api/v1/statuses/" + id + "/history", "");
    ASSERT_EQ(history.Size(), 3u);
    std::vector<std::vector<std::string>> options;
    for (const auto& v : history.GetArray()) {
        options.emplace_back();
        for (const auto& o : v["poll"]["options"].GetArray()) {
            EXPECT_FALSE(o.HasMember("votes_count"));  // StatusEdit polls list titles only
            options.back().emplace_back(o["title"].GetString());
        }
    }
    EXPECT_EQ(options, (std::vector<std::vector<std::string>>{{"ink", "oil"}, {"ink", "oil"}, {"ink", "oil", "clay"}}));
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
