// The Mastodon accounts and relationships API over real HTTP on a real node: account statuses with filters and
// visibility, followers/following, relationships and every action that changes one (follow with options,
// unfollow, block, mute with expiry, note), follow requests, lookup and search, bookmarks and favourites,
// the person's own domain blocks, and the small endpoints apps read on start-up.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "support/api_session.hpp"
#include "support/manual_clock.hpp"

namespace gesso::test {
namespace {

using http::verb;

std::set<std::string> ids_of(const rapidjson::Value& array) {
    std::set<std::string> out;
    for (const auto& v : array.GetArray()) out.insert(v["id"].GetString());
    return out;
}

std::vector<std::string> ordered_ids(const rapidjson::Value& array) {
    std::vector<std::string> out;
    for (const auto& v : array.GetArray()) out.emplace_back(v["id"].GetString());
    return out;
}

TestNodeOptions with_clock(const core::Clock* clock) {
    TestNodeOptions o;
    o.clock = clock;
    return o;
}

// Mastodon's Relationship entity: every field, with its JSON type
// (https://docs.joinmastodon.org/entities/Relationship/).
void expect_relationship_shape(const rapidjson::Value& r) {
    ASSERT_TRUE(r.IsObject());
    EXPECT_TRUE(r["id"].IsString());
    for (const char* b :
         {"following", "showing_reblogs", "notifying", "followed_by", "blocking", "blocked_by", "muting",
          "muting_notifications", "requested", "requested_by", "domain_blocking", "endorsed"}) {
        ASSERT_TRUE(r.HasMember(b)) << b;
        EXPECT_TRUE(r[b].IsBool()) << b;
    }
    ASSERT_TRUE(r.HasMember("languages"));
    EXPECT_TRUE(r["languages"].IsNull() || r["languages"].IsArray());
    ASSERT_TRUE(r.HasMember("note"));
    EXPECT_TRUE(r["note"].IsString());
}

class AccountsApi : public ::testing::Test {
protected:
    AccountsApi() : node(with_clock(&clock)), api(node) {
        alice = node.create_account("alice");
        bob = node.create_account("bob");
        carol = node.create_account("carol");
        alice_token = api.login("alice");
        bob_token = api.login("bob");
        carol_token = api.login("carol");
    }

    std::string id(const core::Account& a) { return std::to_string(a.id); }
    std::string post(const std::string& token, const std::string& json) {
        auto res = api.post("/api/v1/statuses", token, json);
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
    }
    rapidjson::Document relationship(const std::string& token, const core::Account& target) {
        auto doc = api.ok(verb::get, "/api/v1/accounts/relationships?id[]=" + id(target), token);
        EXPECT_EQ(doc.Size(), 1u);
        rapidjson::Document one;
        one.CopyFrom(doc[0], one.GetAllocator());
        return one;
    }
    std::vector<std::string> home(const std::string& token) {
        return ordered_ids(api.ok(verb::get, "/api/v1/timelines/home", token));
    }
    std::vector<std::string> notification_types(const std::string& token) {
        std::vector<std::string> out;
        auto doc = api.ok(verb::get, "/api/v1/notifications", token);
        for (const auto& n : doc.GetArray()) out.emplace_back(n["type"].GetString());
        return out;
    }
    void run_sql(const std::string& sql) {
        node.db().write([&](storage::Connection& c) { c.exec(sql); });
    }

