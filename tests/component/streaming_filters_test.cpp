// Streamed events as the REST API would show them: list streams carry edits and deletes of their statuses, and
// each recipient's filters (v2) apply to what is streamed to them: a hide filter drops the event for that
// recipient only, a warn filter adds `filtered` (Mastodon's FilterResult) to the status. A filter written while
// the stream is open applies from the next event on.
#include <gtest/gtest.h>

#include "streaming_fixture.hpp"
#include "support/json_shape.hpp"

namespace gesso::test {
namespace {

class StreamedFilters : public Streaming {
protected:
    // A filter v2 of `token`'s account with one keyword; returns its id.
    std::string add_filter(const std::string& token, const std::string& title, const std::string& context,
                           const std::string& action, const std::string& keyword) {
        auto res = call(http::verb::post, "/api/v2/filters", token,
                        R"({"title":")" + title + R"(","context":[")" + context + R"("],"filter_action":")" + action +
                            R"(","keywords_attributes":[{"keyword":")" + keyword + R"("}]})");
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
    }
    std::string make_list(const core::Account& member) {
        auto list = call(http::verb::post, "/api/v1/lists", alice_token, R"({"title":"painters"})");
        EXPECT_EQ(list.status, 200) << list.body;
        std::string list_id = parse_document(list.body)["id"].GetString();
        auto added = call(http::verb::post, "/api/v1/lists/" + list_id + "/accounts", alice_token,
                          R"({"account_ids":[")" + std::to_string(member.id) + "\"]}");
        EXPECT_EQ(added.status, 200) << added.body;
        return list_id;
    }
    // The titles of the filters a streamed status lists in `filtered`, each checked against FilterResult.
    static std::vector<std::string> filtered_titles(const rapidjson::Value& status) {
        std::vector<std::string> out;
        EXPECT_TRUE(status.HasMember("filtered") && status["filtered"].IsArray());
        if (!status.HasMember("filtered") || !status["filtered"].IsArray()) return out;
        EXPECT_EQ(mastodon_shapes().compare_each(status["filtered"], "FilterResult", "streamed filtered"), "");
        for (const auto& r : status["filtered"].GetArray()) out.emplace_back(r["filter"]["title"].GetString());
        return out;
    }
};

