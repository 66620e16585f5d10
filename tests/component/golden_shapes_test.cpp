// Every client API endpoint of issue 4 answers Mastodon's documented entity shapes: a real node populated through
// the API (users, follows, posts with media, polls, mentions and tags, favourites, boosts, bookmarks, lists,
// filters, markers, reports, scheduled statuses, edits, conversations, notifications), each answer compared with
// the entity transcribed from docs.joinmastodon.org (tests/fixtures/mastodon, support/json_shape.hpp), plus the
// values each request fixes. One test per route group.
#include "client_api_fixture.hpp"
#include "core/clock.hpp"
#include "support/json_shape.hpp"
#include "support/multipart.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class GoldenShapes : public ClientApi {
protected:
    // The JSON answer of a call that must answer `status`, compared with `entity` ("" skips the comparison;
    // a leading "[]" compares every element of an array).
    rapidjson::Document shaped(V method, const std::string& target, const std::string& token, const std::string& entity,
                               const std::string& body = "", int status = 200) {
        auto res = call(method, target, token, body);
        std::string where = std::string(http::to_string(method)) + " " + target;
        EXPECT_EQ(res.status, status) << where << ": " << res.body;
        auto doc = parse_document(res.body);
        expect_shape(doc, entity, where);
        return doc;
    }
    static void expect_shape(const rapidjson::Value& doc, const std::string& entity, const std::string& where) {
        if (entity.empty()) return;
        if (entity.rfind("[]", 0) == 0) {
            EXPECT_EQ(mastodon_shapes().compare_each(doc, entity.substr(2), where), "");
        } else {
            EXPECT_EQ(mastodon_shapes().compare(doc, entity, where), "");
        }
    }
    rapidjson::Document get(const std::string& target, const std::string& token, const std::string& entity) {
        return shaped(V::get, target, token, entity);
    }
    // A picture uploaded by `token` through POST /api/v1/media; its id.
    std::string upload(const std::string& token, const std::string& description) {
        auto png = media::encode(media::picture(64, 48, 5), ".png");
        auto res =
            call(V::post, "/api/v1/media", token,
                 multipart({{"file", png, "a.png", "image/png"}, {"description", description}}), multipart_type());
        EXPECT_EQ(res.status, 200) << res.body;
        auto doc = parse_document(res.body);
        expect_shape(doc, "MediaAttachment", "POST /api/v1/media");
        return doc["id"].GetString();
    }
    std::string bob_id() const { return std::to_string(bob.id); }
    std::string alice_id() const { return std::to_string(alice.id); }
    // A status by alice with a picture, a poll is separate (Mastodon refuses both), mentioning bob, tagged.
    std::string art_post() {
        auto media_id = upload(alice_token, "A heron in ink");
        auto s = shaped(V::post, "/api/v1/statuses", alice_token, "Status",
                        R"({"status":"New #inkwork for @bob","media_ids":[")" + media_id +
                            R"("],"sensitive":true,"spoiler_text":"bird","visibility":"public","language":"en"})");
        EXPECT_STREQ(s["visibility"].GetString(), "public");
        EXPECT_STREQ(s["spoiler_text"].GetString(), "bird");
        EXPECT_TRUE(s["sensitive"].GetBool());
        EXPECT_STREQ(s["language"].GetString(), "en");
        EXPECT_EQ(s["media_attachments"].Size(), 1u);
        EXPECT_EQ(s["mentions"].Size(), 1u);
        EXPECT_EQ(s["tags"].Size(), 1u);
        return s["id"].GetString();
    }
    std::string poll_post() {
        auto s = shaped(
            V::post, "/api/v1/statuses", alice_token, "Status",
            R"({"status":"Which palette?","poll":{"options":["warm","cold","both"],"expires_in":3600,"multiple":true}})");
        EXPECT_TRUE(s["poll"].IsObject());
        EXPECT_EQ(s["poll"]["options"].Size(), 3u);
        EXPECT_TRUE(s["poll"]["multiple"].GetBool());
        return s["id"].GetString();
    }
};