    ManualClock clock;
    TestNode node;
    ApiSession api;
    core::Account alice, bob, carol;
    std::string alice_token, bob_token, carol_token;
};

TEST_F(AccountsApi, AccountStatusesFollowVisibilityAndFilters) {
    std::string bobs = post(bob_token, R"({"status":"bob's own"})");
    std::string pub = post(alice_token, R"({"status":"public #Painting"})");
    std::string unlisted = post(alice_token, R"({"status":"quiet","visibility":"unlisted"})");
    std::string priv = post(alice_token, R"({"status":"friends only","visibility":"private"})");
    std::string direct = post(alice_token, R"({"status":"@bob just you","visibility":"direct"})");
    std::string reply_other = post(alice_token, R"({"status":"nice","in_reply_to_id":")" + bobs + "\"}");
    std::string reply_self = post(alice_token, R"({"status":"thread 2/2","in_reply_to_id":")" + pub + "\"}");
    api.ok(verb::post, "/api/v1/statuses/" + bobs + "/reblog", alice_token);
    std::string boost_id =
        ordered_ids(api.ok(verb::get, "/api/v1/accounts/" + id(alice) + "/statuses?limit=1", alice_token))[0];
    api.ok(verb::post, "/api/v1/statuses/" + unlisted + "/pin", alice_token);

    std::string path = "/api/v1/accounts/" + id(alice) + "/statuses";
    std::set<std::string> everyone{pub, unlisted, reply_other, reply_self, boost_id};
    EXPECT_EQ(ids_of(api.ok(verb::get, path, "")), everyone);
    EXPECT_EQ(ids_of(api.ok(verb::get, path, carol_token)), everyone);
    std::set<std::string> for_bob = everyone;
    for_bob.insert(direct);  // addressed to bob
    EXPECT_EQ(ids_of(api.ok(verb::get, path, bob_token)), for_bob);
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token);
    for_bob.insert(priv);  // now a follower
    EXPECT_EQ(ids_of(api.ok(verb::get, path, bob_token)), for_bob);
    EXPECT_EQ(ids_of(api.ok(verb::get, path, alice_token)).size(), 7u);  // the author sees all

    auto without = [&](std::set<std::string> s, const std::string& gone) {
        s.erase(gone);
        return s;
    };
    EXPECT_EQ(ids_of(api.ok(verb::get, path + "?exclude_reblogs=true", carol_token)), without(everyone, boost_id));
    EXPECT_EQ(ids_of(api.ok(verb::get, path + "?exclude_replies=1", carol_token)), without(everyone, reply_other));
    EXPECT_EQ(ids_of(api.ok(verb::get, path + "?tagged=painting", carol_token)), std::set<std::string>{pub});
    EXPECT_EQ(ids_of(api.ok(verb::get, path + "?pinned=True", carol_token)), std::set<std::string>{unlisted});

    // only_media: a status with a real attachment posted through the API.
    core::MediaAttachment m;
    m.id = node.ctx().ids.next();
    m.account_id = alice.id;
    m.file_path = "media/x.png";
    m.mime_type = "image/png";
    m.width = m.height = 10;
    m.created_at = clock.now();
    node.db().write([&](storage::Connection& c) { storage::insert_media(c, m); });
    std::string with_media = post(alice_token, R"({"status":"art","media_ids":[")" + std::to_string(m.id) + "\"]}");
    auto media_only = api.ok(verb::get, path + "?only_media=true", carol_token);
    ASSERT_EQ(media_only.Size(), 1u);
    EXPECT_EQ(std::string(media_only[0]["id"].GetString()), with_media);
    EXPECT_EQ(media_only[0]["media_attachments"].Size(), 1u);

    // Paging with Link headers, newest first.
    auto first = api.get(path + "?limit=2", carol_token);
    auto page = parse_document(first.body);
    ASSERT_EQ(page.Size(), 2u);
    EXPECT_EQ(std::string(page[0]["id"].GetString()), with_media);
    std::string oldest = page[1]["id"].GetString();
    EXPECT_NE(first.header("link").find("max_id=" + oldest + ">; rel=\"next\""), std::string::npos)
        << first.header("link");
    auto next = ordered_ids(api.ok(verb::get, path + "?limit=2&max_id=" + oldest, carol_token));
    ASSERT_EQ(next.size(), 2u);
    EXPECT_LT(std::stoll(next[0]), std::stoll(oldest));
    auto filtered = api.get(path + "?limit=1&exclude_reblogs=true", carol_token);
    EXPECT_NE(filtered.header("link").find("exclude_reblogs=true"), std::string::npos) << filtered.header("link");

