// Filters v2 and v1 over real HTTP: CRUD with keywords and statuses, validation, and their effect: warn
// filters annotate statuses (`filtered`) in the contexts they name, hide filters take them out of timelines,
// expired filters stop applying; the same in notifications, threads (statuses/:id/context) and account pages.
#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class Filters : public ClockedClientApi<Filters> {
protected:
    Filters() { follow(bob.id, alice.id); }
    const rapidjson::Value* find(const rapidjson::Value& statuses, const std::string& id) {
        for (const auto& s : statuses.GetArray()) {
            if (id == s["id"].GetString()) return &s;
        }
        return nullptr;
    }
};

TEST_F(Filters, WarnFiltersAnnotateAndHideFiltersRemoveInTheirContexts) {
    std::string spiders = post_status(alice_token, R"({"status":"Drawing SPIDERS today"})");
    std::string spidery = post_status(alice_token, R"({"status":"spidersilk line"})");
    std::string cw = post_status(alice_token, R"({"status":"fine","spoiler_text":"spiders inside"})");
    std::string plain = post_status(alice_token, R"({"status":"a cat"})");

    auto created = call(V::post, "/api/v2/filters", bob_token,
                        R"({"title":"Arachnids","context":["home","public"],"filter_action":"warn",)"
                        R"("keywords_attributes":[{"keyword":"spiders","whole_word":true}]})");
    ASSERT_EQ(created.status, 200) << created.body;
    auto filter = parse_document(created.body);
    std::string filter_id = filter["id"].GetString();
    EXPECT_STREQ(filter["title"].GetString(), "Arachnids");
    EXPECT_STREQ(filter["filter_action"].GetString(), "warn");
    ASSERT_EQ(filter["context"].Size(), 2u);
    EXPECT_TRUE(filter["expires_at"].IsNull());
    ASSERT_EQ(filter["keywords"].Size(), 1u);
    EXPECT_STREQ(filter["keywords"][0]["keyword"].GetString(), "spiders");
    EXPECT_TRUE(filter["keywords"][0]["whole_word"].GetBool());

    auto home = ok(V::get, "/api/v1/timelines/home", bob_token);
    ASSERT_EQ(home.Size(), 4u);
    const auto* hit = find(home, spiders);
    ASSERT_NE(hit, nullptr);
    ASSERT_EQ((*hit)["filtered"].Size(), 1u);
    EXPECT_EQ(std::string((*hit)["filtered"][0]["filter"]["id"].GetString()), filter_id);
    ASSERT_EQ((*hit)["filtered"][0]["keyword_matches"].Size(), 1u);
    EXPECT_STREQ((*hit)["filtered"][0]["keyword_matches"][0].GetString(), "spiders");
    EXPECT_TRUE((*hit)["filtered"][0]["status_matches"].IsNull());
    EXPECT_EQ((*find(home, cw))["filtered"].Size(), 1u);       // the content warning counts
    EXPECT_EQ((*find(home, spidery))["filtered"].Size(), 0u);  // whole word only
    EXPECT_EQ((*find(home, plain))["filtered"].Size(), 0u);
    // The author's own view has no filter of hers; notifications context is not named.
    EXPECT_EQ((*find(ok(V::get, "/api/v1/timelines/home", alice_token), spiders))["filtered"].Size(), 0u);

    // A status filter and hide: the status and the keyword matches leave the home timeline.
    auto added = call(V::post, "/api/v2/filters/" + filter_id + "/statuses", bob_token, R"({"status_id":")" + plain + "\"}");
    ASSERT_EQ(added.status, 200) << added.body;
    std::string filter_status_id = parse_document(added.body)["id"].GetString();
    auto public_page = ok(V::get, "/api/v1/timelines/public", bob_token);  // find() points into it
    auto by_status = find(public_page, plain);
    ASSERT_NE(by_status, nullptr);
    EXPECT_EQ(std::string((*by_status)["filtered"][0]["status_matches"][0].GetString()), plain);
    EXPECT_STREQ(ok(V::put, "/api/v2/filters/" + filter_id, bob_token, R"({"filter_action":"hide"})")["filter_action"].GetString(),
                 "hide");
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/home", bob_token)), std::vector<std::string>{spidery});
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public", bob_token)), std::vector<std::string>{spidery});
    // Not in the thread context: the status itself still answers.
    EXPECT_EQ(call(V::get, "/api/v1/statuses/" + spiders, bob_token).status, 200);

    EXPECT_EQ(call(V::delete_, "/api/v2/filters/statuses/" + filter_status_id, bob_token).status, 200);
    EXPECT_EQ(ok(V::get, "/api/v1/timelines/home", bob_token).Size(), 2u);
    EXPECT_EQ(call(V::delete_, "/api/v2/filters/" + filter_id, bob_token).status, 200);
    EXPECT_EQ(ok(V::get, "/api/v1/timelines/home", bob_token).Size(), 4u);
    EXPECT_EQ(call(V::get, "/api/v2/filters/" + filter_id, bob_token).status, 404);
}