TEST_F(GoldenShapes, Instance) {
    auto v1 = get("/api/v1/instance", "", "V1_Instance");
    EXPECT_EQ(std::string(v1["uri"].GetString()), node.domain());
    get("/api/v1/instance/", "", "V1_Instance");
    auto v2 = get("/api/v2/instance", "", "Instance");
    EXPECT_EQ(std::string(v2["domain"].GetString()), node.domain());
    EXPECT_NE(std::string(v2["version"].GetString()).find("(compatible; Gesso "), std::string::npos);
    auto peers = get("/api/v1/instance/peers", "", "");
    ASSERT_TRUE(peers.IsArray());
    for (const auto& p : peers.GetArray()) EXPECT_TRUE(p.IsString());
    // Mastodon's weekly activity: week, statuses, logins, registrations, all strings.
    auto activity = get("/api/v1/instance/activity", "", "");
    ASSERT_TRUE(activity.IsArray());
    for (const auto& week : activity.GetArray())
        for (const char* key : {"week", "statuses", "logins", "registrations"})
            EXPECT_TRUE(week.HasMember(key) && week[key].IsString()) << key;
    get("/api/v1/custom_emojis", "", "[]CustomEmoji");
    for (const char* empty :
         {"/api/v1/announcements", "/api/v1/trends", "/api/v1/trends/tags", "/api/v1/trends/statuses"})
        EXPECT_TRUE(get(empty, alice_token, "").IsArray()) << empty;
}