    // Someone alice blocks sees nothing; unknown accounts are 404; nonsense booleans are 422.
    api.ok(verb::post, "/api/v1/accounts/" + id(carol) + "/block", alice_token);
    EXPECT_EQ(api.ok(verb::get, path, carol_token).Size(), 0u);
    EXPECT_EQ(api.get("/api/v1/accounts/424242/statuses", "").status, 404);
    EXPECT_EQ(api.get(path + "?only_media=maybe", "").status, 422);
}

TEST_F(AccountsApi, FollowersAndFollowingPageAndRespectHiddenCollections) {
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token);
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", carol_token);
    std::string followers = "/api/v1/accounts/" + id(alice) + "/followers";
    auto all = api.ok(verb::get, followers, "");
    ASSERT_EQ(all.Size(), 2u);
    EXPECT_EQ(std::string(all[0]["id"].GetString()), id(carol));  // newest follow first
    EXPECT_EQ(std::string(all[1]["id"].GetString()), id(bob));
    EXPECT_EQ(all[0]["following_count"].GetInt(), 1);
    EXPECT_TRUE(all[0]["created_at"].IsString());

    auto first = api.get(followers + "?limit=1", "");
    EXPECT_EQ(ordered_ids(parse_document(first.body)), std::vector<std::string>{id(carol)});
    std::string link = first.header("link");
    auto at = link.find("max_id=");
    ASSERT_NE(at, std::string::npos) << link;
    std::string cursor = link.substr(at + 7, link.find('>', at) - at - 7);
    EXPECT_NE(cursor, id(carol));  // paged by the follow row, not the account
    EXPECT_EQ(ordered_ids(api.ok(verb::get, followers + "?limit=1&max_id=" + cursor, "")),
              std::vector<std::string>{id(bob)});
    EXPECT_EQ(api.ok(verb::get, followers + "?limit=1&min_id=" + cursor, "").Size(), 0u);

    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/accounts/" + id(bob) + "/following", "")),
              std::vector<std::string>{id(alice)});

    node.db().write([&](storage::Connection& c) { storage::set_collections_hidden(c, alice.id, true); });
    EXPECT_EQ(api.ok(verb::get, followers, bob_token).Size(), 0u);
    EXPECT_EQ(api.ok(verb::get, followers, "").Size(), 0u);
    EXPECT_EQ(api.ok(verb::get, followers, alice_token).Size(), 2u);  // the owner still sees them
    EXPECT_EQ(api.get("/api/v1/accounts/999999/followers", "").status, 404);
    EXPECT_EQ(api.get("/api/v1/accounts/nonsense/following", "").status, 404);
}

