// Public, hashtag and list timelines over real HTTP: what each shows (visibility, origin, media, silenced
// domains, suspended authors, blocks), tag combinations, paging and Link headers; lists and their members,
// the list timeline filled as statuses arrive, replies policies and exclusive lists; read markers.
#include "client_api_fixture.hpp"
#include "core/model.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/relations.hpp"

namespace gesso::test {
namespace {

using Timelines = ClientApi;
using V = http::verb;

TEST_F(Timelines, PublicTimelineShowsPublicPostsByOriginAndLeavesOutSilencedAndSuspended) {
    std::string mine = post_status(alice_token, R"({"status":"public art"})");
    post_status(alice_token, R"({"status":"quiet","visibility":"unlisted"})");
    post_status(alice_token, R"({"status":"friends","visibility":"private"})");
    post_status(alice_token, R"({"status":"hi @bob","visibility":"direct"})");
    core::Account far = remote_account("far", "far.test");
    std::string remote = remote_post(far, "<p>from afar</p>");
    core::Account loud = remote_account("loud", "loud.test");
    std::string silenced = remote_post(loud, "<p>shouting</p>");
    core::Account gone = remote_account("gone", "gone.test");
    remote_post(gone, "<p>suspended</p>");
    node.db().write([&](storage::Connection& c) {
        core::DomainBlock b;
        b.id = node.ctx().ids.next();
        b.domain = "loud.test";
        b.severity = core::DomainSeverity::silence;
        storage::upsert_domain_block(c, b);
        storage::set_suspended(c, gone.id, node.ctx().clock.now());
    });

    // Anonymous readers get the public timeline too; newest first.
    auto all = ok(V::get, "/api/v1/timelines/public", "");
    EXPECT_EQ(ids_of(all), (std::vector<std::string>{remote, mine}));
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public?local=true", bob_token)), std::vector<std::string>{mine});
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public?remote=1", bob_token)), std::vector<std::string>{remote});
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/public?only_media=true", bob_token).Empty());

    // A follower of a silenced account still sees it.
    follow(bob.id, loud.id);
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public", bob_token)), (std::vector<std::string>{silenced, remote, mine}));
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public", alice_token)), (std::vector<std::string>{remote, mine}));

    // Blocks either way hide the other's posts.
    node.db().write([&](storage::Connection& c) {
        core::Block b;
        b.id = node.ctx().ids.next();
        b.account_id = far.id;
        b.target_account_id = bob.id;
        b.created_at = node.ctx().clock.now();
        storage::insert_block(c, b);
    });
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public", bob_token)), (std::vector<std::string>{silenced, mine}));
    EXPECT_EQ(call(V::get, "/api/v1/timelines/public?local=maybe", bob_token).status, 422);
}

TEST_F(Timelines, PublicTimelinePagesPastDroppedRowsWithLinkHeaders) {
    core::Account loud = remote_account("loud", "loud.test");
    std::vector<std::string> shown;
    for (int i = 0; i < 3; ++i) {
        shown.push_back(post_status(alice_token, R"({"status":"post )" + std::to_string(i) + "\"}"));
        for (int j = 0; j < 30; ++j) remote_post(loud, "<p>noise</p>");  // more than one batch of hidden rows
    }
    node.db().write([&](storage::Connection& c) {
        core::DomainBlock b;
        b.id = node.ctx().ids.next();
        b.domain = "loud.test";
        b.severity = core::DomainSeverity::silence;
        storage::upsert_domain_block(c, b);
    });
    auto first = call(V::get, "/api/v1/timelines/public?limit=2", bob_token);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(ids_of(parse_document(first.body)), (std::vector<std::string>{shown[2], shown[1]}));
    std::string link = first.header("link");
    EXPECT_NE(link.find("/api/v1/timelines/public?max_id=" + shown[1] + ">; rel=\"next\""), std::string::npos) << link;
    EXPECT_NE(link.find("min_id=" + shown[2] + ">; rel=\"prev\""), std::string::npos) << link;
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public?limit=2&max_id=" + shown[1], bob_token)),
              std::vector<std::string>{shown[0]});
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public?limit=1&min_id=" + shown[0], bob_token)),
              std::vector<std::string>{shown[1]});
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/public?since_id=" + shown[1], bob_token)),
              std::vector<std::string>{shown[2]});
    auto local = call(V::get, "/api/v1/timelines/public?local=true&limit=1", bob_token);
    EXPECT_NE(local.header("link").find("local=true&max_id=" + shown[2]), std::string::npos) << local.header("link");
}