TEST_F(GoldenShapes, AppsAndTokens) {
    auto created = shaped(
        V::post, "/api/v1/apps", "", "Application",
        R"({"client_name":"Golden","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write","website":"https://golden.example"})");
    EXPECT_STREQ(created["name"].GetString(), "Golden");
    ASSERT_TRUE(created.HasMember("client_id") && created.HasMember("client_secret"));
    std::string id = created["client_id"].GetString(), secret = created["client_secret"].GetString();
    auto token_res = call(V::post, "/oauth/token", "",
                          "grant_type=password&username=alice&password=correct+horse+battery&client_id=" + id +
                              "&client_secret=" + secret + "&scope=read",
                          "application/x-www-form-urlencoded");
    ASSERT_EQ(token_res.status, 200) << token_res.body;
    auto token = parse_document(token_res.body);
    expect_shape(token, "Token", "POST /oauth/token");
    EXPECT_STREQ(token["token_type"].GetString(), "Bearer");
    EXPECT_STREQ(token["scope"].GetString(), "read");
    auto app_seen = get("/api/v1/apps/verify_credentials", token["access_token"].GetString(), "Application");
    EXPECT_STREQ(app_seen["name"].GetString(), "Golden");
    // Errors: the Error entity, with the status code of the failure.
    auto bad = call(V::post, "/oauth/token", "",
                    "grant_type=password&username=alice&password=wrong&client_id=" + id + "&client_secret=" + secret,
                    "application/x-www-form-urlencoded");
    EXPECT_GE(bad.status, 400);
    expect_shape(parse_document(bad.body), "Error", "POST /oauth/token (wrong password)");
    shaped(V::get, "/api/v1/accounts/verify_credentials", "not-a-token", "Error", "", 401);
    shaped(V::get, "/api/v1/statuses/12345", alice_token, "Error", "", 404);
    shaped(V::post, "/api/v1/statuses", alice_token, "Error", R"({"status":""})", 422);
}

TEST_F(GoldenShapes, Accounts) {
    auto me = get("/api/v1/accounts/verify_credentials", alice_token, "Account");
    ASSERT_TRUE(me.HasMember("source"));  // the owner's view (CredentialAccount)
    EXPECT_STREQ(me["acct"].GetString(), "alice");
    auto updated = shaped(V::patch, "/api/v1/accounts/update_credentials", alice_token, "Account",
                          R"({"display_name":"Alice Ink","note":"I draw herons.","locked":false})");
    EXPECT_STREQ(updated["display_name"].GetString(), "Alice Ink");
    EXPECT_STREQ(updated["source"]["note"].GetString(), "I draw herons.");
    art_post();

    auto rel =
        shaped(V::post, "/api/v1/accounts/" + bob_id() + "/follow", alice_token, "Relationship", R"({"reblogs":true})");
    EXPECT_TRUE(rel["following"].GetBool());
    EXPECT_EQ(std::string(rel["id"].GetString()), bob_id());
    auto bob_seen = get("/api/v1/accounts/" + bob_id(), alice_token, "Account");
    EXPECT_EQ(bob_seen["followers_count"].GetInt(), 1);
    auto alice_seen = get("/api/v1/accounts/" + alice_id(), "", "Account");
    EXPECT_EQ(alice_seen["statuses_count"].GetInt(), 1);
    EXPECT_EQ(alice_seen["following_count"].GetInt(), 1);
    auto statuses = get("/api/v1/accounts/" + alice_id() + "/statuses", alice_token, "[]Status");
    EXPECT_EQ(statuses.Size(), 1u);
    get("/api/v1/accounts/" + alice_id() + "/statuses?only_media=true&exclude_reblogs=true", alice_token, "[]Status");
    get("/api/v1/accounts/" + alice_id() + "/statuses?pinned=true", alice_token, "[]Status");
    get("/api/v1/accounts/" + alice_id() + "/statuses?tagged=inkwork", alice_token, "[]Status");
    EXPECT_EQ(get("/api/v1/accounts/" + bob_id() + "/followers", alice_token, "[]Account").Size(), 1u);
    EXPECT_EQ(get("/api/v1/accounts/" + alice_id() + "/following", alice_token, "[]Account").Size(), 1u);
    auto rels =
        get("/api/v1/accounts/relationships?id[]=" + bob_id() + "&id[]=" + alice_id(), alice_token, "[]Relationship");
    EXPECT_EQ(rels.Size(), 2u);
    get("/api/v1/accounts/familiar_followers?id[]=" + bob_id(), alice_token, "[]FamiliarFollowers");
    auto found = get("/api/v1/accounts/lookup?acct=bob", alice_token, "Account");
    EXPECT_STREQ(found["username"].GetString(), "bob");
    get("/api/v1/accounts/search?q=bob", alice_token, "[]Account");
    get("/api/v1/accounts/" + bob_id() + "/lists", alice_token, "[]List");
    auto noted = shaped(V::post, "/api/v1/accounts/" + bob_id() + "/note", alice_token, "Relationship",
                        R"({"comment":"met at the fair"})");
    EXPECT_STREQ(noted["note"].GetString(), "met at the fair");
    EXPECT_TRUE(
        shaped(V::post, "/api/v1/accounts/" + bob_id() + "/mute", alice_token, "Relationship")["muting"].GetBool());
    EXPECT_FALSE(
        shaped(V::post, "/api/v1/accounts/" + bob_id() + "/unmute", alice_token, "Relationship")["muting"].GetBool());
    EXPECT_FALSE(shaped(V::post, "/api/v1/accounts/" + bob_id() + "/unfollow", alice_token, "Relationship")["following"]
                     .GetBool());
    EXPECT_TRUE(
        shaped(V::post, "/api/v1/accounts/" + bob_id() + "/block", alice_token, "Relationship")["blocking"].GetBool());
    EXPECT_FALSE(shaped(V::post, "/api/v1/accounts/" + bob_id() + "/unblock", alice_token, "Relationship")["blocking"]
                     .GetBool());

    // A remote account as the inbox stores one: acct is user@host, URLs absolute.
    auto carol = remote_account("carol", "remote.example");
    auto remote = get("/api/v1/accounts/" + std::to_string(carol.id), alice_token, "Account");
    EXPECT_STREQ(remote["acct"].GetString(), "carol@remote.example");
}

TEST_F(GoldenShapes, Statuses) {
    follow(bob.id, alice.id);
    auto id = art_post();
    auto shown = get("/api/v1/statuses/" + id, bob_token, "Status");
    EXPECT_STREQ(shown["media_attachments"][0]["description"].GetString(), "A heron in ink");
    EXPECT_STREQ(shown["mentions"][0]["acct"].GetString(), "bob");
    EXPECT_STREQ(shown["tags"][0]["name"].GetString(), "inkwork");
    auto reply = shaped(V::post, "/api/v1/statuses", bob_token, "Status",
                        R"({"status":"@alice lovely","in_reply_to_id":")" + id + R"(","visibility":"unlisted"})");
    EXPECT_EQ(std::string(reply["in_reply_to_id"].GetString()), id);
    EXPECT_EQ(std::string(reply["in_reply_to_account_id"].GetString()), alice_id());
    EXPECT_STREQ(reply["visibility"].GetString(), "unlisted");
    auto ctx = get("/api/v1/statuses/" + id + "/context", bob_token, "Context");
    EXPECT_EQ(ctx["descendants"].Size(), 1u);
    auto reply_ctx = get("/api/v1/statuses/" + std::string(reply["id"].GetString()) + "/context", bob_token, "Context");
    EXPECT_EQ(reply_ctx["ancestors"].Size(), 1u);

    auto faved = shaped(V::post, "/api/v1/statuses/" + id + "/favourite", bob_token, "Status");
    EXPECT_TRUE(faved["favourited"].GetBool());
    EXPECT_EQ(faved["favourites_count"].GetInt(), 1);
    auto boosted = shaped(V::post, "/api/v1/statuses/" + id + "/reblog", bob_token, "Status");
    ASSERT_TRUE(boosted["reblog"].IsObject());  // the boost wraps the original
    EXPECT_EQ(std::string(boosted["reblog"]["id"].GetString()), id);
    EXPECT_TRUE(boosted["reblog"]["reblogged"].GetBool());
    EXPECT_EQ(boosted["reblog"]["reblogs_count"].GetInt(), 1);
    EXPECT_TRUE(shaped(V::post, "/api/v1/statuses/" + id + "/bookmark", bob_token, "Status")["bookmarked"].GetBool());
    EXPECT_TRUE(shaped(V::post, "/api/v1/statuses/" + id + "/pin", alice_token, "Status")["pinned"].GetBool());
    EXPECT_TRUE(shaped(V::post, "/api/v1/statuses/" + id + "/mute", alice_token, "Status")["muted"].GetBool());
    EXPECT_EQ(get("/api/v1/statuses/" + id + "/favourited_by", alice_token, "[]Account").Size(), 1u);
    EXPECT_EQ(get("/api/v1/statuses/" + id + "/reblogged_by", alice_token, "[]Account").Size(), 1u);
    EXPECT_EQ(get("/api/v1/favourites", bob_token, "[]Status").Size(), 1u);
    EXPECT_EQ(get("/api/v1/bookmarks", bob_token, "[]Status").Size(), 1u);
    EXPECT_EQ(get("/api/v1/accounts/" + alice_id() + "/statuses?pinned=true", bob_token, "[]Status").Size(), 1u);

    EXPECT_FALSE(shaped(V::post, "/api/v1/statuses/" + id + "/unmute", alice_token, "Status")["muted"].GetBool());
    EXPECT_FALSE(shaped(V::post, "/api/v1/statuses/" + id + "/unpin", alice_token, "Status")["pinned"].GetBool());
    EXPECT_FALSE(
        shaped(V::post, "/api/v1/statuses/" + id + "/unbookmark", bob_token, "Status")["bookmarked"].GetBool());
    auto unboosted = shaped(V::post, "/api/v1/statuses/" + id + "/unreblog", bob_token, "Status");
    EXPECT_FALSE(unboosted["reblogged"].GetBool());
    auto unfaved = shaped(V::post, "/api/v1/statuses/" + id + "/unfavourite", bob_token, "Status");
    EXPECT_FALSE(unfaved["favourited"].GetBool());
    EXPECT_EQ(unfaved["favourites_count"].GetInt(), 0);

    // Edits: the new version, its history and source.
    auto edited = shaped(V::put, "/api/v1/statuses/" + id, alice_token, "Status",
                         R"({"status":"New #inkwork, finished","spoiler_text":"heron","sensitive":false})");
    EXPECT_STREQ(edited["spoiler_text"].GetString(), "heron");
    EXPECT_TRUE(edited["edited_at"].IsString());
    auto history = get("/api/v1/statuses/" + id + "/history", alice_token, "[]StatusEdit");
    EXPECT_EQ(history.Size(), 2u);
    auto source = get("/api/v1/statuses/" + id + "/source", alice_token, "StatusSource");
    EXPECT_STREQ(source["text"].GetString(), "New #inkwork, finished");
    EXPECT_STREQ(source["spoiler_text"].GetString(), "heron");

    auto deleted = shaped(V::delete_, "/api/v1/statuses/" + std::string(reply["id"].GetString()), bob_token, "Status");
    ASSERT_TRUE(deleted.HasMember("text") && deleted["text"].IsString());  // for redrafting
    EXPECT_STREQ(deleted["text"].GetString(), "@alice lovely");
}

TEST_F(GoldenShapes, Timelines) {
    follow(bob.id, alice.id);
    art_post();
    auto home = get("/api/v1/timelines/home", bob_token, "[]Status");
    EXPECT_EQ(home.Size(), 1u);
    EXPECT_EQ(get("/api/v1/timelines/public", "", "[]Status").Size(), 1u);
    get("/api/v1/timelines/public?local=true&only_media=true", bob_token, "[]Status");
    get("/api/v1/timelines/public?remote=true", bob_token, "[]Status");
    EXPECT_EQ(get("/api/v1/timelines/tag/inkwork", bob_token, "[]Status").Size(), 1u);
    auto list = shaped(V::post, "/api/v1/lists", bob_token, "List", R"({"title":"Artists"})");
    std::string list_id = list["id"].GetString();
    shaped(V::post, "/api/v1/lists/" + list_id + "/accounts", bob_token, "",
           R"({"account_ids":[")" + alice_id() + "\"]}");
    EXPECT_EQ(get("/api/v1/timelines/list/" + list_id, bob_token, "[]Status").Size(), 1u);
}

TEST_F(GoldenShapes, Notifications) {
    auto id = art_post();  // mentions bob
    shaped(V::post, "/api/v1/accounts/" + alice_id() + "/follow", bob_token, "Relationship");
    shaped(V::post, "/api/v1/statuses/" + id + "/favourite", bob_token, "Status");
    shaped(V::post, "/api/v1/statuses/" + id + "/reblog", bob_token, "Status");
    auto mine = get("/api/v1/notifications", alice_token, "[]Notification");
    std::vector<std::string> types;
    for (const auto& n : mine.GetArray()) types.emplace_back(n["type"].GetString());
    for (const char* t : {"follow", "favourite", "reblog"})
        EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
    auto only = get("/api/v1/notifications?types[]=favourite", alice_token, "[]Notification");
    ASSERT_EQ(only.Size(), 1u);
    EXPECT_STREQ(only[0]["type"].GetString(), "favourite");
    EXPECT_EQ(std::string(only[0]["status"]["id"].GetString()), id);
    EXPECT_EQ(std::string(only[0]["account"]["id"].GetString()), bob_id());
    get("/api/v1/notifications?exclude_types[]=follow", alice_token, "[]Notification");
    auto bobs = get("/api/v1/notifications", bob_token, "[]Notification");
    ASSERT_EQ(bobs.Size(), 1u);
    EXPECT_STREQ(bobs[0]["type"].GetString(), "mention");
    std::string nid = only[0]["id"].GetString();
    auto one = get("/api/v1/notifications/" + nid, alice_token, "Notification");
    EXPECT_STREQ(one["type"].GetString(), "favourite");
    EXPECT_TRUE(shaped(V::post, "/api/v1/notifications/" + nid + "/dismiss", alice_token, "").IsObject());
    EXPECT_TRUE(shaped(V::post, "/api/v1/notifications/clear", alice_token, "").IsObject());
    EXPECT_TRUE(get("/api/v1/notifications", alice_token, "[]Notification").Empty());
}

TEST_F(GoldenShapes, FollowRequests) {
    shaped(V::patch, "/api/v1/accounts/update_credentials", alice_token, "Account", R"({"locked":true})");
    auto rel = shaped(V::post, "/api/v1/accounts/" + alice_id() + "/follow", bob_token, "Relationship");
    EXPECT_TRUE(rel["requested"].GetBool());
    EXPECT_FALSE(rel["following"].GetBool());
    auto requests = get("/api/v1/follow_requests", alice_token, "[]Account");
    ASSERT_EQ(requests.Size(), 1u);
    EXPECT_EQ(std::string(requests[0]["id"].GetString()), bob_id());
    auto notes = get("/api/v1/notifications?types[]=follow_request", alice_token, "[]Notification");
    EXPECT_EQ(notes.Size(), 1u);
    auto accepted = shaped(V::post, "/api/v1/follow_requests/" + bob_id() + "/authorize", alice_token, "Relationship");
    EXPECT_TRUE(accepted["followed_by"].GetBool());
    shaped(V::post, "/api/v1/accounts/" + alice_id() + "/unfollow", bob_token, "Relationship");
    shaped(V::post, "/api/v1/accounts/" + alice_id() + "/follow", bob_token, "Relationship");
    EXPECT_FALSE(
        shaped(V::post, "/api/v1/follow_requests/" + bob_id() + "/reject", alice_token, "Relationship")["followed_by"]
            .GetBool());
}

TEST_F(GoldenShapes, Media) {
    auto id = upload(alice_token, "Ink study");
    auto png = media::encode(media::picture(80, 60, 7), ".png");
    auto v2 =
        call(V::post, "/api/v2/media", alice_token, multipart({{"file", png, "b.png", "image/png"}}), multipart_type());
    EXPECT_TRUE(v2.status == 200 || v2.status == 202) << v2.body;
    expect_shape(parse_document(v2.body), "MediaAttachment", "POST /api/v2/media");
    auto shown = get("/api/v1/media/" + id, alice_token, "MediaAttachment");
    EXPECT_STREQ(shown["type"].GetString(), "image");
    EXPECT_STREQ(shown["description"].GetString(), "Ink study");
    auto put = shaped(V::put, "/api/v1/media/" + id, alice_token, "MediaAttachment",
                      R"({"description":"Ink study, 2","focus":"0.5,-0.5"})");
    EXPECT_STREQ(put["description"].GetString(), "Ink study, 2");
    ASSERT_TRUE(put["meta"].HasMember("focus"));
    EXPECT_DOUBLE_EQ(put["meta"]["focus"]["x"].GetDouble(), 0.5);
    EXPECT_DOUBLE_EQ(put["meta"]["focus"]["y"].GetDouble(), -0.5);
}

TEST_F(GoldenShapes, Search) {
    auto id = art_post();
    auto by_tag = get("/api/v2/search?q=%23inkwork", bob_token, "Search");
    ASSERT_EQ(by_tag["hashtags"].Size(), 1u);
    EXPECT_STREQ(by_tag["hashtags"][0]["name"].GetString(), "inkwork");
    ASSERT_TRUE(by_tag["hashtags"][0]["history"].IsArray());
    auto by_name = get("/api/v2/search?q=alice&type=accounts", bob_token, "Search");
    EXPECT_GE(by_name["accounts"].Size(), 1u);
    auto status = get("/api/v1/statuses/" + id, bob_token, "Status");
    auto by_url = get("/api/v2/search?resolve=true&q=" + std::string(status["uri"].GetString()), bob_token, "Search");
    get("/api/v2/search?q=heron&type=statuses", bob_token, "Search");
    (void)by_url;
}

TEST_F(GoldenShapes, PreferencesAndMarkers) {
    auto prefs = get("/api/v1/preferences", alice_token, "Preferences");
    EXPECT_STREQ(prefs["posting:default:visibility"].GetString(), "public");
    auto id = art_post();
    auto saved = shaped(V::post, "/api/v1/markers", alice_token, "",
                        R"({"home":{"last_read_id":")" + id + R"("},"notifications":{"last_read_id":"1"}})");
    ASSERT_TRUE(saved.HasMember("home"));
    expect_shape(saved["home"], "Marker", "POST /api/v1/markers home");
    EXPECT_EQ(std::string(saved["home"]["last_read_id"].GetString()), id);
    auto read = get("/api/v1/markers?timeline[]=home&timeline[]=notifications", alice_token, "");
    ASSERT_TRUE(read.HasMember("home") && read.HasMember("notifications"));
    expect_shape(read["home"], "Marker", "GET /api/v1/markers home");
    expect_shape(read["notifications"], "Marker", "GET /api/v1/markers notifications");
}

TEST_F(GoldenShapes, Lists) {
    follow(alice.id, bob.id);
    auto list =
        shaped(V::post, "/api/v1/lists", alice_token, "List", R"({"title":"Friends","replies_policy":"followed"})");
    EXPECT_STREQ(list["title"].GetString(), "Friends");
    EXPECT_STREQ(list["replies_policy"].GetString(), "followed");
    std::string id = list["id"].GetString();
    EXPECT_EQ(get("/api/v1/lists", alice_token, "[]List").Size(), 1u);
    get("/api/v1/lists/" + id, alice_token, "List");
    auto renamed = shaped(V::put, "/api/v1/lists/" + id, alice_token, "List", R"({"title":"Close friends"})");
    EXPECT_STREQ(renamed["title"].GetString(), "Close friends");
    shaped(V::post, "/api/v1/lists/" + id + "/accounts", alice_token, "", R"({"account_ids":[")" + bob_id() + "\"]}");
    EXPECT_EQ(get("/api/v1/lists/" + id + "/accounts", alice_token, "[]Account").Size(), 1u);
    EXPECT_EQ(get("/api/v1/accounts/" + bob_id() + "/lists", alice_token, "[]List").Size(), 1u);
    shaped(V::delete_, "/api/v1/lists/" + id + "/accounts?account_ids[]=" + bob_id(), alice_token, "");
    EXPECT_TRUE(get("/api/v1/lists/" + id + "/accounts", alice_token, "[]Account").Empty());
    shaped(V::delete_, "/api/v1/lists/" + id, alice_token, "");
    EXPECT_TRUE(get("/api/v1/lists", alice_token, "[]List").Empty());
}