TEST_F(AccountsApi, RelationshipsFollowUnfollowBlockMuteAndNote) {
    auto r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token,
                    R"({"reblogs":false,"notify":true,"languages":["en","de"]})");
    expect_relationship_shape(r);
    EXPECT_EQ(std::string(r["id"].GetString()), id(alice));
    EXPECT_TRUE(r["following"].GetBool());
    EXPECT_FALSE(r["showing_reblogs"].GetBool());
    EXPECT_TRUE(r["notifying"].GetBool());
    ASSERT_TRUE(r["languages"].IsArray());
    EXPECT_EQ(r["languages"].Size(), 2u);
    // Following again with one option changes only that one.
    r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token, R"({"reblogs":"True"})");
    EXPECT_TRUE(r["showing_reblogs"].GetBool());
    EXPECT_TRUE(r["notifying"].GetBool());

    // Asked for several ids (unknown ones skipped), in order, from the other side too.
    auto many = api.ok(verb::get, "/api/v1/accounts/relationships?id[]=" + id(bob) + "&id[]=777&id[]=" + id(carol),
                       alice_token);
    ASSERT_EQ(many.Size(), 2u);
    expect_relationship_shape(many[0]);
    EXPECT_EQ(std::string(many[0]["id"].GetString()), id(bob));
    EXPECT_TRUE(many[0]["followed_by"].GetBool());
    EXPECT_FALSE(many[0]["following"].GetBool());
    EXPECT_FALSE(many[1]["followed_by"].GetBool());

    r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/note", bob_token, R"({"comment":"met at the fair"})");
    EXPECT_STREQ(r["note"].GetString(), "met at the fair");
    EXPECT_STREQ(relationship(alice_token, bob)["note"].GetString(), "");  // private to bob

    r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/mute", bob_token, R"({"notifications":false})");
    EXPECT_TRUE(r["muting"].GetBool());
    EXPECT_FALSE(r["muting_notifications"].GetBool());
    EXPECT_TRUE(r["following"].GetBool());  // muting keeps the follow
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/mutes", bob_token)), std::vector<std::string>{id(alice)});
    r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/unmute", bob_token);
    EXPECT_FALSE(r["muting"].GetBool());

    r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/unfollow", bob_token);
    EXPECT_FALSE(r["following"].GetBool());
    EXPECT_FALSE(r["notifying"].GetBool());

    api.ok(verb::post, "/api/v1/accounts/" + id(carol) + "/follow", alice_token);
    r = api.ok(verb::post, "/api/v1/accounts/" + id(carol) + "/block", alice_token);
    EXPECT_TRUE(r["blocking"].GetBool());
    EXPECT_FALSE(r["following"].GetBool());  // a block ends the follow
    EXPECT_TRUE(relationship(carol_token, alice)["blocked_by"].GetBool());
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/blocks", alice_token)), std::vector<std::string>{id(carol)});
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/follow", carol_token).status, 403);
    r = api.ok(verb::post, "/api/v1/accounts/" + id(carol) + "/unblock", alice_token);
    EXPECT_FALSE(r["blocking"].GetBool());
    EXPECT_EQ(api.ok(verb::get, "/api/v1/blocks", alice_token).Size(), 0u);

    // Errors: unknown account, no token, missing scopes, bad options, oneself.
    EXPECT_EQ(api.post("/api/v1/accounts/999999/follow", bob_token).status, 404);
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/follow", "").status, 401);
    std::string read_only = api.login("bob", "read");
    auto refused = api.post("/api/v1/accounts/" + id(alice) + "/follow", read_only);
    EXPECT_EQ(refused.status, 403);
    EXPECT_TRUE(parse_document(refused.body)["error"].IsString());
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/mute", read_only).status, 403);
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/block", read_only).status, 403);
    std::string no_follows = api.login("bob", "read:accounts");
    EXPECT_EQ(api.get("/api/v1/accounts/relationships?id[]=" + id(alice), no_follows).status, 403);
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/follow", bob_token, R"({"languages":["English"]})").status,
              422);
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/mute", bob_token, R"({"duration":-5})").status, 422);
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(bob) + "/mute", bob_token).status, 422);
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(alice) + "/note", bob_token,
                       "{\"comment\":\"" + std::string(2001, 'x') + "\"}")
                  .status,
              422);
    std::string too_many = "/api/v1/accounts/relationships?";
    for (int i = 0; i < 101; ++i) too_many += "id[]=" + std::to_string(i + 1) + "&";
    EXPECT_EQ(api.get(too_many, bob_token).status, 422);
}

