// Browser sessions over real HTTP: the gesso_session cookie and its attributes, sign-in and sign-out, the
// CSRF token and origin check on forms, the failed sign-in throttle, idle and absolute expiry (ManualClock),
// open-redirect refusal, registration modes, password change revoking other sessions and tokens, and the OAuth
// authorize page using the session.
#include <gtest/gtest.h>

#include "activitypub/accounts.hpp"
#include "activitypub/protection.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/oauth.hpp"
#include "storage/web_sessions.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/manual_clock.hpp"
#include "support/page_browser.hpp"
#include "support/temp_dir.hpp"
#include "support/test_ca.hpp"
#include "support/test_node.hpp"
#include "web/oauth/tokens.hpp"
#include "web/pages/session.hpp"

namespace gesso::test {
namespace {

namespace limits = core::limits;

int session_rows(TestNode& node, core::Id account_id) {
    return node.db().read([&](storage::Connection& c) { return storage::count_account_web_sessions(c, account_id); });
}

class WebSessions : public ::testing::Test {
protected:
    WebSessions() : node(options()) { alice = node.create_account("alice"); }
    TestNodeOptions options() {
        TestNodeOptions o;
        o.clock = &clock;
        return o;
    }

    ManualClock clock;
    TestNode node;
    core::Account alice;
};

TEST_F(WebSessions, SignInSetsAnHttpOnlyLaxCookieAndOpensTheSettings) {
    Browser browser(node);
    auto anonymous = browser.get("/settings/profile");
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_EQ(anonymous.header("location"), "/auth/sign_in?return_to=%2Fsettings%2Fprofile");

    auto res = browser.sign_in("alice", "correct horse battery", "/settings/profile");
    ASSERT_EQ(res.status, 303) << res.body;
    EXPECT_EQ(res.header("location"), "/settings/profile");
    std::string set = browser.last_set_cookie();
    EXPECT_TRUE(set.starts_with("gesso_session=")) << set;
    EXPECT_NE(set.find("; HttpOnly"), std::string::npos) << set;
    EXPECT_NE(set.find("; SameSite=Lax"), std::string::npos) << set;
    EXPECT_NE(set.find("; Path=/"), std::string::npos) << set;
    EXPECT_EQ(set.find("Secure"), std::string::npos) << "a plain-http development node must still work: " << set;
    ASSERT_GE(browser.cookie().size(), 40u);

    // Only a digest of the token is stored.
    auto stored = node.db().read([&](storage::Connection& c) {
        return storage::find_web_session(c, web::oauth::secret_hash(browser.cookie()));
    });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->account_id, alice.id);
    auto raw = node.db().read([&](storage::Connection& c) {
        auto s = c.prepare("SELECT count(*) FROM web_sessions WHERE token_hash = ?");
        s.bind(1, browser.cookie());
        s.step();
        return s.int64(0);
    });
    EXPECT_EQ(raw, 0);