TEST_F(GoldenShapes, Filters) {
    follow(bob.id, alice.id);
    auto f = shaped(
        V::post, "/api/v2/filters", bob_token, "Filter",
        R"({"title":"Birds","context":["home","public"],"filter_action":"warn","keywords_attributes":[{"keyword":"heron","whole_word":true}]})");
    EXPECT_STREQ(f["title"].GetString(), "Birds");
    EXPECT_STREQ(f["filter_action"].GetString(), "warn");
    ASSERT_EQ(f["keywords"].Size(), 1u);
    std::string id = f["id"].GetString();
    get("/api/v2/filters", bob_token, "[]Filter");
    get("/api/v2/filters/" + id, bob_token, "Filter");
    shaped(V::put, "/api/v2/filters/" + id, bob_token, "Filter", R"({"title":"Water birds"})");
    auto kw = shaped(V::post, "/api/v2/filters/" + id + "/keywords", bob_token, "FilterKeyword",
                     R"({"keyword":"egret","whole_word":false})");
    EXPECT_STREQ(kw["keyword"].GetString(), "egret");
    EXPECT_FALSE(kw["whole_word"].GetBool());
    std::string kw_id = kw["id"].GetString();
    get("/api/v2/filters/" + id + "/keywords", bob_token, "[]FilterKeyword");
    get("/api/v2/filters/keywords/" + kw_id, bob_token, "FilterKeyword");
    shaped(V::put, "/api/v2/filters/keywords/" + kw_id, bob_token, "FilterKeyword", R"({"keyword":"egrets"})");
    shaped(V::delete_, "/api/v2/filters/keywords/" + kw_id, bob_token, "");
    auto post = post_status(alice_token, R"({"status":"A grey heron at dawn"})");
    auto fs = shaped(V::post, "/api/v2/filters/" + id + "/statuses", bob_token, "FilterStatus",
                     R"({"status_id":")" + post + "\"}");
    EXPECT_EQ(std::string(fs["status_id"].GetString()), post);
    get("/api/v2/filters/" + id + "/statuses", bob_token, "[]FilterStatus");
    get("/api/v2/filters/statuses/" + std::string(fs["id"].GetString()), bob_token, "FilterStatus");
    // The matching status carries FilterResults.
    auto home = get("/api/v1/timelines/home", bob_token, "[]Status");
    ASSERT_EQ(home.Size(), 1u);
    ASSERT_TRUE(home[0].HasMember("filtered"));
    ASSERT_EQ(home[0]["filtered"].Size(), 1u);
    EXPECT_STREQ(home[0]["filtered"][0]["filter"]["title"].GetString(), "Water birds");
    shaped(V::delete_, "/api/v2/filters/statuses/" + std::string(fs["id"].GetString()), bob_token, "");

    auto v1 = shaped(V::post, "/api/v1/filters", bob_token, "V1_Filter",
                     R"({"phrase":"politics","context":["home"],"whole_word":true})");
    EXPECT_STREQ(v1["phrase"].GetString(), "politics");
    EXPECT_TRUE(v1["whole_word"].GetBool());
    std::string v1_id = v1["id"].GetString();
    get("/api/v1/filters", bob_token, "[]V1_Filter");
    get("/api/v1/filters/" + v1_id, bob_token, "V1_Filter");
    EXPECT_STREQ(shaped(V::put, "/api/v1/filters/" + v1_id, bob_token, "V1_Filter",
                        R"({"phrase":"elections","context":["home"]})")["phrase"]
                     .GetString(),
                 "elections");
    shaped(V::delete_, "/api/v1/filters/" + v1_id, bob_token, "");
    shaped(V::delete_, "/api/v2/filters/" + id, bob_token, "");
}