TEST_F(AccountsApi, FollowOptionsDecideBoostsInHomeAndNewPostNotifications) {
    core::Account dave = node.create_account("dave");
    std::string dave_token = api.login("dave");
    auto form = api.call(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token,
                         "reblogs=false&notify=true", "application/x-www-form-urlencoded");
    ASSERT_EQ(form.status, 200) << form.body;
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", dave_token);  // defaults
    std::string carols = post(carol_token, R"({"status":"carol's painting"})");
    api.ok(verb::post, "/api/v1/statuses/" + carols + "/reblog", alice_token);
    std::string alices = post(alice_token, R"({"status":"new work"})");
    post(alice_token, R"({"status":"@carol thanks","in_reply_to_id":")" + carols + "\"}");  // a reply: no "status"

    auto bob_home = home(bob_token);
    auto dave_home = home(dave_token);
    EXPECT_EQ(std::count(bob_home.begin(), bob_home.end(), alices), 1);
    EXPECT_EQ(dave_home.size(), bob_home.size() + 1);  // dave also got the boost
    auto bob_notes = api.ok(verb::get, "/api/v1/notifications", bob_token);
    ASSERT_EQ(bob_notes.Size(), 1u);  // the new post, not the reply to carol nor the boost
    EXPECT_STREQ(bob_notes[0]["type"].GetString(), "status");
    EXPECT_EQ(std::string(bob_notes[0]["status"]["id"].GetString()), alices);
    EXPECT_EQ(api.ok(verb::get, "/api/v1/notifications?types[]=status", dave_token).Size(), 0u);
}

TEST_F(AccountsApi, MutesHideHomeAndNotificationsUntilTheyExpire) {
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token);
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/mute", bob_token, R"({"duration":3600})");
    std::string hidden = post(alice_token, R"({"status":"@bob look"})");
    auto h = home(bob_token);
    EXPECT_EQ(std::count(h.begin(), h.end(), hidden), 0);
    EXPECT_TRUE(notification_types(bob_token).empty());
    // Boosts of a muted account's post by someone else are hidden too.
    api.ok(verb::post, "/api/v1/accounts/" + id(carol) + "/follow", bob_token);
    std::string pub = post(alice_token, R"({"status":"public"})");
    api.ok(verb::post, "/api/v1/statuses/" + pub + "/reblog", carol_token);
    h = home(bob_token);
    EXPECT_TRUE(h.empty()) << h.size();

    clock.advance(std::chrono::seconds(3601));  // the mute ran out
    h = home(bob_token);
    EXPECT_EQ(std::count(h.begin(), h.end(), hidden), 1);
    EXPECT_FALSE(relationship(bob_token, alice)["muting"].GetBool());
    EXPECT_EQ(api.ok(verb::get, "/api/v1/mutes", bob_token).Size(), 0u);

    // A mute without notifications hides the home timeline but still notifies.
    EXPECT_EQ(api.call(verb::post, "/api/v1/accounts/" + id(alice) + "/mute", bob_token, "notifications=0",
                       "application/x-www-form-urlencoded")
                  .status,
              200);
    std::string mention = post(alice_token, R"({"status":"@bob again"})");
    h = home(bob_token);
    EXPECT_EQ(std::count(h.begin(), h.end(), mention), 0);
    EXPECT_EQ(notification_types(bob_token), std::vector<std::string>{"mention"});
}

TEST_F(AccountsApi, LockedAccountsAnswerFollowRequests) {
    run_sql("UPDATE accounts SET locked = 1 WHERE username = 'alice'");
    auto r = api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", bob_token);
    EXPECT_TRUE(r["requested"].GetBool());
    EXPECT_FALSE(r["following"].GetBool());
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", carol_token);
    EXPECT_TRUE(relationship(alice_token, bob)["requested_by"].GetBool());

    auto listed = api.get("/api/v1/follow_requests?limit=1", alice_token);
    EXPECT_EQ(ordered_ids(parse_document(listed.body)), std::vector<std::string>{id(carol)});
    EXPECT_NE(listed.header("link").find("rel=\"next\""), std::string::npos);
    EXPECT_EQ(api.ok(verb::get, "/api/v1/follow_requests", alice_token).Size(), 2u);

    r = api.ok(verb::post, "/api/v1/follow_requests/" + id(bob) + "/authorize", alice_token);
    EXPECT_TRUE(r["followed_by"].GetBool());
    EXPECT_FALSE(r["requested_by"].GetBool());
    r = api.ok(verb::post, "/api/v1/follow_requests/" + id(carol) + "/reject", alice_token);
    EXPECT_FALSE(r["followed_by"].GetBool());
    EXPECT_EQ(api.ok(verb::get, "/api/v1/follow_requests", alice_token).Size(), 0u);
    EXPECT_TRUE(relationship(bob_token, alice)["following"].GetBool());
    EXPECT_FALSE(relationship(carol_token, alice)["requested"].GetBool());
    EXPECT_EQ(api.post("/api/v1/follow_requests/" + id(carol) + "/authorize", alice_token).status, 404);
}