TEST_F(StreamedFilters, ListStreamCarriesEditsAndDeletesOfItsStatuses) {
    follow(alice.id, bob.id);
    std::string list_id = make_list(bob);
    WebSocketClient ws(node.port(), stream(alice_token, "stream=list&list=" + list_id));
    sync(ws);
    const std::vector<std::string> name{"list", list_id};

    std::string id = post_status(bob_token, R"({"status":"first draft"})");
    Frame created = next_frame(ws);
    EXPECT_EQ(created.stream, name);
    EXPECT_EQ(created.event, "update");

    auto edited = call(http::verb::put, "/api/v1/statuses/" + id, bob_token, R"({"status":"second draft"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    Frame update = next_frame(ws);
    EXPECT_EQ(update.stream, name);
    EXPECT_EQ(update.event, "status.update");
    auto s = parse_document(update.payload);
    EXPECT_EQ(s["id"].GetString(), id);
    EXPECT_NE(std::string(s["content"].GetString()).find("second draft"), std::string::npos);
    EXPECT_FALSE(s["edited_at"].IsNull());
    EXPECT_EQ(mastodon_shapes().compare(s, "Status", "streamed status.update"), "");

    ASSERT_EQ(call(http::verb::delete_, "/api/v1/statuses/" + id, bob_token).status, 200);
    Frame deleted = next_frame(ws);
    EXPECT_EQ(deleted.stream, name);
    EXPECT_EQ(deleted.event, "delete");
    EXPECT_EQ(deleted.payload, id);
}

TEST_F(StreamedFilters, ListStreamsOfOtherListsAndOtherAccountsStaySilent) {
    follow(alice.id, bob.id);
    follow(alice.id, carol.id);
    std::string bobs = make_list(bob);
    std::string carols = make_list(carol);
    WebSocketClient ws(node.port(), stream(alice_token, "stream=list&list=" + carols));
    sync(ws);
    std::string id = post_status(bob_token, R"({"status":"not for carol's list"})");
    ASSERT_EQ(call(http::verb::delete_, "/api/v1/statuses/" + id, bob_token).status, 200);
    // Events arrive in order: the first frame on carol's list is carol's own post.
    std::string hers = post_status(carol_token, R"({"status":"mine"})");
    Frame f = next_frame(ws);
    EXPECT_EQ(f.stream, (std::vector<std::string>{"list", carols}));
    EXPECT_EQ(f.event, "update");
    EXPECT_EQ(parse_document(f.payload)["id"].GetString(), hers);
}

TEST_F(StreamedFilters, HideDropsAndWarnMarksUpdatesOnTheUserStream) {
    follow(alice.id, bob.id);
    follow(carol.id, bob.id);
    add_filter(alice_token, "No spiders", "home", "hide", "spider");
    add_filter(alice_token, "Gore", "home", "warn", "gore");
    WebSocketClient alice_ws(node.port(), stream(alice_token, "stream=user"));
    WebSocketClient carol_ws(node.port(), stream(carol_token, "stream=user"));
    sync(alice_ws);
    sync(carol_ws);

    std::string spider = post_status(bob_token, R"({"status":"a spider study"})");
    std::string gore = post_status(bob_token, R"({"status":"gore warning: anatomy"})");
    std::string plain = post_status(bob_token, R"({"status":"still life"})");

    // Alice: the spider is dropped, the gore study carries her warn filter, the still life nothing.
    auto first = parse_document(next_frame(alice_ws).payload);
    EXPECT_EQ(first["id"].GetString(), gore);
    EXPECT_EQ(filtered_titles(first), std::vector<std::string>{"Gore"});
    EXPECT_STREQ(first["filtered"][0]["keyword_matches"][0].GetString(), "gore");
    auto second = parse_document(next_frame(alice_ws).payload);
    EXPECT_EQ(second["id"].GetString(), plain);
    EXPECT_TRUE(filtered_titles(second).empty());

    // Carol has no filters: she gets all three, none marked.
    for (const std::string& id : {spider, gore, plain}) {
        auto s = parse_document(next_frame(carol_ws).payload);
        EXPECT_EQ(s["id"].GetString(), id);
        EXPECT_TRUE(filtered_titles(s).empty());
    }

    // The REST home timeline agrees with the stream.
    auto home = call(http::verb::get, "/api/v1/timelines/home", alice_token);
    auto doc = parse_document(home.body);
    ASSERT_EQ(doc.Size(), 2u);
    EXPECT_EQ(doc[0]["id"].GetString(), plain);
    EXPECT_EQ(doc[1]["id"].GetString(), gore);
    EXPECT_EQ(filtered_titles(doc[1]), std::vector<std::string>{"Gore"});
}

TEST_F(StreamedFilters, EditsIntoAHiddenKeywordAreNotStreamedToThatReader) {
    follow(alice.id, bob.id);
    add_filter(alice_token, "No spiders", "home", "hide", "spider");
    std::string id = post_status(bob_token, R"({"status":"a landscape"})");
    WebSocketClient ws(node.port(), stream(alice_token, "stream=user"));
    sync(ws);
    auto edited = call(http::verb::put, "/api/v1/statuses/" + id, bob_token, R"({"status":"a spider landscape"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    edited = call(http::verb::put, "/api/v1/statuses/" + id, bob_token, R"({"status":"a landscape again"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    Frame f = next_frame(ws);  // the first edit was dropped for alice
    EXPECT_EQ(f.event, "status.update");
    EXPECT_NE(std::string(parse_document(f.payload)["content"].GetString()).find("again"), std::string::npos);
}

TEST_F(StreamedFilters, AFilterWrittenWhileStreamingAppliesToTheNextEvent) {
    follow(alice.id, bob.id);
    WebSocketClient ws(node.port(), stream(alice_token, "stream=user"));
    sync(ws);
    std::string before = post_status(bob_token, R"({"status":"gore, unfiltered"})");
    auto s = parse_document(next_frame(ws).payload);  // loads (and keeps) alice's filters: none yet
    EXPECT_EQ(s["id"].GetString(), before);
    EXPECT_TRUE(filtered_titles(s).empty());

    std::string filter_id = add_filter(alice_token, "Gore", "home", "warn", "gore");
    std::string after = post_status(bob_token, R"({"status":"gore, filtered"})");
    s = parse_document(next_frame(ws).payload);
    EXPECT_EQ(s["id"].GetString(), after);
    EXPECT_EQ(filtered_titles(s), std::vector<std::string>{"Gore"});

    // Turned into a hide filter: the next gore post is dropped, the following one arrives.
    ASSERT_EQ(call(http::verb::put, "/api/v2/filters/" + filter_id, alice_token, R"({"filter_action":"hide"})").status,
              200);
    post_status(bob_token, R"({"status":"gore, hidden"})");
    std::string clean = post_status(bob_token, R"({"status":"flowers"})");
    EXPECT_EQ(parse_document(next_frame(ws).payload)["id"].GetString(), clean);

    // Deleted: gore is shown again, unmarked.
    ASSERT_EQ(call(http::verb::delete_, "/api/v2/filters/" + filter_id, alice_token).status, 200);
    std::string again = post_status(bob_token, R"({"status":"gore again"})");
    s = parse_document(next_frame(ws).payload);
    EXPECT_EQ(s["id"].GetString(), again);
    EXPECT_TRUE(filtered_titles(s).empty());
}

TEST_F(StreamedFilters, PublicStreamsApplyEachReadersPublicFilters) {
    add_filter(alice_token, "No spiders", "public", "hide", "spider");
    add_filter(carol_token, "Spiders", "public", "warn", "spider");
    add_filter(carol_token, "Home only", "home", "hide", "spider");  // another context: no effect here
    WebSocketClient alice_ws(node.port(), stream(alice_token, "stream=public"));
    WebSocketClient carol_ws(node.port(), stream(carol_token, "stream=public:local"));
    sync(alice_ws);
    sync(carol_ws);

    std::string spider = post_status(bob_token, R"({"status":"spider web in ink"})");
    std::string plain = post_status(bob_token, R"({"status":"ink wash"})");

    auto a = parse_document(next_frame(alice_ws).payload);
    EXPECT_EQ(a["id"].GetString(), plain);  // her hide filter dropped the spider
    EXPECT_TRUE(filtered_titles(a).empty());

    auto c1 = parse_document(next_frame(carol_ws).payload);
    EXPECT_EQ(c1["id"].GetString(), spider);
    EXPECT_EQ(filtered_titles(c1), std::vector<std::string>{"Spiders"});
    auto c2 = parse_document(next_frame(carol_ws).payload);
    EXPECT_EQ(c2["id"].GetString(), plain);
    EXPECT_TRUE(filtered_titles(c2).empty());
}

TEST_F(StreamedFilters, NotificationsOfHiddenStatusesAreNotStreamed) {
    add_filter(alice_token, "No spiders", "notifications", "hide", "spider");
    WebSocketClient ws(node.port(), stream(alice_token, "stream=user:notification"));
    sync(ws);
    post_status(bob_token, R"({"status":"@alice a spider for you"})");
    std::string kept = post_status(bob_token, R"({"status":"@alice a moth for you"})");
    Frame f = next_frame(ws);
    EXPECT_EQ(f.event, "notification");
    EXPECT_EQ(parse_document(f.payload)["status"]["id"].GetString(), kept);
}

}  // namespace
}  // namespace gesso::test