TEST_F(GoldenShapes, BlocksMutesAndDomainBlocks) {
    shaped(V::post, "/api/v1/accounts/" + bob_id() + "/block", alice_token, "Relationship");
    EXPECT_EQ(get("/api/v1/blocks", alice_token, "[]Account").Size(), 1u);
    auto carol = node.create_account("carol");
    shaped(V::post, "/api/v1/accounts/" + std::to_string(carol.id) + "/mute", alice_token, "Relationship");
    EXPECT_EQ(get("/api/v1/mutes", alice_token, "[]Account").Size(), 1u);
    EXPECT_TRUE(shaped(V::post, "/api/v1/domain_blocks", alice_token, "", R"({"domain":"spam.example"})").IsObject());
    auto domains = get("/api/v1/domain_blocks", alice_token, "");
    ASSERT_TRUE(domains.IsArray());
    ASSERT_EQ(domains.Size(), 1u);
    EXPECT_STREQ(domains[0].GetString(), "spam.example");
    shaped(V::delete_, "/api/v1/domain_blocks?domain=spam.example", alice_token, "");
    for (const char* empty : {"/api/v1/endorsements", "/api/v1/suggestions", "/api/v2/suggestions"})
        EXPECT_TRUE(get(empty, alice_token, "").IsArray()) << empty;
}