TEST_F(AccountsApi, LookupAndSearchFindLocalAndKnownRemoteAccounts) {
    core::Account shy = node.insert_remote_follower(alice, "alina");  // remote, not discoverable, follows alice
    core::Account open = node.insert_remote_follower(bob, "alfred");
    run_sql("UPDATE accounts SET discoverable = 1, display_name = 'Fred' WHERE username = 'alfred'");

    EXPECT_EQ(std::string(api.ok(verb::get, "/api/v1/accounts/lookup?acct=alice", "")["id"].GetString()), id(alice));
    EXPECT_EQ(
        std::string(api.ok(verb::get, "/api/v1/accounts/lookup?acct=@alice@" + node.domain(), "")["id"].GetString()),
        id(alice));
    auto remote = api.ok(verb::get, "/api/v1/accounts/lookup?acct=alina@remote.test", "");
    EXPECT_STREQ(remote["acct"].GetString(), "alina@remote.test");
    EXPECT_EQ(api.get("/api/v1/accounts/lookup?acct=nobody", "").status, 404);
    EXPECT_EQ(api.get("/api/v1/accounts/lookup", "").status, 404);

    auto found = api.ok(verb::get, "/api/v1/accounts/search?q=al", carol_token);
    EXPECT_EQ(ids_of(found), (std::set<std::string>{id(alice), id(open)}));  // alina is not discoverable
    EXPECT_EQ(std::string(found[0]["id"].GetString()), id(alice));           // local first
    auto by_name = api.ok(verb::get, "/api/v1/accounts/search?q=fre", carol_token);
    EXPECT_EQ(ordered_ids(by_name), std::vector<std::string>{id(open)});  // display name prefix
    auto full = api.ok(verb::get, "/api/v1/accounts/search?q=@alina@remote.test", carol_token);
    EXPECT_EQ(ordered_ids(full), std::vector<std::string>{id(shy)});  // asked by full handle
    EXPECT_STREQ(full[0]["acct"].GetString(), "alina@remote.test");

    // alice follows alina back: she may list her.
    run_sql("INSERT INTO follows (id, account_id, target_account_id, uri, accepted, created_at) VALUES (77, " +
            id(alice) + ", " + id(shy) + ", 'urn:f', 1, 0)");
    EXPECT_EQ(ids_of(api.ok(verb::get, "/api/v1/accounts/search?q=al", alice_token)).count(id(shy)), 1u);
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/accounts/search?q=al&following=true", alice_token)),
              std::vector<std::string>{id(shy)});
    EXPECT_EQ(api.ok(verb::get, "/api/v1/accounts/search?q=al&limit=1", carol_token).Size(), 1u);
    EXPECT_EQ(api.ok(verb::get, "/api/v1/accounts/search?q=al&offset=5", carol_token).Size(), 0u);
    EXPECT_EQ(api.ok(verb::get, "/api/v1/accounts/search?q=al&offset=100000", carol_token).Size(), 0u);
    EXPECT_EQ(api.ok(verb::get, "/api/v1/accounts/search?q=%25", carol_token).Size(), 0u);  // LIKE wildcards are text
    EXPECT_EQ(api.get("/api/v1/accounts/search", carol_token).status, 400);
    EXPECT_EQ(api.get("/api/v1/accounts/search?q=al", "").status, 401);

    // familiar_followers: whom carol follows among bob's followers.
    api.ok(verb::post, "/api/v1/accounts/" + id(bob) + "/follow", alice_token);
    api.ok(verb::post, "/api/v1/accounts/" + id(alice) + "/follow", carol_token);
    auto familiar =
        api.ok(verb::get, "/api/v1/accounts/familiar_followers?id[]=" + id(bob) + "&id[]=" + id(alice), carol_token);
    ASSERT_EQ(familiar.Size(), 2u);
    EXPECT_EQ(std::string(familiar[0]["id"].GetString()), id(bob));
    EXPECT_EQ(ordered_ids(familiar[0]["accounts"]), std::vector<std::string>{id(alice)});
    EXPECT_EQ(familiar[1]["accounts"].Size(), 0u);
}

