// /api/v2/search over real HTTP on one node: accounts by prefix (and `following`), hashtags by prefix,
// statuses by text only where the author opted into indexable or the searcher took part, visibility rules,
// paging with offset, and input errors.
#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using Search = ClientApi;
using V = http::verb;

TEST_F(Search, AccountsHashtagsAndStatusesFollowTheRules) {
    core::Account alina = node.create_account("alina");
    remote_account("alfred", "far.test");
    auto found = ok(V::get, "/api/v2/search?q=al&type=accounts", bob_token);
    const auto& accounts = found["accounts"];
    ASSERT_EQ(accounts.Size(), 3u);
    EXPECT_STREQ(accounts[0]["acct"].GetString(), "alice");  // local first
    EXPECT_STREQ(accounts[1]["acct"].GetString(), "alina");
    EXPECT_STREQ(accounts[2]["acct"].GetString(), "alfred@far.test");
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=al%40far.test", bob_token)["accounts"].Size(), 1u);
    follow(bob.id, alina.id);
    auto followed = ok(V::get, "/api/v2/search?q=al&following=true", bob_token);
    ASSERT_EQ(followed["accounts"].Size(), 1u);
    EXPECT_STREQ(followed["accounts"][0]["username"].GetString(), "alina");
    // Paging with offset ends in empty pages.
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=al&type=accounts&limit=2&offset=2", bob_token)["accounts"].Size(), 1u);
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=al&type=accounts&offset=3", bob_token)["accounts"].Size(), 0u);

    post_status(alice_token, R"({"status":"#Watercolour wash"})");
    auto tag_search = ok(V::get, "/api/v2/search?q=%23water&type=hashtags", bob_token);
    const auto& tags = tag_search["hashtags"];
    ASSERT_EQ(tags.Size(), 1u);
    EXPECT_STREQ(tags[0]["name"].GetString(), "watercolour");
    EXPECT_TRUE(tags[0]["history"].IsArray());

    // Alice is not indexable: strangers do not find her posts by text; she does, and so does bob once he likes one.
    std::string wash = post_status(alice_token, R"({"status":"a wash of indigo"})");
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=indigo&type=statuses", bob_token)["statuses"].Size(), 0u);
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=INDIGO&type=statuses", alice_token)["statuses"].Size(), 1u);
    call(V::post, "/api/v1/statuses/" + wash + "/favourite", bob_token);
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=indigo&type=statuses", bob_token)["statuses"].Size(), 1u);
    // Once she opts in, her public posts are found; her followers-only ones still only by followers.
    node.db().write([&](storage::Connection& c) { c.prepare("UPDATE accounts SET indexable = 1 WHERE id = ?").bind(1, alice.id).run(); });
    post_status(alice_token, R"({"status":"indigo for friends","visibility":"private"})");
    core::Account carol = node.create_account("carol");
    std::string carol_token = login("carol");
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=indigo", carol_token)["statuses"].Size(), 1u);
    follow(carol.id, alice.id);
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=indigo", carol_token)["statuses"].Size(), 2u);
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=indigo&account_id=" + std::to_string(bob.id), carol_token)["statuses"].Size(), 0u);
    // Anonymous: no statuses, no resolving or paging.
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=indigo", "")["statuses"].Size(), 0u);
    EXPECT_EQ(call(V::get, "/api/v2/search?q=indigo&resolve=true", "").status, 401);
}

TEST_F(Search, BadInputIsRefused) {
    EXPECT_EQ(call(V::get, "/api/v2/search?q=x&type=people", bob_token).status, 422);
    EXPECT_EQ(call(V::get, "/api/v2/search?q=" + std::string(600, 'a'), bob_token).status, 422);
    EXPECT_EQ(call(V::get, "/api/v2/search?q=x&limit=ten", bob_token).status, 422);
    auto empty = ok(V::get, "/api/v2/search?q=", bob_token);
    EXPECT_EQ(empty["accounts"].Size(), 0u);
    EXPECT_EQ(empty["statuses"].Size(), 0u);
    EXPECT_EQ(empty["hashtags"].Size(), 0u);
    EXPECT_EQ(ok(V::get, "/api/v2/search?q=%25", bob_token)["accounts"].Size(), 0u);  // LIKE wildcards are literal
}

}  // namespace
}  // namespace gesso::test
