// The policy engine through the client API over real HTTP: an admin manages rules, a local post that breaks a
// rule is refused with the rule's message (and logged), labels and silence change what is published, and
// non-admins cannot touch the rules.
#include <gtest/gtest.h>

#include "storage/policy_rules.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

class PolicyApi : public ::testing::Test {
protected:
    PolicyApi() {
        node.create_account("admin", true);
        node.create_account("alice");
        app = register_app();
        admin_token = login("admin", "read write admin:read admin:write");
        alice_token = login("alice", "read write");
    }

    HttpResult call(http::verb method, const std::string& target, const std::string& token, const std::string& body = "") {
        HttpCall c{method, target, {}, body};
        if (!body.empty()) c.headers.emplace_back("Content-Type", "application/json");
        if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
        return http_request(node.port(), c);
    }
    std::pair<std::string, std::string> register_app() {
        auto res = call(http::verb::post, "/api/v1/apps", "",
                        R"({"client_name":"t","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read write admin:read admin:write"})");
        auto doc = parse_document(res.body);
        return {doc["client_id"].GetString(), doc["client_secret"].GetString()};
    }
    std::string login(const std::string& user, const std::string& scope) {
        auto res = call(http::verb::post, "/oauth/token", "",
                        R"({"grant_type":"password","username":")" + user +
                            R"(","password":"correct horse battery","client_id":")" + app.first +
                            R"(","client_secret":")" + app.second + R"(","scope":")" + scope + R"("})");
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["access_token"].GetString();
    }
    std::string add_rule(const std::string& json) {
        auto res = call(http::verb::post, "/api/v1/admin/gesso/policy_rules", admin_token, json);
        EXPECT_EQ(res.status, 200) << res.body;
        return parse_document(res.body)["id"].GetString();
    }

    TestNode node;
    std::pair<std::string, std::string> app;
    std::string admin_token, alice_token;
};

TEST_F(PolicyApi, TheDefaultRulesAreAnArtCommunitysAndListedInOrder) {
    auto res = call(http::verb::get, "/api/v1/admin/gesso/policy_rules", admin_token);
    ASSERT_EQ(res.status, 200) << res.body;
    auto doc = parse_document(res.body);
    ASSERT_TRUE(doc.IsArray());
    ASSERT_EQ(doc.Size(), 2u);
    EXPECT_STREQ(doc[0]["scope"].GetString(), "local");
    EXPECT_STREQ(doc[0]["match"].GetString(), "ai");
    EXPECT_STREQ(doc[0]["action"].GetString(), "reject");
    EXPECT_STREQ(doc[1]["scope"].GetString(), "remote");
    EXPECT_STREQ(doc[1]["action"].GetString(), "label");
    EXPECT_STREQ(doc[1]["label"].GetString(), "AI-generated");
}

TEST_F(PolicyApi, ALocalPostBreakingARuleIsRefusedWithItsMessageAndLogged) {
    std::string id = add_rule(R"({"match":"keyword","value":"nft","action":"reject","label":"No NFT drops here."})");
    auto res = call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"My new NFT drop!"})");
    EXPECT_EQ(res.status, 422) << res.body;
    EXPECT_STREQ(parse_document(res.body)["error"].GetString(), "No NFT drops here.");
    auto ok = call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"A new painting"})");
    EXPECT_EQ(ok.status, 200) << ok.body;

    auto log = call(http::verb::get, "/api/v1/admin/gesso/policy_decisions", admin_token);
    ASSERT_EQ(log.status, 200) << log.body;
    auto doc = parse_document(log.body);
    ASSERT_TRUE(doc.IsArray());
    ASSERT_EQ(doc.Size(), 1u);
    EXPECT_EQ(std::string(doc[0]["rule_id"].GetString()), id);
    EXPECT_STREQ(doc[0]["action"].GetString(), "reject");
    EXPECT_STREQ(doc[0]["detail"].GetString(), "keyword \"nft\"");
    EXPECT_EQ(std::string(doc[0]["actor"].GetString()), node.base() + "/users/alice");
}

