// OAuth 2 over real HTTP: app registration (JSON and form), the password, authorization-code (with PKCE and
// out-of-band), client-credentials and refresh grants, revocation, scopes enforced per endpoint, and the
// instance documents clients read first.
#include <gtest/gtest.h>

#include "activitypub/accounts.hpp"
#include "storage/oauth.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"
#include "web/oauth/token_cache.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::test {
namespace {

struct App {
    std::string client_id, client_secret;
};

class OAuth : public ::testing::Test {
protected:
    OAuth() { alice = node.create_account("alice"); }

    HttpResult post(const std::string& target, const std::string& body, const std::string& type,
                    const std::vector<std::pair<std::string, std::string>>& extra = {}) {
        HttpCall call{http::verb::post, target, {{"Content-Type", type}}, body};
        for (const auto& h : extra) call.headers.push_back(h);
        return http_request(node.port(), call);
    }
    HttpResult get(const std::string& target, const std::string& token = "") {
        HttpCall call{http::verb::get, target, {}, ""};
        if (!token.empty()) call.headers.emplace_back("Authorization", "Bearer " + token);
        return http_request(node.port(), call);
    }
    App register_app(const std::string& scopes = "read write follow", const std::string& redirect = "urn:ietf:wg:oauth:2.0:oob") {
        auto res = post("/api/v1/apps",
                        R"({"client_name":"Test App","redirect_uris":")" + redirect + R"(","scopes":")" + scopes + R"("})",
                        "application/json");
        EXPECT_EQ(res.status, 200) << res.body;
        auto doc = parse_document(res.body);
        return {doc["client_id"].GetString(), doc["client_secret"].GetString()};
    }
    HttpResult password_grant(const App& app, const std::string& password, const std::string& scope = "read write") {
        return post("/oauth/token",
                    "grant_type=password&username=alice%40example.test&password=" + password + "&client_id=" +
                        app.client_id + "&client_secret=" + app.client_secret + "&scope=" + scope,
                    "application/x-www-form-urlencoded");
    }
    std::string token_of(const HttpResult& res) {
        EXPECT_EQ(res.status, 200) << res.body;
        auto doc = parse_document(res.body);
        return doc.HasMember("access_token") ? doc["access_token"].GetString() : "";
    }
    static std::string form_field(const std::string& html, const std::string& name) {
        auto at = html.find("name=\"" + name + "\" value=\"");
        if (at == std::string::npos) return "";
        at = html.find("value=\"", at) + 7;
        return html.substr(at, html.find('"', at) - at);
    }