TEST_F(Timelines, TagTimelineCombinesAnyAllAndNone) {
    std::string ink = post_status(alice_token, R"({"status":"sketch #Ink"})");
    std::string ink_oil = post_status(alice_token, R"({"status":"#ink and #oil"})");
    std::string oil = post_status(bob_token, R"({"status":"#oil only"})");
    post_status(bob_token, R"({"status":"#ink for friends","visibility":"private"})");
    core::Account far = remote_account("far", "far.test");
    std::string remote_ink = remote_post(far, "<p>#ink</p>", {"ink"});

    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/tag/ink", "")), (std::vector<std::string>{remote_ink, ink_oil, ink}));
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/tag/INK?local=true", bob_token)), (std::vector<std::string>{ink_oil, ink}));
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/tag/ink?any[]=oil", bob_token)),
              (std::vector<std::string>{remote_ink, oil, ink_oil, ink}));
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/tag/ink?all[]=oil", bob_token)), std::vector<std::string>{ink_oil});
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/tag/ink?none[]=oil", bob_token)), (std::vector<std::string>{remote_ink, ink}));
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/tag/watercolour", bob_token).Empty());
    EXPECT_EQ(call(V::get, "/api/v1/timelines/tag/ink?any[]=a&any[]=b&any[]=c&any[]=d&any[]=e", bob_token).status, 422);
    auto page = call(V::get, "/api/v1/timelines/tag/ink?limit=1", bob_token);
    EXPECT_EQ(ids_of(parse_document(page.body)), std::vector<std::string>{remote_ink});
    EXPECT_NE(page.header("link").find("/api/v1/timelines/tag/ink?max_id=" + remote_ink), std::string::npos);
}

TEST_F(Timelines, ListsHoldFollowedAccountsAndTheirTimelineFillsAsPostsArrive) {
    auto created = call(V::post, "/api/v1/lists", alice_token, R"({"title":"Painters"})");
    ASSERT_EQ(created.status, 200) << created.body;
    auto list = parse_document(created.body);
    std::string list_id = list["id"].GetString();
    EXPECT_STREQ(list["title"].GetString(), "Painters");
    EXPECT_STREQ(list["replies_policy"].GetString(), "list");
    EXPECT_FALSE(list["exclusive"].GetBool());

    // Only followed accounts may be added.
    auto refused = call(V::post, "/api/v1/lists/" + list_id + "/accounts", alice_token,
                        R"({"account_ids":[")" + std::to_string(bob.id) + "\"]}");
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(parse_document(refused.body)["error"].IsString());
    follow(alice.id, bob.id);
    std::string before = post_status(bob_token, R"({"status":"already in alice's home"})");
    EXPECT_EQ(call(V::post, "/api/v1/lists/" + list_id + "/accounts", alice_token,
                   "account_ids[]=" + std::to_string(bob.id), "application/x-www-form-urlencoded")
                  .status,
              200);
    auto members = ok(V::get, "/api/v1/lists/" + list_id + "/accounts", alice_token);
    ASSERT_EQ(members.Size(), 1u);
    EXPECT_STREQ(members[0]["username"].GetString(), "bob");
    auto holding = ok(V::get, "/api/v1/accounts/" + std::to_string(bob.id) + "/lists", alice_token);
    ASSERT_EQ(holding.Size(), 1u);
    EXPECT_EQ(std::string(holding[0]["id"].GetString()), list_id);

    std::string after = post_status(bob_token, R"({"status":"new painting"})");
    std::string root = post_status(alice_token, R"({"status":"my own post"})");
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    std::string carols = post_status(carol_token, R"({"status":"carol's"})");
    std::string reply_to_carol = post_status(bob_token, R"({"status":"@carol nice","in_reply_to_id":")" + carols + "\"}");
    std::string reply_to_self = post_status(bob_token, R"({"status":"more","in_reply_to_id":")" + after + "\"}");
    (void)root;
    // Backfilled from home, then filled as bob posts; a reply to a non-member is left out (policy "list").
    EXPECT_EQ(ids_of(ok(V::get, "/api/v1/timelines/list/" + list_id, alice_token)),
              (std::vector<std::string>{reply_to_self, after, before}));

    // replies_policy "followed" takes replies to accounts alice follows; carol is one now.
    auto updated = ok(V::put, "/api/v1/lists/" + list_id, alice_token, R"({"replies_policy":"followed","exclusive":true})");
    EXPECT_STREQ(updated["replies_policy"].GetString(), "followed");
    EXPECT_STREQ(updated["title"].GetString(), "Painters");  // kept
    follow(alice.id, carol.id);
    std::string second = post_status(bob_token, R"({"status":"@carol again","in_reply_to_id":")" + carols + "\"}");
    auto timeline = ids_of(ok(V::get, "/api/v1/timelines/list/" + list_id + "?limit=1", alice_token));
    EXPECT_EQ(timeline, std::vector<std::string>{second});
    // Exclusive: bob's new posts reach the list but not alice's home.
    auto home = ids_of(ok(V::get, "/api/v1/timelines/home", alice_token));
    EXPECT_EQ(std::count(home.begin(), home.end(), second), 0);
    EXPECT_EQ(std::count(home.begin(), home.end(), after), 1);

    // Another account cannot see, read or change the list.
    EXPECT_EQ(call(V::get, "/api/v1/lists/" + list_id, bob_token).status, 404);
    EXPECT_EQ(call(V::get, "/api/v1/timelines/list/" + list_id, bob_token).status, 404);
    EXPECT_EQ(call(V::delete_, "/api/v1/lists/" + list_id, bob_token).status, 404);

    EXPECT_EQ(call(V::delete_, "/api/v1/lists/" + list_id + "/accounts?account_ids[]=" + std::to_string(bob.id), alice_token).status,
              200);
    EXPECT_TRUE(ok(V::get, "/api/v1/timelines/list/" + list_id, alice_token).Empty());
    EXPECT_EQ(ok(V::get, "/api/v1/lists", alice_token).Size(), 1u);
    EXPECT_EQ(call(V::delete_, "/api/v1/lists/" + list_id, alice_token).status, 200);
    EXPECT_EQ(call(V::get, "/api/v1/lists/" + list_id, alice_token).status, 404);
    EXPECT_TRUE(ok(V::get, "/api/v1/lists", alice_token).Empty());
    (void)reply_to_carol;
}

TEST_F(Timelines, ListInputIsValidated) {
    EXPECT_EQ(call(V::post, "/api/v1/lists", alice_token, R"({"title":"  "})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/lists", alice_token, R"({"title":"x","replies_policy":"all"})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/lists", alice_token, R"({"title":")" + std::string(201, 'a') + "\"}").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/lists", "", R"({"title":"x"})").status, 401);
    EXPECT_EQ(call(V::get, "/api/v1/lists/abc", alice_token).status, 404);
    EXPECT_EQ(call(V::get, "/api/v1/timelines/list/123", alice_token).status, 404);
    EXPECT_TRUE(ok(V::get, "/api/v1/lists", alice_token).Empty());
}

TEST_F(Timelines, MarkersRememberWhereTheReaderStopped) {
    EXPECT_TRUE(ok(V::get, "/api/v1/markers?timeline[]=home&timeline[]=notifications", alice_token).ObjectEmpty());
    auto saved = ok(V::post, "/api/v1/markers", alice_token, R"({"home":{"last_read_id":"103"}})");
    EXPECT_STREQ(saved["home"]["last_read_id"].GetString(), "103");
    EXPECT_EQ(saved["home"]["version"].GetInt(), 1);
    EXPECT_FALSE(saved.HasMember("notifications"));
    auto again = ok(V::post, "/api/v1/markers", alice_token, R"({"home":{"last_read_id":"110"},"notifications":{"last_read_id":"7"}})");
    EXPECT_EQ(again["home"]["version"].GetInt(), 2);
    auto read = ok(V::get, "/api/v1/markers?timeline[]=home", alice_token);
    EXPECT_STREQ(read["home"]["last_read_id"].GetString(), "110");
    EXPECT_TRUE(read["home"]["updated_at"].IsString());
    EXPECT_FALSE(read.HasMember("notifications"));
    EXPECT_STREQ(ok(V::get, "/api/v1/markers", alice_token)["notifications"]["last_read_id"].GetString(), "7");
    EXPECT_TRUE(ok(V::get, "/api/v1/markers", bob_token).ObjectEmpty());  // per account
    EXPECT_EQ(call(V::post, "/api/v1/markers", alice_token, R"({"home":{"last_read_id":"x"}})").status, 422);
    EXPECT_EQ(call(V::post, "/api/v1/markers", alice_token, R"({})").status, 422);
}

}  // namespace
}  // namespace gesso::test