    auto page = browser.get("/settings/profile");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(page.header("cache-control").find("no-store"), std::string::npos) << page.header("cache-control");
    EXPECT_NE(page.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(page.body.find("@alice"), std::string::npos);
    EXPECT_FALSE(input_value(page.body, "csrf_token").empty());

    // A made-up cookie is nobody.
    Browser stranger(node);
    stranger.set_cookie("made-up-token");
    EXPECT_EQ(stranger.get("/settings/profile").status, 303);
}

TEST_F(WebSessions, TheCookieIsSecureWhenTheNodeIsHttps) {
    TempDir dir;
    TestCertificates certs = make_test_certificates(dir.path());
    TestNodeOptions o;
    o.tls_cert_file = certs.cert_file.string();
    o.tls_key_file = certs.key_file.string();
    o.domain_host = "localhost";
    TestNode https_node(o);
    https_node.create_account("bob");
    HttpCall call{http::verb::post, "/auth/sign_in",
                  {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", https_node.base()}},
                  "username=bob&password=correct+horse+battery"};
    auto res = https_request(https_node.port(), call, certs.ca_file.string(), "localhost");
    ASSERT_EQ(res.status, 303) << res.body;
    std::string set = res.header("set-cookie");
    EXPECT_NE(set.find("; Secure"), std::string::npos) << set;
    EXPECT_NE(set.find("; HttpOnly"), std::string::npos) << set;
}

TEST_F(WebSessions, WrongPasswordsSuspendedAndUnapprovedAccountsGetClearMessages) {
    Browser browser(node);
    auto wrong = browser.sign_in("alice", "not the password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find("Invalid e-mail, username or password."), std::string::npos);
    EXPECT_TRUE(browser.cookie().empty());
    EXPECT_EQ(browser.sign_in("nobody").status, 401);

    activitypub::create_local_account(node.ctx(), {"pending", "pending@example.test", "correct horse battery", false, false, "hi"});
    auto pending = browser.sign_in("pending@example.test");
    EXPECT_EQ(pending.status, 401);
    EXPECT_NE(pending.body.find("waiting for approval"), std::string::npos) << pending.body;

    activitypub::set_account_suspended(node.ctx(), "alice", true);
    auto suspended = browser.sign_in("alice");
    EXPECT_EQ(suspended.status, 401);
    EXPECT_NE(suspended.body.find("suspended"), std::string::npos);
    EXPECT_TRUE(browser.cookie().empty());
}

TEST_F(WebSessions, AnAdminsPasswordResetEndsEverySession) {
    Browser browser(node);
    ASSERT_EQ(browser.sign_in("alice").status, 303);
    activitypub::reset_password(node.ctx(), "alice", "a reset password");
    EXPECT_EQ(session_rows(node, alice.id), 0);
    EXPECT_EQ(browser.get("/settings/profile").status, 303);
}

TEST_F(WebSessions, SuspensionEndsAnOpenSession) {
    Browser browser(node);
    ASSERT_EQ(browser.sign_in("alice").status, 303);
    ASSERT_EQ(browser.get("/settings/profile").status, 200);
    activitypub::set_account_suspended(node.ctx(), "alice", true);
    EXPECT_EQ(browser.get("/settings/profile").status, 303);
    EXPECT_EQ(session_rows(node, alice.id), 0);
}

TEST_F(WebSessions, FormsWithoutTheCsrfTokenOrFromAnotherSiteAreRefused) {
    Browser browser(node);
    ASSERT_EQ(browser.sign_in("alice").status, 303);
    std::string token = browser.csrf();
    ASSERT_FALSE(token.empty());
    std::string change = "gesso%5Bdata_mining%5D=DMI-ALLOWED";
    auto reserved = [&] { return activitypub::protection_settings(node.ctx(), alice.id).data_mining; };
    std::string before = reserved();
    ASSERT_NE(before, "DMI-ALLOWED");

    auto missing = browser.post("/settings/protection", change);
    EXPECT_EQ(missing.status, 403);
    EXPECT_NE(missing.body.find("Request refused"), std::string::npos);
    EXPECT_EQ(missing.header("content-type"), "text/html; charset=utf-8");
    auto wrong = browser.post("/settings/protection", change + "&csrf_token=" + form_encode(token + "x"));
    EXPECT_EQ(wrong.status, 403);
    browser.set_origin("https://evil.example");
    auto foreign = browser.post("/settings/protection", change + "&csrf_token=" + form_encode(token));
    EXPECT_EQ(foreign.status, 403);
    // A JSON body is not a form: refused even with the token.
    browser.set_origin(node.base());
    auto json = browser.post("/settings/protection", R"({"csrf_token":")" + token + R"(","gesso[data_mining]":"DMI-ALLOWED"})",
                             "application/json");
    EXPECT_EQ(json.status, 403);
    EXPECT_EQ(reserved(), before) << "nothing may change on a refused form";

    // Another session's token does not fit this one.
    Browser other(node);
    ASSERT_EQ(other.sign_in("alice").status, 303);
    EXPECT_NE(other.csrf(), token);
    EXPECT_EQ(browser.post("/settings/protection", change + "&csrf_token=" + form_encode(other.csrf())).status, 403);

    auto ok = browser.post("/settings/protection", change + "&csrf_token=" + form_encode(token));
    EXPECT_EQ(ok.status, 303) << ok.body;
    EXPECT_EQ(ok.header("location"), "/settings/protection?saved=1");
    EXPECT_EQ(reserved(), "DMI-ALLOWED");
}

TEST_F(WebSessions, AProtectionChangeShowsInTheProfilesServedSignals) {
    Browser browser(node);
    ASSERT_EQ(browser.sign_in("alice").status, 303);
    auto reserved_page = node.get("/@alice");
    ASSERT_EQ(reserved_page.status, 200);
    EXPECT_NE(reserved_page.header("x-robots-tag").find("noai"), std::string::npos) << reserved_page.header("x-robots-tag");
    EXPECT_EQ(reserved_page.header("tdm-reservation"), "1");
    EXPECT_NE(reserved_page.body.find("<meta name=\"tdm-reservation\" content=\"1\">"), std::string::npos);

    std::string token = browser.csrf();
    auto res = browser.post("/settings/protection",
                            "csrf_token=" + form_encode(token) +
                                "&gesso%5Bdata_mining%5D=DMI-ALLOWED&indexable=0&indexable=1&discoverable=0"
                                "&gesso%5Blicense%5D=cc-by-4.0&gesso%5Bcloak_level%5D=off"
                                "&gesso%5Bwatermark%5D%5Btext%5D=&gesso%5Bwatermark%5D%5Bposition%5D=center"
                                "&gesso%5Bwatermark%5D%5Bopacity%5D=0.40&gesso%5Ballow_original_download%5D=0");
    ASSERT_EQ(res.status, 303) << res.body;
    auto settings = activitypub::protection_settings(node.ctx(), alice.id);
    EXPECT_EQ(settings.license, "https://creativecommons.org/licenses/by/4.0/");
    EXPECT_EQ(settings.watermark_position, "center");
    EXPECT_DOUBLE_EQ(settings.watermark_opacity, 0.4);
    auto account = node.db().read([&](storage::Connection& c) { return storage::find_account(c, alice.id); });
    EXPECT_TRUE(account->indexable);
    EXPECT_FALSE(account->discoverable);

    auto opted_in = node.get("/@alice");
    EXPECT_EQ(opted_in.header("x-robots-tag").find("noai"), std::string::npos) << opted_in.header("x-robots-tag");
    EXPECT_EQ(opted_in.header("tdm-reservation"), "0");
    EXPECT_NE(opted_in.body.find("<meta name=\"tdm-reservation\" content=\"0\">"), std::string::npos);

    // The page shows what is stored, with the notice.
    auto page = browser.get("/settings/protection?saved=1");
    EXPECT_NE(page.body.find("role=\"status\""), std::string::npos);
    EXPECT_NE(page.body.find("<option value=\"DMI-ALLOWED\" selected>"), std::string::npos);
    EXPECT_NE(page.body.find("<option value=\"cc-by-4.0\" selected>"), std::string::npos);

    // An invalid value is shown next to its field, and nothing is saved.
    auto bad = browser.post("/settings/protection", "csrf_token=" + form_encode(token) +
                                                        "&gesso%5Bcloak_level%5D=extreme&gesso%5Blicense%5D=cc-by-nc-4.0");
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("id=\"gesso[cloak_level]-error\""), std::string::npos) << bad.body;
    EXPECT_EQ(activitypub::protection_settings(node.ctx(), alice.id).license,
              "https://creativecommons.org/licenses/by/4.0/");
}

TEST_F(WebSessions, SignOutEndsTheSessionForGood) {
    Browser browser(node);
    ASSERT_EQ(browser.sign_in("alice").status, 303);
    std::string old_cookie = browser.cookie();
    std::string token = browser.csrf();
    EXPECT_EQ(browser.post("/auth/sign_out", "").status, 403) << "sign-out needs the CSRF token";
    auto out = browser.post("/auth/sign_out", "csrf_token=" + form_encode(token));
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(out.header("location"), "/");
    EXPECT_NE(browser.last_set_cookie().find("Max-Age=0"), std::string::npos) << browser.last_set_cookie();
    EXPECT_EQ(session_rows(node, alice.id), 0);
    Browser replay(node);
    replay.set_cookie(old_cookie);
    EXPECT_EQ(replay.get("/settings/profile").status, 303);
}

TEST_F(WebSessions, IdleAndAbsoluteLifetimesEndSessions) {
    Browser idle(node);
    ASSERT_EQ(idle.sign_in("alice").status, 303);
    clock.advance(limits::kWebSessionIdleLifetime - std::chrono::minutes(1));
    ASSERT_EQ(idle.get("/settings/profile").status, 200) << "still within the idle lifetime";
    clock.advance(limits::kWebSessionIdleLifetime - std::chrono::minutes(1));
    ASSERT_EQ(idle.get("/settings/profile").status, 200) << "the last request counted as activity";
    clock.advance(limits::kWebSessionIdleLifetime);
    EXPECT_EQ(idle.get("/settings/profile").status, 303);
    EXPECT_EQ(session_rows(node, alice.id), 0);

    Browser busy(node);
    ASSERT_EQ(busy.sign_in("alice").status, 303);
    auto step = limits::kWebSessionIdleLifetime / 2;
    auto lived = std::chrono::hours(0);
    while (lived + step < limits::kWebSessionAbsoluteLifetime) {
        clock.advance(step);
        lived += step;
        ASSERT_EQ(busy.get("/settings/profile").status, 200) << "active for " << lived.count() << " h";
    }
    clock.advance(step);
    EXPECT_EQ(busy.get("/settings/profile").status, 303) << "past the absolute lifetime";
}

TEST_F(WebSessions, SessionsPerAccountAreBoundedAndExpiredOnesPruned) {
    std::vector<Browser> browsers;
    for (std::size_t i = 0; i < limits::kWebSessionsPerAccount + 3; ++i) {
        browsers.emplace_back(node);
        ASSERT_EQ(browsers.back().sign_in("alice").status, 303);
        clock.advance(std::chrono::seconds(1));
    }
    EXPECT_EQ(session_rows(node, alice.id), static_cast<int>(limits::kWebSessionsPerAccount));
    EXPECT_EQ(browsers.front().get("/settings/profile").status, 303) << "the least recently used session went first";
    EXPECT_EQ(browsers.back().get("/settings/profile").status, 200);

    core::Account bob = node.create_account("bob");
    clock.advance(limits::kWebSessionIdleLifetime + std::chrono::minutes(1));
    Browser late(node);
    ASSERT_EQ(late.sign_in("bob").status, 303);
    EXPECT_EQ(session_rows(node, alice.id), 0) << "alice's idle sessions were pruned when bob signed in";
    EXPECT_EQ(session_rows(node, bob.id), 1);
}

TEST_F(WebSessions, FailedSignInsAreThrottledPerAccountAndPerAddress) {
    Browser browser(node);
    for (int i = 0; i < limits::kFailedSignInsPerAccount; ++i) {
        ASSERT_EQ(browser.sign_in("alice", numbered("wrong ", i)).status, 401);
    }
    // The right password is not even checked now, by username or by e-mail.
    auto blocked = browser.sign_in("alice");
    EXPECT_EQ(blocked.status, 401);
    EXPECT_NE(blocked.body.find("Too many failed sign-in attempts"), std::string::npos) << blocked.body;
    EXPECT_EQ(browser.sign_in("alice@example.test").status, 401);
    EXPECT_TRUE(browser.cookie().empty());
    // The authorize page counts in the same throttle.
    // Another account from the same address is not blocked yet.
    node.create_account("bob");
    EXPECT_EQ(browser.sign_in("bob").status, 303);

    clock.advance(limits::kFailedSignInWindow);
    Browser later(node);
    EXPECT_EQ(later.sign_in("alice").status, 303) << "a new window";

    // Per address: failures against many logins add up.
    for (int i = 0; i < limits::kFailedSignInsPerAddress; ++i) {
        ASSERT_EQ(later.sign_in(numbered("nobody", i), "x").status, 401);
    }
    Browser same_address(node);
    auto address_blocked = same_address.sign_in("bob");
    EXPECT_EQ(address_blocked.status, 401);
    EXPECT_NE(address_blocked.body.find("Too many"), std::string::npos);
}

TEST_F(WebSessions, ReturnPathsNeverLeaveTheSite) {
    EXPECT_EQ(web::pages::safe_return_path("/settings/profile?x=1"), "/settings/profile?x=1");
    for (const char* bad : {"//evil.example/", "https://evil.example/", "/\\evil.example", "/\\/evil.example",
                            "evil.example", "", "/ok\r\nSet-Cookie: x=1", "/a\\b", "javascript:alert(1)"}) {
        EXPECT_EQ(web::pages::safe_return_path(bad), "/") << bad;
    }
    for (const char* bad : {"//evil.example/", "https://evil.example/", "/\\evil.example", "%2F%2Fevil.example"}) {
        Browser browser(node);
        auto res = browser.sign_in("alice", "correct horse battery", bad);
        ASSERT_EQ(res.status, 303);
        std::string location = res.header("location");
        EXPECT_EQ(location, "/") << bad;
    }
    // The sign-in page itself keeps only a safe return path in its form.
    Browser browser(node);
    auto page = browser.get("/auth/sign_in?return_to=%2F%2Fevil.example%2F");
    EXPECT_EQ(input_value(page.body, "return_to"), "/");
}

TEST_F(WebSessions, PasswordChangeRevokesOtherSessionsAndAppTokens) {
    Browser here(node), elsewhere(node);
    ASSERT_EQ(here.sign_in("alice").status, 303);
    ASSERT_EQ(elsewhere.sign_in("alice").status, 303);
    auto app = http_request(node.port(), {http::verb::post, "/api/v1/apps", {{"Content-Type", "application/json"}},
                                          R"({"client_name":"App","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read"})"});
    auto app_doc = parse_document(app.body);
    auto grant = http_request(node.port(), {http::verb::post, "/oauth/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                            std::string("grant_type=password&username=alice&password=correct+horse+battery&scope=read") +
                                                "&client_id=" + app_doc["client_id"].GetString() + "&client_secret=" +
                                                app_doc["client_secret"].GetString()});
    std::string access = parse_document(grant.body)["access_token"].GetString();
    auto verify = [&] {
        return http_request(node.port(), {http::verb::get, "/api/v1/accounts/verify_credentials",
                                          {{"Authorization", "Bearer " + access}}, ""}).status;
    };
    ASSERT_EQ(verify(), 200);

    std::string token = form_encode(here.csrf());
    auto wrong = here.post("/settings/password", "csrf_token=" + token +
                                                     "&current_password=nope&password=a+new+long+password&password_confirmation=a+new+long+password");
    EXPECT_EQ(wrong.status, 422);
    EXPECT_NE(wrong.body.find("current_password-error"), std::string::npos);
    auto differ = here.post("/settings/password", "csrf_token=" + token +
                                                      "&current_password=correct+horse+battery&password=a+new+long+password&password_confirmation=other");
    EXPECT_EQ(differ.status, 422);
    EXPECT_EQ(verify(), 200) << "a refused change revokes nothing";

    auto ok = here.post("/settings/password", "csrf_token=" + token +
                                                  "&current_password=correct+horse+battery&password=a+new+long+password&password_confirmation=a+new+long+password");
    ASSERT_EQ(ok.status, 303) << ok.body;
    auto notice = here.get("/settings/password?saved=1");
    EXPECT_EQ(notice.status, 200) << "this browser stays signed in";
    EXPECT_NE(notice.body.find("revoked"), std::string::npos);
    EXPECT_EQ(elsewhere.get("/settings/profile").status, 303);
    EXPECT_EQ(verify(), 401);
    Browser fresh(node);
    EXPECT_EQ(fresh.sign_in("alice").status, 401);
    EXPECT_EQ(fresh.sign_in("alice", "a new long password").status, 303);
}

class Registrations : public ::testing::TestWithParam<activitypub::Registrations> {};

TEST_P(Registrations, SignUpFollowsTheNodesMode) {
    TestNodeOptions o;
    o.registrations = GetParam();
    TestNode node(o);
    Browser browser(node);
    std::string form = "username=carol&email=carol%40example.test&password=a+long+password&password_confirmation=a+long+password"
                       "&agreement=1&reason=I+paint+birds";
    auto page = browser.get("/auth/sign_up");
    auto res = browser.post("/auth/sign_up", form);
    auto user = node.db().read([](storage::Connection& c) { return storage::find_local_user_by_login(c, "carol"); });
    switch (GetParam()) {
        case activitypub::Registrations::closed:
            EXPECT_EQ(page.status, 403);
            EXPECT_NE(page.body.find("Registrations are closed"), std::string::npos);
            EXPECT_EQ(res.status, 403);
            EXPECT_FALSE(user);
            break;
        case activitypub::Registrations::open:
            EXPECT_EQ(page.status, 200);
            EXPECT_EQ(page.body.find("name=\"reason\""), std::string::npos);
            ASSERT_EQ(res.status, 303) << res.body;
            ASSERT_TRUE(user);
            EXPECT_TRUE(user->user.approved);
            EXPECT_EQ(browser.get("/settings/profile").status, 200) << "signed in right away";
            break;
        case activitypub::Registrations::approval:
            EXPECT_NE(page.body.find("name=\"reason\""), std::string::npos);
            ASSERT_EQ(res.status, 200) << res.body;
            EXPECT_NE(res.body.find("waiting for approval"), std::string::npos);
            ASSERT_TRUE(user);
            EXPECT_FALSE(user->user.approved);
            EXPECT_EQ(node.db().read([&](storage::Connection& c) { return storage::registration_reason(c, user->account.id); }),
                      "I paint birds");
            EXPECT_TRUE(browser.cookie().empty());
            {
                auto waiting = browser.sign_in("carol", "a long password");
                EXPECT_EQ(waiting.status, 401);
                EXPECT_NE(waiting.body.find("waiting for approval"), std::string::npos);
                activitypub::approve_account(node.ctx(), "carol");
                EXPECT_EQ(browser.sign_in("carol", "a long password").status, 303) << "approved: signs in";
            }
            break;
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, Registrations,
                         ::testing::Values(activitypub::Registrations::closed, activitypub::Registrations::open,
                                           activitypub::Registrations::approval));

TEST(SignUp, BadInputIsShownNextToItsFieldAndCreatesNothing) {
    TestNodeOptions o;
    o.registrations = activitypub::Registrations::open;
    TestNode node(o);
    node.create_account("taken");
    Browser browser(node);
    auto count = [&] { return node.db().read([](storage::Connection& c) { return storage::list_local_users(c).size(); }); };
    std::size_t before = count();
    struct Case {
        std::string form, field;
    } cases[] = {
        {"username=bad+name&email=x%40example.test&password=a+long+password&password_confirmation=a+long+password&agreement=1", "username"},
        {"username=taken&email=x%40example.test&password=a+long+password&password_confirmation=a+long+password&agreement=1", "username"},
        {"username=dave&email=not-mail&password=a+long+password&password_confirmation=a+long+password&agreement=1", "email"},
        {"username=dave&email=x%40example.test&password=short&password_confirmation=short&agreement=1", "password"},
        {"username=dave&email=x%40example.test&password=a+long+password&password_confirmation=other&agreement=1", "password_confirmation"},
        {"username=dave&email=x%40example.test&password=a+long+password&password_confirmation=a+long+password", "agreement"},
    };
    for (const auto& c : cases) {
        auto res = browser.post("/auth/sign_up", c.form);
        EXPECT_EQ(res.status, 422) << c.form;
        EXPECT_NE(res.body.find("id=\"" + c.field + "-error\""), std::string::npos) << c.form << "\n" << res.body;
    }
    EXPECT_EQ(count(), before);
    browser.set_origin("https://evil.example");
    EXPECT_EQ(browser.post("/auth/sign_up", "username=dave&email=x%40example.test&password=a+long+password"
                                            "&password_confirmation=a+long+password&agreement=1").status, 403);
    EXPECT_EQ(count(), before);
}

// The OAuth authorize page with a session: only the consent, Authorize issues a code for the session's account,
// Deny sends error=access_denied, and the consent needs the CSRF token.
TEST_F(WebSessions, AuthorizeWithASessionAsksOnlyForConsent) {
    std::string redirect = "https://app.example/callback";
    auto app = http_request(node.port(), {http::verb::post, "/api/v1/apps", {{"Content-Type", "application/json"}},
                                          R"({"client_name":"Sketch App","redirect_uris":")" + redirect + R"(","scopes":"read write"})"});
    ASSERT_EQ(app.status, 200) << app.body;
    auto app_doc = parse_document(app.body);
    std::string client_id = app_doc["client_id"].GetString();
    std::string client_secret = app_doc["client_secret"].GetString();
    std::string query = "response_type=code&client_id=" + client_id + "&redirect_uri=" + form_encode(redirect) +
                        "&scope=read&state=xyz";

    Browser browser(node);
    auto anonymous = browser.get("/oauth/authorize?" + query);
    ASSERT_EQ(anonymous.status, 200);
    EXPECT_NE(anonymous.body.find("name=\"password\""), std::string::npos);

    ASSERT_EQ(browser.sign_in("alice").status, 303);
    auto consent = browser.get("/oauth/authorize?" + query);
    ASSERT_EQ(consent.status, 200);
    EXPECT_EQ(consent.body.find("name=\"password\""), std::string::npos) << "no password with a session";
    EXPECT_NE(consent.body.find("Sketch App"), std::string::npos);
    EXPECT_NE(consent.body.find("value=\"deny\""), std::string::npos);
    std::string token = input_value(consent.body, "csrf_token");
    ASSERT_FALSE(token.empty());
    std::string form = query + "&csrf_token=" + form_encode(token);

    EXPECT_EQ(browser.post("/oauth/authorize", query + "&decision=authorize").status, 403);
    auto denied = browser.post("/oauth/authorize", form + "&decision=deny");
    ASSERT_EQ(denied.status, 302);
    EXPECT_EQ(denied.header("location"), redirect + "?error=access_denied&state=xyz");

    auto granted = browser.post("/oauth/authorize", form + "&decision=authorize");
    ASSERT_EQ(granted.status, 302) << granted.body;
    std::string location = granted.header("location");
    ASSERT_TRUE(location.starts_with(redirect + "?code=")) << location;
    EXPECT_TRUE(location.ends_with("&state=xyz"));
    std::string code = location.substr(redirect.size() + 6, location.find('&') - redirect.size() - 6);
    auto exchanged = http_request(node.port(), {http::verb::post, "/oauth/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                                "grant_type=authorization_code&code=" + code + "&client_id=" + client_id +
                                                    "&client_secret=" + client_secret + "&redirect_uri=" + form_encode(redirect)});
    ASSERT_EQ(exchanged.status, 200) << exchanged.body;
    std::string access = parse_document(exchanged.body)["access_token"].GetString();
    auto me = http_request(node.port(), {http::verb::get, "/api/v1/accounts/verify_credentials", {{"Authorization", "Bearer " + access}}, ""});
    EXPECT_EQ(std::string(parse_document(me.body)["username"].GetString()), "alice");

    // The app is listed in the settings and can be revoked there.
    auto apps = browser.get("/settings/apps");
    EXPECT_NE(apps.body.find("Sketch App"), std::string::npos);
    EXPECT_NE(apps.body.find("<code>read</code>"), std::string::npos);
    std::string app_row = node.db().read([&](storage::Connection& c) { return std::to_string(storage::find_app_by_client_id(c, client_id)->id); });
    auto revoked = browser.post("/settings/apps/" + app_row + "/revoke", "csrf_token=" + form_encode(token));
    EXPECT_EQ(revoked.status, 303);
    auto after = http_request(node.port(), {http::verb::get, "/api/v1/accounts/verify_credentials", {{"Authorization", "Bearer " + access}}, ""});
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(browser.get("/settings/apps").body.find("Sketch App"), std::string::npos);
}

// Without a session, signing in on the authorize page also starts one (the next authorize shows only consent).
TEST_F(WebSessions, SigningInOnTheAuthorizePageStartsASession) {
    auto app = http_request(node.port(), {http::verb::post, "/api/v1/apps", {{"Content-Type", "application/json"}},
                                          R"({"client_name":"Oob","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read"})"});
    std::string client_id = parse_document(app.body)["client_id"].GetString();
    std::string query = "response_type=code&client_id=" + client_id + "&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob";
    Browser browser(node);
    auto res = browser.post("/oauth/authorize", query + "&username=alice&password=correct+horse+battery");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_NE(res.body.find("id=\"code\""), std::string::npos);
    EXPECT_FALSE(browser.cookie().empty());
    EXPECT_EQ(browser.get("/oauth/authorize?" + query).body.find("name=\"password\""), std::string::npos);
    // From another site, the authorize form is refused.
    Browser foreign(node);
    foreign.set_origin("https://evil.example");
    EXPECT_EQ(foreign.post("/oauth/authorize", query + "&username=alice&password=correct+horse+battery").status, 403);
}

}  // namespace
}  // namespace gesso::test