TEST_F(GoldenShapes, PollsAndReports) {
    auto id = poll_post();
    auto status = get("/api/v1/statuses/" + id, bob_token, "Status");
    std::string poll_id = status["poll"]["id"].GetString();
    auto poll = get("/api/v1/polls/" + poll_id, bob_token, "Poll");
    EXPECT_FALSE(poll["voted"].GetBool());
    auto voted = shaped(V::post, "/api/v1/polls/" + poll_id + "/votes", bob_token, "Poll", R"({"choices":[0,2]})");
    EXPECT_TRUE(voted["voted"].GetBool());
    EXPECT_EQ(voted["votes_count"].GetInt(), 2);
    EXPECT_EQ(voted["voters_count"].GetInt(), 1);
    ASSERT_EQ(voted["own_votes"].Size(), 2u);
    EXPECT_EQ(voted["options"][0]["votes_count"].GetInt(), 1);

    auto report = shaped(V::post, "/api/v1/reports", bob_token, "Report",
                         R"({"account_id":")" + alice_id() + R"(","status_ids":[")" + id +
                             R"("],"comment":"spam poll","category":"spam"})");
    EXPECT_STREQ(report["comment"].GetString(), "spam poll");
    EXPECT_STREQ(report["category"].GetString(), "spam");
    EXPECT_FALSE(report["action_taken"].GetBool());
    EXPECT_EQ(std::string(report["target_account"]["id"].GetString()), alice_id());
}