TEST_F(Filters, NotificationsThreadsAndAccountPagesApplyTheirContexts) {
    // Alice writes to and about bob; bob hides "spoilers" in notifications and threads, and is warned about
    // "moths" on account pages.
    std::string root = post_status(bob_token, R"({"status":"my new painting"})");
    std::string hidden = post_status(
        alice_token, R"({"status":"@bob spoilers: it ends well","in_reply_to_id":")" + root + "\"}");
    std::string kept = post_status(alice_token, R"({"status":"@bob lovely colours","in_reply_to_id":")" + root + "\"}");
    std::string moths = post_status(alice_token, R"({"status":"moths at the lamp"})");
    std::string own = post_status(bob_token, R"({"status":"spoilers from me","in_reply_to_id":")" + kept + "\"}");

    auto hide = call(V::post, "/api/v2/filters", bob_token,
                     R"({"title":"No spoilers","context":["notifications","thread"],"filter_action":"hide",)"
                     R"("keywords_attributes":[{"keyword":"spoilers"}]})");
    ASSERT_EQ(hide.status, 200) << hide.body;
    auto warn = call(V::post, "/api/v2/filters", bob_token,
                     R"({"title":"Moths","context":["account"],"filter_action":"warn",)"
                     R"("keywords_attributes":[{"keyword":"moths"}]})");
    ASSERT_EQ(warn.status, 200) << warn.body;
    std::string warn_id = parse_document(warn.body)["id"].GetString();

    // Notifications: the mention with "spoilers" is gone, the other stays (also by id).
    auto mentions = ok(V::get, "/api/v1/notifications?types[]=mention", bob_token);
    ASSERT_EQ(mentions.Size(), 1u);
    EXPECT_EQ(std::string(mentions[0]["status"]["id"].GetString()), kept);
    EXPECT_EQ(mentions[0]["status"]["filtered"].Size(), 0u);

    // The thread: the hidden reply is gone, bob's own "spoilers" reply stays.
    auto context = ok(V::get, "/api/v1/statuses/" + root + "/context", bob_token);
    std::vector<std::string> descendants;
    for (const auto& d : context["descendants"].GetArray()) descendants.emplace_back(d["id"].GetString());
    EXPECT_EQ(descendants, (std::vector<std::string>{kept, own}));
    // Alice has no filters: she sees the whole thread.
    EXPECT_EQ(ok(V::get, "/api/v1/statuses/" + root + "/context", alice_token)["descendants"].Size(), 3u);

    // Alice's page as bob reads it: "moths" warned, with the filter and keyword; the thread context's hide
    // filter does not apply here.
    auto page = ok(V::get, "/api/v1/accounts/" + std::to_string(alice.id) + "/statuses", bob_token);
    ASSERT_EQ(page.Size(), 3u);
    const auto* moth = find(page, moths);
    ASSERT_NE(moth, nullptr);
    ASSERT_EQ((*moth)["filtered"].Size(), 1u);
    EXPECT_EQ(std::string((*moth)["filtered"][0]["filter"]["id"].GetString()), warn_id);
    EXPECT_STREQ((*moth)["filtered"][0]["keyword_matches"][0].GetString(), "moths");
    EXPECT_NE(find(page, hidden), nullptr);
    EXPECT_EQ((*find(page, hidden))["filtered"].Size(), 0u);

    // Made a hide filter, it takes the status off the account page.
    ASSERT_EQ(call(V::put, "/api/v2/filters/" + warn_id, bob_token, R"({"filter_action":"hide"})").status, 200);
    page = ok(V::get, "/api/v1/accounts/" + std::to_string(alice.id) + "/statuses", bob_token);
    EXPECT_EQ(page.Size(), 2u);
    EXPECT_EQ(find(page, moths), nullptr);
}

TEST_F(Filters, ExpiredFiltersStopApplying) {
    std::string post = post_status(alice_token, R"({"status":"gore warning"})");
    auto f = ok(V::post, "/api/v2/filters", bob_token,
                R"({"title":"g","context":["home"],"filter_action":"hide","expires_in":3600,"keywords_attributes":[{"keyword":"gore"}]})");
    EXPECT_TRUE(f["expires_at"].IsString());
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/home", bob_token).Empty());
    clock().advance(std::chrono::seconds(3601));
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/home", bob_token)), std::vector<std::string>{post});
}