    TestNode node;
    core::Account alice;
};

TEST_F(OAuth, PasswordGrantGivesATokenThatVerifiesCredentials) {
    App app = register_app();
    auto res = password_grant(app, "correct+horse+battery");
    std::string token = token_of(res);
    auto doc = parse_document(res.body);
    EXPECT_STREQ(doc["token_type"].GetString(), "Bearer");
    EXPECT_STREQ(doc["scope"].GetString(), "read write");
    auto me = get("/api/v1/accounts/verify_credentials", token);
    ASSERT_EQ(me.status, 200) << me.body;
    auto account = parse_document(me.body);
    EXPECT_STREQ(account["username"].GetString(), "alice");
    EXPECT_STREQ(account["acct"].GetString(), "alice");
    EXPECT_EQ(std::string(account["id"].GetString()), std::to_string(alice.id));
    EXPECT_TRUE(account["source"].IsObject());
    EXPECT_TRUE(account["fields"].IsArray());
    EXPECT_TRUE(account.HasMember("created_at"));
    // The token is stored as a digest only.
    auto stored = node.db().read([&](storage::Connection& c) { return storage::find_token(c, web::oauth::secret_hash(token)); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->account_id, alice.id);
    auto raw = node.db().read([&](storage::Connection& c) {
        auto s = c.prepare("SELECT count(*) FROM oauth_tokens WHERE token_hash = ?");
        s.bind(1, token);
        s.step();
        return s.int64(0);
    });
    EXPECT_EQ(raw, 0);
}

TEST_F(OAuth, AppsRegisterWithFormsAndVerifyTheirCredentials) {
    auto res = post("/api/v1/apps", "client_name=Form+App&redirect_uris=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scopes=read+write",
                    "application/x-www-form-urlencoded");
    ASSERT_EQ(res.status, 200) << res.body;
    auto doc = parse_document(res.body);
    EXPECT_STREQ(doc["name"].GetString(), "Form App");
    EXPECT_EQ(doc["scopes"].Size(), 2u);
    App app{doc["client_id"].GetString(), doc["client_secret"].GetString()};
    auto token = token_of(post("/oauth/token",
                               "grant_type=client_credentials&client_id=" + app.client_id + "&client_secret=" +
                                   app.client_secret + "&scope=read",
                               "application/x-www-form-urlencoded"));
    auto verified = get("/api/v1/apps/verify_credentials", token);
    ASSERT_EQ(verified.status, 200) << verified.body;
    EXPECT_STREQ(parse_document(verified.body)["name"].GetString(), "Form App");
    // An app token is not a user: verify_credentials of an account is refused.
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", token).status, 422);
}

TEST_F(OAuth, BadRegistrationsAndGrantsAreClearErrors) {
    EXPECT_EQ(post("/api/v1/apps", R"({"redirect_uris":"urn:ietf:wg:oauth:2.0:oob"})", "application/json").status, 422);
    EXPECT_EQ(post("/api/v1/apps", R"({"client_name":"x","redirect_uris":"not a uri"})", "application/json").status, 422);
    EXPECT_EQ(post("/api/v1/apps", R"({"client_name":"x","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read sudo"})",
                   "application/json").status, 422);
    EXPECT_EQ(post("/api/v1/apps", R"({"client_name":)", "application/json").status, 400);

    App app = register_app("read");
    auto wrong = password_grant(app, "wrong", "read");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_STREQ(parse_document(wrong.body)["error"].GetString(), "invalid_grant");
    auto greedy = password_grant(app, "correct+horse+battery", "read write");
    EXPECT_EQ(greedy.status, 400);
    EXPECT_STREQ(parse_document(greedy.body)["error"].GetString(), "invalid_scope");
    App forged{app.client_id, "not-the-secret"};
    EXPECT_EQ(password_grant(forged, "correct+horse+battery", "read").status, 401);
    auto grant = post("/oauth/token", "grant_type=implicit&client_id=" + app.client_id + "&client_secret=" + app.client_secret,
                      "application/x-www-form-urlencoded");
    EXPECT_STREQ(parse_document(grant.body)["error"].GetString(), "unsupported_grant_type");
}

TEST_F(OAuth, ScopesAreEnforcedAndBadTokensRefused) {
    App app = register_app("write");
    std::string token = token_of(password_grant(app, "correct+horse+battery", "write"));
    auto res = get("/api/v1/accounts/verify_credentials", token);
    EXPECT_EQ(res.status, 403);
    EXPECT_STREQ(parse_document(res.body)["error"].GetString(), "This action is outside the authorized scopes");
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", "nonsense").status, 401);
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials").status, 401);
    // A suspended account's tokens stop working.
    App reader = register_app("read");
    std::string read_token = token_of(password_grant(reader, "correct+horse+battery", "read:accounts"));
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", read_token).status, 200);
    node.db().write([&](storage::Connection& c) {
        c.prepare("UPDATE accounts SET suspended_at = 1 WHERE id = ?").bind(1, alice.id).run();
    });
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", read_token).status, 401);
}

TEST_F(OAuth, AuthorizationCodeWithPkceAndRedirect) {
    App app = register_app("read write", "https://app.example/callback");
    std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    std::string challenge = web::oauth::pkce_s256(verifier);
    EXPECT_EQ(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");  // RFC 7636 Appendix B
    auto page = get("/oauth/authorize?response_type=code&client_id=" + app.client_id +
                    "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&scope=read&state=xyz&code_challenge=" + challenge +
                    "&code_challenge_method=S256");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Test App"), std::string::npos);
    EXPECT_NE(page.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    std::string form = "client_id=" + app.client_id + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&scope=read" +
                       "&state=xyz&response_type=code&code_challenge=" + form_field(page.body, "code_challenge") +
                       "&code_challenge_method=S256&username=alice&password=";
    EXPECT_EQ(post("/oauth/authorize", form + "wrong", "application/x-www-form-urlencoded").status, 401);
    auto redirect = post("/oauth/authorize", form + "correct+horse+battery", "application/x-www-form-urlencoded");
    ASSERT_EQ(redirect.status, 302) << redirect.body;
    std::string location = redirect.header("location");
    ASSERT_EQ(location.rfind("https://app.example/callback?code=", 0), 0u) << location;
    EXPECT_NE(location.find("&state=xyz"), std::string::npos);
    std::string code = location.substr(location.find("code=") + 5, location.find('&') - location.find("code=") - 5);

    std::string exchange = "grant_type=authorization_code&code=" + code + "&client_id=" + app.client_id +
                           "&client_secret=" + app.client_secret + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback";
    EXPECT_EQ(post("/oauth/token", exchange + "&code_verifier=wrong", "application/x-www-form-urlencoded").status, 400);
    // The failed attempt used the code up: codes are single-use.
    EXPECT_EQ(post("/oauth/token", exchange + "&code_verifier=" + verifier, "application/x-www-form-urlencoded").status, 400);

    redirect = post("/oauth/authorize", form + "correct+horse+battery", "application/x-www-form-urlencoded");
    location = redirect.header("location");
    code = location.substr(location.find("code=") + 5, location.find('&') - location.find("code=") - 5);
    exchange = "grant_type=authorization_code&code=" + code + "&client_id=" + app.client_id + "&client_secret=" +
               app.client_secret + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback";
    auto tokens = post("/oauth/token", exchange + "&code_verifier=" + verifier, "application/x-www-form-urlencoded");
    std::string token = token_of(tokens);
    EXPECT_STREQ(parse_document(tokens.body)["scope"].GetString(), "read");
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", token).status, 200);

    // Refresh: a new token, the old one revoked.
    std::string refresh = parse_document(tokens.body)["refresh_token"].GetString();
    auto refreshed = post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=" +
                                              app.client_id + "&client_secret=" + app.client_secret,
                          "application/x-www-form-urlencoded");
    std::string renewed = token_of(refreshed);
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", token).status, 401);
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", renewed).status, 200);

    // Revocation (RFC 7009), also with HTTP Basic client authentication.
    EXPECT_EQ(post("/oauth/revoke", "token=" + renewed + "&client_id=" + app.client_id + "&client_secret=" + app.client_secret,
                   "application/x-www-form-urlencoded").status, 200);
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", renewed).status, 401);
}

TEST_F(OAuth, OutOfBandShowsTheCodeAndUnknownAppsAreRefused) {
    App app = register_app("read");
    auto page = post("/oauth/authorize",
                     "client_id=" + app.client_id + "&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scope=read" +
                         "&response_type=code&username=alice%40example.test&password=correct+horse+battery",
                     "application/x-www-form-urlencoded");
    ASSERT_EQ(page.status, 200) << page.body;
    auto at = page.body.find("<code id=\"code\">");
    ASSERT_NE(at, std::string::npos);
    std::string code = page.body.substr(at + 16, page.body.find("</code>", at) - at - 16);
    auto tokens = post("/oauth/token", "grant_type=authorization_code&code=" + code + "&client_id=" + app.client_id +
                                           "&client_secret=" + app.client_secret +
                                           "&redirect_uri=urn:ietf:wg:oauth:2.0:oob",
                       "application/x-www-form-urlencoded");
    EXPECT_FALSE(token_of(tokens).empty());
    EXPECT_EQ(get("/oauth/authorize?client_id=nope&response_type=code").status, 400);
    EXPECT_EQ(get("/oauth/authorize?client_id=" + app.client_id + "&redirect_uri=https%3A%2F%2Fevil.example%2F").status, 400);
}

TEST_F(OAuth, InstanceDocumentsCarryWhatClientsParse) {
    for (const char* path : {"/api/v1/instance", "/api/v1/instance/"}) {
        auto v1 = get(path);
        ASSERT_EQ(v1.status, 200) << path;
        auto doc = parse_document(v1.body);
        std::string version = doc["version"].GetString();
        EXPECT_EQ(version.rfind("4.3.0 (compatible; Gesso ", 0), 0u) << version;
        EXPECT_EQ(std::string(doc["uri"].GetString()), node.domain());
        EXPECT_TRUE(doc["configuration"]["statuses"]["max_characters"].IsInt());
    }
    auto v2 = parse_document(get("/api/v2/instance").body);
    EXPECT_EQ(std::string(v2["configuration"]["urls"]["streaming"].GetString()), "ws://" + node.domain());
    EXPECT_FALSE(v2["registrations"]["enabled"].GetBool());
    auto meta = parse_document(get("/.well-known/oauth-authorization-server").body);
    EXPECT_EQ(std::string(meta["token_endpoint"].GetString()), node.base() + "/oauth/token");
    EXPECT_STREQ(meta["code_challenge_methods_supported"][0].GetString(), "S256");
}

// Tokens are resolved from memory once seen (web/oauth/token_cache.hpp); a revocation must still hold for the
// very next request, without waiting for the cache's TTL.
TEST_F(OAuth, RevokedTokenIsRefusedAtOnceAfterBeingCached) {
    App app = register_app("read");
    std::string token = token_of(password_grant(app, "correct+horse+battery", "read"));
    std::string other = token_of(password_grant(app, "correct+horse+battery", "read"));
    for (int i = 0; i < 3; ++i) {  // the second and third are answered from the cache
        ASSERT_EQ(get("/api/v1/accounts/verify_credentials", token).status, 200);
        ASSERT_EQ(get("/api/v1/timelines/home", token).status, 200);
    }
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", other).status, 200);
    EXPECT_GE(web::oauth::cached_caller_count(), 2u);
    ASSERT_EQ(post("/oauth/revoke", "token=" + token + "&client_id=" + app.client_id + "&client_secret=" + app.client_secret,
                   "application/x-www-form-urlencoded").status, 200);
    EXPECT_EQ(get("/api/v1/timelines/home", token).status, 401);
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", token).status, 401);
    EXPECT_EQ(get("/api/v1/accounts/verify_credentials", other).status, 200);  // only that token went
}

// A new password (`gesso admin account password`) ends every session of the account at once, cached or not;
// so does a suspension.
TEST_F(OAuth, PasswordResetAndSuspensionEndCachedSessionsAtOnce) {
    App app = register_app("read");
    std::string token = token_of(password_grant(app, "correct+horse+battery", "read"));
    ASSERT_EQ(get("/api/v1/timelines/home", token).status, 200);
    ASSERT_EQ(get("/api/v1/timelines/home", token).status, 200);
    activitypub::reset_password(node.ctx(), "alice", "a brand new passphrase");
    EXPECT_EQ(get("/api/v1/timelines/home", token).status, 401);
    EXPECT_EQ(password_grant(app, "correct+horse+battery", "read").status, 400);

    std::string fresh = token_of(password_grant(app, "a+brand+new+passphrase", "read"));
    ASSERT_EQ(get("/api/v1/timelines/home", fresh).status, 200);
    ASSERT_EQ(get("/api/v1/timelines/home", fresh).status, 200);
    activitypub::set_account_suspended(node.ctx(), "alice", true);
    EXPECT_EQ(get("/api/v1/timelines/home", fresh).status, 401);
}

}  // namespace
}  // namespace gesso::test