TEST_F(AccountsApi, BookmarksFavouritesAndWhoReacted) {
    std::string a1 = post(alice_token, R"({"status":"one"})");
    std::string a2 = post(alice_token, R"({"status":"two"})");
    std::string priv = post(alice_token, R"({"status":"friends","visibility":"private"})");
    auto s = api.ok(verb::post, "/api/v1/statuses/" + a1 + "/bookmark", bob_token);
    EXPECT_TRUE(s["bookmarked"].GetBool());
    api.ok(verb::post, "/api/v1/statuses/" + a2 + "/bookmark", bob_token);
    api.ok(verb::post, "/api/v1/statuses/" + a2 + "/bookmark", bob_token);                           // twice is once
    EXPECT_FALSE(api.ok(verb::get, "/api/v1/statuses/" + a1, carol_token)["bookmarked"].GetBool());  // bob's only
    EXPECT_TRUE(api.ok(verb::get, "/api/v1/statuses/" + a1, bob_token)["bookmarked"].GetBool());
    EXPECT_EQ(api.post("/api/v1/statuses/" + priv + "/bookmark", bob_token).status, 404);  // cannot see it

    auto first = api.get("/api/v1/bookmarks?limit=1", bob_token);
    EXPECT_EQ(ordered_ids(parse_document(first.body)), std::vector<std::string>{a2});  // newest bookmark first
    std::string link = first.header("link");
    auto at = link.find("max_id=");
    ASSERT_NE(at, std::string::npos);
    std::string cursor = link.substr(at + 7, link.find('>', at) - at - 7);
    EXPECT_NE(cursor, a2);  // paged by the bookmark, not the status
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/bookmarks?max_id=" + cursor, bob_token)),
              std::vector<std::string>{a1});
    EXPECT_FALSE(api.ok(verb::post, "/api/v1/statuses/" + a1 + "/unbookmark", bob_token)["bookmarked"].GetBool());
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/bookmarks", bob_token)), std::vector<std::string>{a2});

    // Favourites are listed in the order they were given, not by status id.
    api.ok(verb::post, "/api/v1/statuses/" + a2 + "/favourite", bob_token);
    api.ok(verb::post, "/api/v1/statuses/" + a1 + "/favourite", bob_token);
    api.ok(verb::post, "/api/v1/statuses/" + a1 + "/favourite", carol_token);
    api.ok(verb::post, "/api/v1/statuses/" + a1 + "/reblog", carol_token);
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/favourites", bob_token)), (std::vector<std::string>{a1, a2}));
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/statuses/" + a1 + "/favourited_by", "")),
              (std::vector<std::string>{id(carol), id(bob)}));
    EXPECT_EQ(ordered_ids(api.ok(verb::get, "/api/v1/statuses/" + a1 + "/reblogged_by", "")),
              std::vector<std::string>{id(carol)});
    EXPECT_EQ(api.get("/api/v1/statuses/" + priv + "/favourited_by", carol_token).status, 404);
    EXPECT_EQ(api.get("/api/v1/statuses/999999/reblogged_by", "").status, 404);

    std::string statuses_only = api.login("bob", "read:statuses write:statuses");
    EXPECT_EQ(api.get("/api/v1/bookmarks", statuses_only).status, 403);
    EXPECT_EQ(api.get("/api/v1/favourites", statuses_only).status, 403);
    EXPECT_EQ(api.post("/api/v1/statuses/" + a1 + "/bookmark", statuses_only).status, 403);
    EXPECT_EQ(api.get("/api/v1/bookmarks", "").status, 401);
}

