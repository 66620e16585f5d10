// /api/v2/search with resolve=true between two real nodes: a user@host handle is found by WebFinger and
// fetched, a post's URL is fetched with its author; a followers-only post is not handed out; without
// resolve nothing is fetched.
#include <gtest/gtest.h>

#include "activitypub/posting.hpp"
#include "support/federation_pair.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"

namespace gesso::test {
namespace {

class SearchResolve : public ::testing::Test {
protected:
    SearchResolve() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        token = login("alice");
    }
    // The nodes serve HTTPS for a.test and b.test.
    HttpResult send(const HttpCall& call) {
        return https_request(pair.a().port(), call, pair.certificates().ca_file.string(), "a.test");
    }
    std::string login(const std::string& user) {
        auto app = parse_document(send({http::verb::post, "/api/v1/apps",
                                                             {{"Content-Type", "application/json"}},
                                                             R"({"client_name":"t","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write"})"})
                                      .body);
        auto res = send({http::verb::post, "/oauth/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                              "grant_type=password&username=" + user + "&password=correct+horse+battery&client_id=" +
                                                  app["client_id"].GetString() + "&client_secret=" + app["client_secret"].GetString() +
                                                  "&scope=read+write"});
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["access_token"].GetString();
    }
    rapidjson::Document search(const std::string& query) {
        auto res = send({http::verb::get, "/api/v2/search?" + query, {{"Authorization", "Bearer " + token}}, ""});
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body);
    }

    FederationPair pair;
    core::Account alice, bob;
    std::string token;
};

TEST_F(SearchResolve, HandlesAndPostUrlsAreFetchedOnlyWithResolve) {
    std::string handle = "bob%40" + pair.b().domain();
    auto without = search("q=" + handle + "&type=accounts");
    EXPECT_EQ(without["accounts"].Size(), 0u);  // not known, not fetched

    auto found = search("q=%40" + handle + "&resolve=true&type=accounts");
    ASSERT_EQ(found["accounts"].Size(), 1u);
    EXPECT_EQ(std::string(found["accounts"][0]["acct"].GetString()), "bob@" + pair.b().domain());
    // Known now: found by prefix without fetching.
    EXPECT_EQ(search("q=bo&type=accounts")["accounts"].Size(), 1u);

    activitypub::PostDraft draft;
    draft.text = "a new etching";
    core::Status post = activitypub::publish_status(pair.b().ctx(), bob, draft);
    draft.text = "for followers";
    draft.visibility = core::Visibility::followers;
    core::Status hidden = activitypub::publish_status(pair.b().ctx(), bob, draft);
    pair.pump();

    auto by_url = search("q=" + post.uri + "&resolve=1");
    ASSERT_EQ(by_url["statuses"].Size(), 1u);
    EXPECT_NE(std::string(by_url["statuses"][0]["content"].GetString()).find("a new etching"), std::string::npos);
    EXPECT_EQ(std::string(by_url["statuses"][0]["account"]["acct"].GetString()), "bob@" + pair.b().domain());
    // b refuses the followers-only post to an unsigned-in stranger's server; nothing is shown.
    EXPECT_EQ(search("q=" + hidden.uri + "&resolve=true")["statuses"].Size(), 0u);
    // An unreachable host is no result, not an error.
    EXPECT_EQ(search("q=nobody%40nowhere.invalid&resolve=true")["accounts"].Size(), 0u);
}

}  // namespace
}  // namespace gesso::test
