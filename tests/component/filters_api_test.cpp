// Filters v2 and v1 over real HTTP: CRUD with keywords and statuses, validation, and their effect: warn
// filters annotate statuses (`filtered`) in the contexts they name, hide filters take them out of timelines,
// expired filters stop applying.
#include "client_api_fixture.hpp"
#include "support/manual_clock.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class Filters : public ClientApi {
protected:
    Filters() : ClientApi(options()) { follow(bob.id, alice.id); }
    static TestNodeOptions options() {
        TestNodeOptions o;
        o.clock = &clock();
        return o;
    }
    static ManualClock& clock() {
        static ManualClock c;
        return c;
    }
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
