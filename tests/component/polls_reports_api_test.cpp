// Polls and reports over real HTTP: reading a poll, voting (own_votes, voted, counts), refusals; filing a
// report that moderators are notified of.
#include "client_api_fixture.hpp"
#include "storage/notifications.hpp"
#include "support/json_shape.hpp"

namespace gesso::test {
namespace {

using PollsReports = ClientApi;
using V = http::verb;

TEST_F(PollsReports, VotingInAPoll) {
    std::string id = post_status(alice_token,
                                 R"({"status":"Which medium?","poll":{"options":["ink","oil","clay"],"expires_in":3600,"multiple":true}})");
    auto poll = ok(V::get, "/api/v1/polls/" + id, bob_token);
    EXPECT_EQ(std::string(poll["id"].GetString()), id);
    EXPECT_FALSE(poll["expired"].GetBool());
    EXPECT_FALSE(poll["voted"].GetBool());
    ASSERT_EQ(poll["options"].Size(), 3u);

    auto voted = ok(V::post, "/api/v1/polls/" + id + "/votes", bob_token, R"({"choices":["0","2"]})");
    EXPECT_TRUE(voted["voted"].GetBool());
    ASSERT_EQ(voted["own_votes"].Size(), 2u);
    EXPECT_EQ(voted["own_votes"][0].GetInt(), 0);
    EXPECT_EQ(voted["own_votes"][1].GetInt(), 2);
    EXPECT_EQ(voted["options"][0]["votes_count"].GetInt(), 1);
    EXPECT_EQ(voted["options"][1]["votes_count"].GetInt(), 0);
    EXPECT_EQ(voted["votes_count"].GetInt(), 2);
    // Alice sees the counts but has not voted.
    EXPECT_FALSE(ok(V::get, "/api/v1/polls/" + id, alice_token)["voted"].GetBool());

    EXPECT_EQ(call(V::post, "/api/v1/polls/" + id + "/votes", bob_token, R"({"choices":["1"]})").status, 422);  // again
    EXPECT_EQ(call(V::post, "/api/v1/polls/" + id + "/votes", alice_token, R"({"choices":["7"]})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/polls/" + id + "/votes", alice_token, R"({"choices":["x"]})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/polls/" + id + "/votes", "", R"({"choices":["1"]})").status, 401);
    std::string plain = post_status(alice_token, R"({"status":"no poll"})");
    EXPECT_EQ(call(V::get, "/api/v1/polls/" + plain, bob_token).status, 404);
    std::string hidden = post_status(alice_token, R"({"status":"?","visibility":"private","poll":{"options":["a","b"]}})");
    EXPECT_EQ(call(V::get, "/api/v1/polls/" + hidden, bob_token).status, 404);
}

TEST_F(PollsReports, ReportsReachModerators) {
    core::Account mod = node.create_account("mod", true);
    std::string mod_token = login("mod");
    std::string post = post_status(bob_token, R"({"status":"spam spam"})");
    auto res = call(V::post, "/api/v1/reports", alice_token,
                    R"({"account_id":")" + std::to_string(bob.id) + R"(","status_ids":[")" + post +
                        R"("],"comment":"ads","category":"spam","forward":false})");
    ASSERT_EQ(res.status, 200) << res.body;
    auto r = parse_document(res.body);
    EXPECT_STREQ(r["category"].GetString(), "spam");
    EXPECT_STREQ(r["comment"].GetString(), "ads");
    EXPECT_FALSE(r["action_taken"].GetBool());
    EXPECT_FALSE(r["forwarded"].GetBool());
    ASSERT_EQ(r["status_ids"].Size(), 1u);
    EXPECT_EQ(std::string(r["status_ids"][0].GetString()), post);
    EXPECT_STREQ(r["target_account"]["username"].GetString(), "bob");
    auto stored = node.db().read([&](storage::Connection& c) { return storage::list_open_reports(c, 10); });
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].category, "spam");
    auto notes = ok(V::get, "/api/v1/notifications", mod_token);
    ASSERT_EQ(notes.Size(), 1u);
    EXPECT_STREQ(notes[0]["type"].GetString(), "admin.report");
    // entities/Notification#report: the Report entity, as POST /api/v1/reports answered it.
    ASSERT_TRUE(notes[0].HasMember("report") && notes[0]["report"].IsObject());
    const auto& report = notes[0]["report"];
    EXPECT_EQ(mastodon_shapes().compare(report, "Report", "notification report"), "");
    EXPECT_EQ(std::string(report["id"].GetString()), std::string(r["id"].GetString()));
    EXPECT_FALSE(report["action_taken"].GetBool());
    EXPECT_STREQ(report["category"].GetString(), "spam");
    EXPECT_STREQ(report["comment"].GetString(), "ads");
    EXPECT_EQ(std::string(report["created_at"].GetString()), std::string(r["created_at"].GetString()));
    ASSERT_EQ(report["status_ids"].Size(), 1u);
    EXPECT_EQ(std::string(report["status_ids"][0].GetString()), post);
    EXPECT_EQ(std::string(report["target_account"]["id"].GetString()), std::to_string(bob.id));
    EXPECT_STREQ(report["target_account"]["acct"].GetString(), "bob");
    auto single = ok(V::get, std::string("/api/v1/notifications/") + notes[0]["id"].GetString(), mod_token);
    EXPECT_EQ(std::string(single["report"]["id"].GetString()), std::string(r["id"].GetString()));
    EXPECT_EQ(mastodon_shapes().compare(notes[0], "Notification", "admin.report notification"), "");
    (void)mod;

    EXPECT_EQ(call(V::post, "/api/v1/reports", alice_token, R"({"account_id":"999"})").status, 404);
    EXPECT_EQ(call(V::post, "/api/v1/reports", alice_token, R"({"account_id":")" + std::to_string(bob.id) + R"(","category":"rude"})").status,
              422);
    EXPECT_EQ(call(V::post, "/api/v1/reports", alice_token,
                   R"({"account_id":")" + std::to_string(bob.id) + R"(","comment":")" + std::string(5000, 'c') + "\"}")
                  .status,
              422);
    EXPECT_EQ(call(V::post, "/api/v1/reports", alice_token, R"({"account_id":")" + std::to_string(alice.id) + "\"}").status, 422);
}

}  // namespace
}  // namespace gesso::test
