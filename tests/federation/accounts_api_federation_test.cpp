// The accounts API across two real nodes over HTTPS: a person on a.test finds bob@b.test by WebFinger through
// lookup and search, follows him with options (no boosts, notify on new posts) and sees both take effect on
// what arrives; bob's own domain block of a.test removes that follower on both sides.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/api_session.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using http::verb;

class AccountsApiFederation : public ::testing::Test {
protected:
    AccountsApiFederation()
        : a_api(pair.a(), pair.certificates().ca_file.string(), "a.test"),
          b_api(pair.b(), pair.certificates().ca_file.string(), "b.test") {
        pair.a().create_account("alice");
        pair.a().create_account("dave");
        pair.b().create_account("bob");
        pair.b().create_account("carol");
        alice = a_api.login("alice");
        dave = a_api.login("dave");
        bob = b_api.login("bob");
        carol = b_api.login("carol");
    }

    rapidjson::Document relationship(const std::string& account_id, const std::string& token) {
        auto list = a_api.ok(verb::get, "/api/v1/accounts/relationships?id[]=" + account_id, token);
        rapidjson::Document one;
        if (list.IsArray() && list.Size() == 1) one.CopyFrom(list[0], one.GetAllocator());
        return one;
    }

    FederationPair pair;
    ApiSession a_api, b_api;
    std::string alice, dave, bob, carol;
};

TEST_F(AccountsApiFederation, FollowOptionsReachAcrossServersAndDomainBlocksRemoveFollowers) {
    std::string handle = "bob@" + pair.b().domain();
    EXPECT_EQ(a_api.get("/api/v1/accounts/lookup?acct=" + handle, "").status, 404);     // anonymous: no fetch
    auto found = a_api.ok(verb::get, "/api/v1/accounts/lookup?acct=" + handle, alice);  // WebFinger, then fetch
    ASSERT_TRUE(found.IsObject());
    EXPECT_EQ(std::string(found["acct"].GetString()), handle);
    std::string bob_on_a = found["id"].GetString();

    auto r =
        a_api.ok(verb::post, "/api/v1/accounts/" + bob_on_a + "/follow", alice, R"({"reblogs":false,"notify":true})");
    EXPECT_TRUE(r["requested"].GetBool());  // until bob's server accepts
    a_api.ok(verb::post, "/api/v1/accounts/" + bob_on_a + "/follow", dave);
    pair.pump();
    r = relationship(bob_on_a, alice);
    ASSERT_TRUE(r.IsObject());
    EXPECT_TRUE(r["following"].GetBool());
    EXPECT_FALSE(r["showing_reblogs"].GetBool());
    EXPECT_TRUE(r["notifying"].GetBool());

    // bob posts and boosts carol; alice is notified of the post and does not get the boost, dave gets both.
    std::string carols = b_api.ok(verb::post, "/api/v1/statuses", carol, R"({"status":"carol's"})")["id"].GetString();
    b_api.ok(verb::post, "/api/v1/statuses", bob, R"({"status":"new work by bob"})");
    b_api.ok(verb::post, "/api/v1/statuses/" + carols + "/reblog", bob);
    pair.pump();
    auto notes = a_api.ok(verb::get, "/api/v1/notifications?types[]=status", alice);
    ASSERT_EQ(notes.Size(), 1u);
    EXPECT_EQ(std::string(notes[0]["account"]["acct"].GetString()), handle);
    EXPECT_NE(std::string(notes[0]["status"]["content"].GetString()).find("new work by bob"), std::string::npos);
    auto alice_home = a_api.ok(verb::get, "/api/v1/timelines/home", alice);
    auto dave_home = a_api.ok(verb::get, "/api/v1/timelines/home", dave);
    ASSERT_EQ(alice_home.Size(), 1u);
    EXPECT_TRUE(alice_home[0]["reblog"].IsNull());
    ASSERT_EQ(dave_home.Size(), 2u);
    EXPECT_TRUE(dave_home[0]["reblog"].IsObject());
    EXPECT_EQ(a_api.ok(verb::get, "/api/v1/notifications?types[]=status", dave).Size(), 0u);

    // Search with resolve finds carol@b by WebFinger; on b, alice is one of bob's followers.
    auto searched = a_api.ok(verb::get, "/api/v1/accounts/search?resolve=true&q=carol@" + pair.b().domain(), alice);
    ASSERT_EQ(searched.Size(), 1u);
    EXPECT_EQ(std::string(searched[0]["acct"].GetString()), "carol@" + pair.b().domain());
    std::string bob_id_on_b = b_api.ok(verb::get, "/api/v1/accounts/verify_credentials", bob)["id"].GetString();
    EXPECT_EQ(b_api.ok(verb::get, "/api/v1/accounts/" + bob_id_on_b + "/followers", bob).Size(), 2u);

    // bob blocks a.test for himself: both followers from there go, and a.test learns it from the Reject.
    b_api.ok(verb::post, "/api/v1/domain_blocks", bob, "{\"domain\":\"" + pair.a().domain() + "\"}");
    EXPECT_EQ(b_api.ok(verb::get, "/api/v1/accounts/" + bob_id_on_b + "/followers", bob).Size(), 0u);
    pair.pump();
    r = relationship(bob_on_a, alice);
    ASSERT_TRUE(r.IsObject());
    EXPECT_FALSE(r["following"].GetBool());
    EXPECT_FALSE(r["requested"].GetBool());

    // A new Follow from there is refused while the block stands.
    EXPECT_TRUE(a_api.ok(verb::post, "/api/v1/accounts/" + bob_on_a + "/follow", alice)["requested"].GetBool());
    pair.pump();
    r = relationship(bob_on_a, alice);
    ASSERT_TRUE(r.IsObject());
    EXPECT_FALSE(r["following"].GetBool());
    EXPECT_FALSE(r["requested"].GetBool());
    EXPECT_EQ(b_api.ok(verb::get, "/api/v1/accounts/" + bob_id_on_b + "/followers", bob).Size(), 0u);
}

}  // namespace
}  // namespace gesso::test