TEST_F(AccountsApi, OwnDomainBlocksRemoveFollowersAndHideThatDomain) {
    core::Account remote = node.insert_remote_follower(alice, "rita");
    EXPECT_TRUE(relationship(alice_token, remote)["followed_by"].GetBool());
    EXPECT_EQ(api.call(verb::post, "/api/v1/domain_blocks", alice_token, "domain=Remote.TEST",
                       "application/x-www-form-urlencoded")
                  .status,
              200);
    auto r = relationship(alice_token, remote);
    EXPECT_TRUE(r["domain_blocking"].GetBool());
    EXPECT_FALSE(r["followed_by"].GetBool());  // the follower from there is gone...
    auto jobs_after = node.db().read([](storage::Connection& c) {
        auto st = c.prepare("SELECT count(*) FROM outbox_jobs WHERE payload LIKE '%\"Reject\"%'");
        st.step();
        return st.int64(0);
    });
    EXPECT_EQ(jobs_after, 1);  // ...and told with a Reject
    // Following someone there is refused while the block stands.
    core::Account other = node.remote_signer("remote.test", "rolf").account;  // known, fetched just now
    EXPECT_EQ(api.post("/api/v1/accounts/" + id(other) + "/follow", alice_token).status, 403);
    auto listed = api.ok(verb::get, "/api/v1/domain_blocks", alice_token);
    ASSERT_EQ(listed.Size(), 1u);
    EXPECT_STREQ(listed[0].GetString(), "remote.test");
    EXPECT_EQ(api.ok(verb::get, "/api/v1/domain_blocks", bob_token).Size(), 0u);  // per person

    EXPECT_EQ(api.post("/api/v1/domain_blocks", alice_token, R"({"domain":"not a domain"})").status, 422);
    EXPECT_EQ(api.post("/api/v1/domain_blocks", alice_token, R"({})").status, 422);
    EXPECT_EQ(api.post("/api/v1/domain_blocks", alice_token, "{\"domain\":\"" + node.domain() + "\"}").status, 422);
    EXPECT_EQ(api.call(verb::delete_, "/api/v1/domain_blocks?domain=remote.test", alice_token).status, 200);
    EXPECT_EQ(api.ok(verb::get, "/api/v1/domain_blocks", alice_token).Size(), 0u);
    EXPECT_FALSE(relationship(alice_token, remote)["domain_blocking"].GetBool());
    std::string read_only = api.login("alice", "read");
    EXPECT_EQ(api.post("/api/v1/domain_blocks", read_only, R"({"domain":"x.test"})").status, 403);
}

TEST_F(AccountsApi, PreferencesEndorsementsAndSuggestions) {
    auto prefs = api.ok(verb::get, "/api/v1/preferences", alice_token);
    EXPECT_STREQ(prefs["posting:default:visibility"].GetString(), "public");
    EXPECT_FALSE(prefs["posting:default:sensitive"].GetBool());
    EXPECT_TRUE(prefs["posting:default:language"].IsNull());
    EXPECT_STREQ(prefs["reading:expand:media"].GetString(), "default");
    EXPECT_FALSE(prefs["reading:expand:spoilers"].GetBool());
    for (const char* path : {"/api/v1/endorsements", "/api/v1/suggestions", "/api/v2/suggestions"}) {
        auto doc = api.ok(verb::get, path, alice_token);
        EXPECT_TRUE(doc.IsArray()) << path;
        EXPECT_EQ(api.get(path, "").status, 401) << path;
    }
    EXPECT_EQ(api.get("/api/v1/preferences", "").status, 401);
}

}  // namespace
}  // namespace gesso::test
