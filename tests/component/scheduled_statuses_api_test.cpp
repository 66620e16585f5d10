// Scheduled statuses and ended polls over real HTTP, with the due work run by the federation step under a
// ManualClock: a status scheduled 10 minutes ahead appears when the clock gets there; poll voters and the
// author are notified when a poll ends.
#include "activitypub/federation.hpp"
#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using V = http::verb;
using namespace std::chrono_literals;

class Scheduled : public ClockedClientApi<Scheduled> {
protected:
    std::string in(std::chrono::seconds ahead) { return core::format_iso8601(clock().now() + ahead); }
    int run_due() { return activitypub::pump_once(node.ctx()).scheduled; }
};

TEST_F(Scheduled, ScheduledStatusesArePublishedWhenDue) {
    auto res = call(V::post, "/api/v1/statuses", alice_token,
                    R"({"status":"tomorrow's painting","visibility":"unlisted","scheduled_at":")" + in(600s) + "\"}");
    ASSERT_EQ(res.status, 200) << res.body;
    auto s = parse_document(res.body);
    std::string id = s["id"].GetString();
    EXPECT_STREQ(s["params"]["text"].GetString(), "tomorrow's painting");
    EXPECT_STREQ(s["params"]["visibility"].GetString(), "unlisted");
    EXPECT_TRUE(s["media_attachments"].IsArray());
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/home", alice_token).Empty());  // not yet
    auto listed = ok(V::get, "/api/v1/scheduled_statuses", alice_token);
    ASSERT_EQ(listed.Size(), 1u);
    EXPECT_EQ(std::string(listed[0]["id"].GetString()), id);
    EXPECT_TRUE(ok(V::get, "/api/v1/scheduled_statuses", bob_token).Empty());
    EXPECT_EQ(call(V::get, "/api/v1/scheduled_statuses/" + id, bob_token).status, 404);

    // Moved to 20 minutes ahead; at 11 minutes nothing is due yet.
    std::string later = in(1200s);
    auto moved = ok(V::put, "/api/v1/scheduled_statuses/" + id, alice_token, R"({"scheduled_at":")" + later + "\"}");
    EXPECT_EQ(std::string(moved["scheduled_at"].GetString()), later);
    clock().advance(660s);
    EXPECT_EQ(run_due(), 0);
    clock().advance(600s);
    EXPECT_EQ(run_due(), 1);
    auto home = ok(V::get, "/api/v1/timelines/home", alice_token);
    ASSERT_EQ(home.Size(), 1u);
    EXPECT_NE(std::string(home[0]["content"].GetString()).find("tomorrow"), std::string::npos);
    EXPECT_STREQ(home[0]["visibility"].GetString(), "unlisted");
    EXPECT_TRUE(ok(V::get, "/api/v1/scheduled_statuses", alice_token).Empty());
    EXPECT_EQ(run_due(), 0);  // once
}

TEST_F(Scheduled, BadSchedulesAreRefusedAndDeletedOnesNeverAppear) {
    EXPECT_EQ(call(V::post, "/api/v1/statuses", alice_token, R"({"status":"soon","scheduled_at":")" + in(60s) + "\"}").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/statuses", alice_token, R"({"status":"x","scheduled_at":"next tuesday"})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/statuses", alice_token, R"({"status":"","scheduled_at":")" + in(600s) + "\"}").status, 422);
    auto s = ok(V::post, "/api/v1/statuses", alice_token, R"({"status":"never","scheduled_at":")" + in(600s) + "\"}");
    std::string id = s["id"].GetString();
    EXPECT_EQ(call(V::put, "/api/v1/scheduled_statuses/" + id, alice_token, R"({"scheduled_at":")" + in(10s) + "\"}").status, 422);
    EXPECT_EQ(call(V::delete_, "/api/v1/scheduled_statuses/" + id, bob_token).status, 404);
    EXPECT_EQ(call(V::delete_, "/api/v1/scheduled_statuses/" + id, alice_token).status, 200);
    clock().advance(700s);
    EXPECT_EQ(run_due(), 0);
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/home", alice_token).Empty());
}

// entities/ScheduledStatus: params.poll.options is an Array of String, expires_in an Integer (seconds),
// multiple a Boolean; media_ids an Array of String or null; sensitive a Boolean.
TEST_F(Scheduled, ScheduledPollParamsHaveTheDocumentedTypes) {
    auto s = ok(V::post, "/api/v1/statuses", alice_token,
                R"({"status":"ink or oil?","poll":{"options":["ink","oil"],"expires_in":300,"multiple":true},)"
                R"("scheduled_at":")" + in(600s) + "\"}");
    auto check = [](const rapidjson::Value& entity) {
        const auto& params = entity["params"];
        ASSERT_TRUE(params["poll"].IsObject());
        const auto& poll = params["poll"];
        ASSERT_TRUE(poll["expires_in"].IsInt64()) << "expires_in must be a number";
        EXPECT_EQ(poll["expires_in"].GetInt64(), 300);
        ASSERT_TRUE(poll["multiple"].IsBool());
        EXPECT_TRUE(poll["multiple"].GetBool());
        ASSERT_TRUE(poll["options"].IsArray());
        ASSERT_EQ(poll["options"].Size(), 2u);
        EXPECT_STREQ(poll["options"][1].GetString(), "oil");
        EXPECT_TRUE(params["media_ids"].IsNull());
        EXPECT_TRUE(params["sensitive"].IsBool());
        EXPECT_TRUE(params["text"].IsString());
    };
    check(s);
    auto listed = ok(V::get, "/api/v1/scheduled_statuses", alice_token);
    ASSERT_EQ(listed.Size(), 1u);
    check(listed[0]);
}

TEST_F(Scheduled, EndedPollsNotifyTheAuthorAndVoters) {
    std::string id = post_status(alice_token, R"({"status":"ink or oil?","poll":{"options":["ink","oil"],"expires_in":300}})");
    ok(V::post, "/api/v1/polls/" + id + "/votes", bob_token, R"({"choices":["1"]})");
    EXPECT_EQ(run_due(), 0);
    clock().advance(301s);
    EXPECT_TRUE(ok(V::get, "/api/v1/polls/" + id, bob_token)["expired"].GetBool());
    EXPECT_EQ(run_due(), 1);
    for (const std::string* token : {&alice_token, &bob_token}) {
        auto polls = ok(V::get, "/api/v1/notifications?types[]=poll", *token);
        ASSERT_EQ(polls.Size(), 1u);
        EXPECT_EQ(std::string(polls[0]["status"]["id"].GetString()), id);
        EXPECT_STREQ(polls[0]["account"]["username"].GetString(), "alice");
    }
    EXPECT_EQ(run_due(), 0);  // once
}

}  // namespace
}  // namespace gesso::test