TEST_F(GoldenShapes, Conversations) {
    post_status(alice_token, R"({"status":"@bob a sketch for you","visibility":"direct"})");
    auto convs = get("/api/v1/conversations", bob_token, "[]Conversation");
    ASSERT_EQ(convs.Size(), 1u);
    EXPECT_STREQ(convs[0]["last_status"]["visibility"].GetString(), "direct");
    EXPECT_EQ(convs[0]["accounts"].Size(), 1u);
    EXPECT_EQ(std::string(convs[0]["accounts"][0]["id"].GetString()), alice_id());
    get("/api/v1/conversations", alice_token, "[]Conversation");
}

TEST_F(GoldenShapes, ScheduledStatuses) {
    std::string at = core::format_iso8601(node.ctx().clock.now() + std::chrono::hours(2));
    auto s = shaped(V::post, "/api/v1/statuses", alice_token, "ScheduledStatus",
                    R"({"status":"later","visibility":"unlisted","scheduled_at":")" + at + "\"}");
    EXPECT_STREQ(s["params"]["text"].GetString(), "later");
    EXPECT_STREQ(s["params"]["visibility"].GetString(), "unlisted");
    std::string id = s["id"].GetString();
    EXPECT_EQ(get("/api/v1/scheduled_statuses", alice_token, "[]ScheduledStatus").Size(), 1u);
    get("/api/v1/scheduled_statuses/" + id, alice_token, "ScheduledStatus");
    std::string later = core::format_iso8601(node.ctx().clock.now() + std::chrono::hours(3));
    auto moved = shaped(V::put, "/api/v1/scheduled_statuses/" + id, alice_token, "ScheduledStatus",
                        R"({"scheduled_at":")" + later + "\"}");
    EXPECT_EQ(std::string(moved["scheduled_at"].GetString()), later);
    shaped(V::delete_, "/api/v1/scheduled_statuses/" + id, alice_token, "");
    EXPECT_TRUE(get("/api/v1/scheduled_statuses", alice_token, "[]ScheduledStatus").Empty());
}

}  // namespace
}  // namespace gesso::test