TEST_F(PolicyApi, LabelAndSilenceRulesChangeTheLocalPost) {
    add_rule(R"({"match":"hashtag","value":"wip","action":"label","label":"Work in progress"})");
    add_rule(R"({"match":"hashtag","value":"wip","action":"silence","scope":"local"})");
    auto res = call(http::verb::post, "/api/v1/statuses", alice_token,
                    R"({"status":"sketching #WIP","spoiler_text":"eyes","visibility":"public"})");
    ASSERT_EQ(res.status, 200) << res.body;
    auto s = parse_document(res.body);
    EXPECT_STREQ(s["spoiler_text"].GetString(), "Work in progress; eyes");
    EXPECT_TRUE(s["sensitive"].GetBool());
    EXPECT_STREQ(s["visibility"].GetString(), "unlisted");
}

TEST_F(PolicyApi, BadRulesAreRefusedWithTheReason) {
    struct Case {
        const char* body;
        const char* error;
    };
    for (const Case& c : {
             Case{R"({"match":"colour","value":"red","action":"reject"})", "unknown match"},
             Case{R"({"match":"hashtag","value":"x","action":"explode"})", "unknown action"},
             Case{R"({"match":"hashtag","value":"","action":"reject"})", "needs a value"},
             Case{R"({"match":"domain","value":"not a domain","action":"reject"})", "not a domain name"},
             Case{R"({"match":"actor","value":"alice","action":"reject"})", "http(s) URL"},
             Case{R"({"match":"ai","value":"maybe","action":"reject"})", "unknown AI verdict"},
             Case{R"({"match":"hashtag","value":"x","action":"label"})", "needs the label"},
             Case{R"({"match":"repost","value":"x","action":"hold"})", "takes no value"},
             Case{R"({"match":"hashtag","value":"x","action":"reject","scope":"elsewhere"})", "unknown scope"},
         }) {
        auto res = call(http::verb::post, "/api/v1/admin/gesso/policy_rules", admin_token, c.body);
        EXPECT_EQ(res.status, 422) << c.body;
        EXPECT_NE(res.body.find(c.error), std::string::npos) << c.body << " -> " << res.body;
    }
    auto list = parse_document(call(http::verb::get, "/api/v1/admin/gesso/policy_rules", admin_token).body);
    ASSERT_TRUE(list.IsArray());
    EXPECT_EQ(list.Size(), 2u);  // only the defaults
}

TEST_F(PolicyApi, RulesCanBeDisabledAndRemoved) {
    std::string id = add_rule(R"({"match":"keyword","value":"nft","action":"reject"})");
    ASSERT_EQ(call(http::verb::post, "/api/v1/admin/gesso/policy_rules/" + id + "/disable", admin_token).status, 200);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"nft"})").status, 200);
    ASSERT_EQ(call(http::verb::post, "/api/v1/admin/gesso/policy_rules/" + id + "/enable", admin_token).status, 200);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"nft"})").status, 422);
    ASSERT_EQ(call(http::verb::delete_, "/api/v1/admin/gesso/policy_rules/" + id, admin_token).status, 200);
    EXPECT_EQ(call(http::verb::post, "/api/v1/statuses", alice_token, R"({"status":"nft"})").status, 200);
    EXPECT_EQ(call(http::verb::delete_, "/api/v1/admin/gesso/policy_rules/" + id, admin_token).status, 404);
}

TEST_F(PolicyApi, OnlyAdminsWithAdminScopesManageRules) {
    EXPECT_EQ(call(http::verb::get, "/api/v1/admin/gesso/policy_rules", "").status, 401);
    EXPECT_EQ(call(http::verb::get, "/api/v1/admin/gesso/policy_rules", alice_token).status, 403);
    std::string alice_admin_scoped = login("alice", "admin:read admin:write");
    EXPECT_EQ(call(http::verb::get, "/api/v1/admin/gesso/policy_rules", alice_admin_scoped).status, 403);
    std::string admin_read_only = login("admin", "read");
    EXPECT_EQ(call(http::verb::get, "/api/v1/admin/gesso/policy_rules", admin_read_only).status, 403);
    EXPECT_EQ(call(http::verb::post, "/api/v1/admin/gesso/policy_rules", alice_admin_scoped,
                   R"({"match":"keyword","value":"x","action":"reject"})")
                  .status,
              403);
}

TEST_F(PolicyApi, HeldPostsOfUnknownIdsAre404) {
    EXPECT_EQ(call(http::verb::post, "/api/v1/admin/gesso/held_posts/12345/release", admin_token).status, 404);
    EXPECT_EQ(call(http::verb::post, "/api/v1/admin/gesso/held_posts/12345/drop", admin_token).status, 404);
    auto res = call(http::verb::get, "/api/v1/admin/gesso/held_posts", admin_token);
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.body, "[]");
}

}  // namespace
}  // namespace gesso::test