TEST_F(Filters, KeywordsCanBeAddedChangedAndRemoved) {
    auto res = call(V::post, "/api/v2/filters", bob_token,
                    "title=Words&context[]=home&context[]=thread&keywords_attributes[][keyword]=one&"
                    "keywords_attributes[][whole_word]=false",
                    "application/x-www-form-urlencoded");
    ASSERT_EQ(res.status, 200) << res.body;
    auto f = parse_document(res.body);
    std::string id = f["id"].GetString();
    ASSERT_EQ(f["keywords"].Size(), 1u);
    EXPECT_FALSE(f["keywords"][0]["whole_word"].GetBool());
    auto two = ok(V::post, "/api/v2/filters/" + id + "/keywords", bob_token, R"({"keyword":"two"})");
    std::string two_id = two["id"].GetString();
    EXPECT_TRUE(two["whole_word"].GetBool());
    EXPECT_EQ(ok(V::get, "/api/v2/filters/" + id + "/keywords", bob_token).Size(), 2u);
    EXPECT_STREQ(ok(V::put, "/api/v2/filters/keywords/" + two_id, bob_token, R"({"keyword":"deux"})")["keyword"].GetString(), "deux");
    EXPECT_STREQ(ok(V::get, "/api/v2/filters/keywords/" + two_id, bob_token)["keyword"].GetString(), "deux");
    EXPECT_EQ(call(V::get, "/api/v2/filters/keywords/" + two_id, alice_token).status, 404);  // not hers
    // _destroy through the filter's PUT.
    auto after = ok(V::put, "/api/v2/filters/" + id, bob_token,
                    R"({"keywords_attributes":[{"id":")" + two_id + R"(","_destroy":true}]})");
    ASSERT_EQ(after["keywords"].Size(), 1u);
    EXPECT_STREQ(after["keywords"][0]["keyword"].GetString(), "one");
    EXPECT_EQ(ok(V::get, "/api/v2/filters", bob_token).Size(), 1u);
    EXPECT_TRUE(ok(V::get, "/api/v2/filters", alice_token).Empty());

    EXPECT_EQ(call(V::post, "/api/v2/filters", bob_token, R"({"title":"","context":["home"]})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v2/filters", bob_token, R"({"title":"x","context":["everywhere"]})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v2/filters", bob_token, R"({"title":"x"})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v2/filters", bob_token, R"({"title":"x","context":["home"],"filter_action":"burn"})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v2/filters", bob_token, R"({"title":"x","context":["home"],"expires_in":-5})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v2/filters/" + id + "/keywords", bob_token, R"({"keyword":""})").status, 422);
    EXPECT_EQ(call(V::get, "/api/v2/filters", "").status, 401);
}

TEST_F(Filters, VersionOneFiltersAreKeywordsOfVersionTwoFilters) {
    std::string post = post_status(alice_token, R"({"status":"politics again"})");
    auto v1 = call(V::post, "/api/v1/filters", bob_token, R"({"phrase":"politics","context":["home"],"irreversible":true})");
    ASSERT_EQ(v1.status, 200) << v1.body;
    auto f = parse_document(v1.body);
    std::string id = f["id"].GetString();
    EXPECT_STREQ(f["phrase"].GetString(), "politics");
    EXPECT_TRUE(f["irreversible"].GetBool());
    EXPECT_TRUE(f["whole_word"].GetBool());
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/home", bob_token).Empty());  // irreversible is hide
    // Seen through v2 it is a filter with that keyword.
    auto v2 = ok(V::get, "/api/v2/filters", bob_token);
    ASSERT_EQ(v2.Size(), 1u);
    EXPECT_STREQ(v2[0]["filter_action"].GetString(), "hide");
    EXPECT_EQ(std::string(v2[0]["keywords"][0]["id"].GetString()), id);
    auto changed = ok(V::put, "/api/v1/filters/" + id, bob_token, R"({"phrase":"election","irreversible":false})");
    EXPECT_STREQ(changed["phrase"].GetString(), "election");
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/home", bob_token)), std::vector<std::string>{post});
    EXPECT_EQ(ok(V::get, "/api/v1/filters", bob_token).Size(), 1u);
    EXPECT_EQ(call(V::delete_, "/api/v1/filters/" + id, bob_token).status, 200);
    EXPECT_TRUE(ok(V::get, "/api/v1/filters", bob_token).Empty());
    EXPECT_TRUE(ok(V::get, "/api/v2/filters", bob_token).Empty());
    EXPECT_EQ(call(V::post, "/api/v1/filters", bob_token, R"({"phrase":"","context":["home"]})").status, 422);
}

}  // namespace
}  // namespace gesso::test
