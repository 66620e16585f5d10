// Remote accounts and statuses, as two real nodes exchange them, answer Mastodon's documented shapes
// (tests/fixtures/mastodon, support/json_shape.hpp): search with resolve, follow, the home timeline with a
// remote post, a remote mention and a remote favourite as notifications, a remote profile and its statuses.
#include <gtest/gtest.h>

#include "support/api_session.hpp"
#include "support/federation_pair.hpp"
#include "support/json_shape.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class GoldenRemoteShapes : public ::testing::Test {
protected:
    GoldenRemoteShapes() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        alice_token = a_api.login("alice");
        bob_token = b_api.login("bob");
    }
    static void expect_shape(const rapidjson::Value& doc, const std::string& entity, const std::string& where) {
        if (entity.rfind("[]", 0) == 0) {
            EXPECT_EQ(mastodon_shapes().compare_each(doc, entity.substr(2), where), "");
        } else {
            EXPECT_EQ(mastodon_shapes().compare(doc, entity, where), "");
        }
    }
    rapidjson::Document shaped(ApiSession& api, V method, const std::string& target, const std::string& token,
                               const std::string& entity, const std::string& body = "") {
        auto doc = api.ok(method, target, token, body);
        expect_shape(doc, entity, target);
        return doc;
    }

    FederationPair pair;
    ApiSession a_api{pair.a(), pair.certificates().ca_file.string(), "a.test"};
    ApiSession b_api{pair.b(), pair.certificates().ca_file.string(), "b.test"};
    core::Account alice, bob;
    std::string alice_token, bob_token;
};

TEST_F(GoldenRemoteShapes, RemoteAccountsStatusesAndNotifications) {
    std::string bob_handle = "bob@" + pair.b().domain();
    auto found =
        shaped(a_api, V::get, "/api/v2/search?resolve=true&type=accounts&q=" + bob_handle, alice_token, "Search");
    ASSERT_EQ(found["accounts"].Size(), 1u);
    EXPECT_EQ(std::string(found["accounts"][0]["acct"].GetString()), bob_handle);
    std::string remote_bob = found["accounts"][0]["id"].GetString();

    shaped(a_api, V::post, "/api/v1/accounts/" + remote_bob + "/follow", alice_token, "Relationship");
    pair.pump();
    auto rels =
        shaped(a_api, V::get, "/api/v1/accounts/relationships?id[]=" + remote_bob, alice_token, "[]Relationship");
    ASSERT_EQ(rels.Size(), 1u);
    EXPECT_TRUE(rels[0]["following"].GetBool());

    auto posted = shaped(b_api, V::post, "/api/v1/statuses", bob_token, "Status",
                         R"({"status":"@alice@)" + pair.a().domain() +
                             R"( a new #etching","spoiler_text":"art","visibility":"public"})");
    pair.pump();
    auto home = shaped(a_api, V::get, "/api/v1/timelines/home", alice_token, "[]Status");
    ASSERT_EQ(home.Size(), 1u);
    EXPECT_EQ(std::string(home[0]["account"]["acct"].GetString()), bob_handle);
    EXPECT_STREQ(home[0]["spoiler_text"].GetString(), "art");
    EXPECT_STREQ(home[0]["visibility"].GetString(), "public");
    EXPECT_EQ(std::string(home[0]["uri"].GetString()), std::string(posted["uri"].GetString()));
    std::string remote_status = home[0]["id"].GetString();

    auto mentions = shaped(a_api, V::get, "/api/v1/notifications?types[]=mention", alice_token, "[]Notification");
    ASSERT_EQ(mentions.Size(), 1u);
    EXPECT_EQ(std::string(mentions[0]["account"]["acct"].GetString()), bob_handle);

    auto faved = shaped(a_api, V::post, "/api/v1/statuses/" + remote_status + "/favourite", alice_token, "Status");
    EXPECT_TRUE(faved["favourited"].GetBool());
    pair.pump();
    auto favs = shaped(b_api, V::get, "/api/v1/notifications?types[]=favourite", bob_token, "[]Notification");
    ASSERT_EQ(favs.Size(), 1u);
    EXPECT_EQ(std::string(favs[0]["account"]["acct"].GetString()), "alice@" + pair.a().domain());
    EXPECT_EQ(favs[0]["status"]["favourites_count"].GetInt(), 1);

    auto profile = shaped(a_api, V::get, "/api/v1/accounts/" + remote_bob, alice_token, "Account");
    EXPECT_EQ(std::string(profile["acct"].GetString()), bob_handle);
    shaped(a_api, V::get, "/api/v1/accounts/" + remote_bob + "/statuses", alice_token, "[]Status");
    shaped(a_api, V::get, "/api/v1/statuses/" + remote_status + "/context", alice_token, "Context");
}

}  // namespace
}  // namespace gesso::test
