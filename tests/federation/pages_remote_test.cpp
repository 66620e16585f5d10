// The public pages between two real nodes over HTTPS: "follow from your server" on a.test looks up the
// visitor's server (b.test) by WebFinger and redirects to its subscribe template, which b answers with a page;
// bad handles, unknown accounts and unreachable servers get clear error pages; a remote account known on a
// renders as a portfolio from the cache, re-emitting the rights its own server declared.
#include <gtest/gtest.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "activitypub/media_intake.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/protection.hpp"
#include "activitypub/outbox.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/policy_rules.hpp"
#include "support/federation_pair.hpp"
#include "support/http_client.hpp"
#include "support/page_browser.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;

class RemotePages : public ::testing::Test {
protected:
    RemotePages() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
    }
    HttpResult get(TestNode& node, const std::string& host, const std::string& target) {
        return https_request(node.port(), {http::verb::get, target, {{"Accept", "text/html"}}, ""},
                             pair.certificates().ca_file.string(), host);
    }
    HttpResult follow_from(const std::string& handle) {
        return get(pair.a(), "a.test", "/remote_follow?account=alice&handle=" +
                                           std::string(boost::urls::encode(handle, boost::urls::unreserved_chars)));
    }

    FederationPair pair;
    core::Account alice, bob;
};

TEST_F(RemotePages, FollowFromYourServerRedirectsToTheVisitorsServer) {
    auto profile = get(pair.a(), "a.test", "/@alice");
    ASSERT_EQ(profile.status, 200);
    EXPECT_NE(profile.body.find("<form class=\"follow-remote\" method=\"get\" action=\"/remote_follow\">"), std::string::npos);

    auto res = follow_from("@bob@" + pair.b().domain());
    ASSERT_EQ(res.status, 303) << res.body;
    std::string actor = pair.a().base() + "/users/alice";
    std::string expected = pair.b().base() + "/authorize_interaction?uri=" +
                           std::string(boost::urls::encode(actor, boost::urls::unreserved_chars));
    EXPECT_EQ(res.header("location"), expected);
    EXPECT_FALSE(res.header("content-security-policy").empty());

    // b answers its own template with a page naming alice (fetched from a).
    auto landing = get(pair.b(), "b.test", expected.substr(pair.b().base().size()));
    ASSERT_EQ(landing.status, 200) << landing.body;
    EXPECT_EQ(landing.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(landing.body.find("@alice@" + pair.a().domain()), std::string::npos) << landing.body;
    EXPECT_NE(landing.body.find("Log in to follow"), std::string::npos);
}

// The landing page's Follow button: bob, signed in on b, follows alice of a through b's engine; a receives the
// Follow and accepts it.
TEST_F(RemotePages, TheSubscribeLandingFollowsWithTheSignedInUser) {
    PageBrowser browser(pair.b());
    browser.use_tls(pair.certificates().ca_file.string(), "b.test");
    std::string actor = pair.a().base() + "/users/alice";
    std::string landing = "/authorize_interaction?uri=" + std::string(boost::urls::encode(actor, boost::urls::unreserved_chars));
    auto signed_out = browser.get(landing);
    ASSERT_EQ(signed_out.status, 200) << signed_out.body;
    EXPECT_EQ(signed_out.body.find(">Follow</button>"), std::string::npos) << "no button before signing in";

    ASSERT_EQ(browser.sign_in("bob").status, 303);
    std::string token = browser.csrf();
    auto page = browser.get(landing);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("@alice@" + pair.a().domain()), std::string::npos);
    EXPECT_NE(page.body.find(">Follow</button>"), std::string::npos) << page.body;
    auto followed = browser.post("/authorize_interaction", "csrf_token=" + form_encode(token) + "&uri=" + form_encode(actor));
    ASSERT_EQ(followed.status, 303) << followed.body;
    EXPECT_EQ(followed.header("location"), landing);
    pair.pump();

    auto on_a = pair.a().db().read([&](storage::Connection& c) {
        auto remote_bob = storage::find_account_by_uri(c, pair.b().base() + "/users/bob");
        return remote_bob ? storage::find_follow(c, remote_bob->id, alice.id) : std::nullopt;
    });
    ASSERT_TRUE(on_a) << "a received the Follow";
    EXPECT_TRUE(on_a->accepted);
    auto on_b = pair.b().db().read([&](storage::Connection& c) {
        auto remote_alice = storage::find_account_by_uri(c, actor);
        return remote_alice ? storage::find_follow(c, bob.id, remote_alice->id) : std::nullopt;
    });
    ASSERT_TRUE(on_b);
    EXPECT_TRUE(on_b->accepted) << "b got the Accept";
    EXPECT_NE(browser.get(landing).body.find("You follow @alice@" + pair.a().domain()), std::string::npos);
}

TEST_F(RemotePages, FollowFromYourServerExplainsWhatWentWrong) {
    auto malformed = follow_from("not a handle");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(malformed.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(malformed.body.find("Enter your handle as you@your.server."), std::string::npos) << malformed.body;
    // The form comes back with what was typed, escaped.
    auto hostile = follow_from("<script>@x");
    EXPECT_EQ(hostile.status, 400);
    EXPECT_EQ(hostile.body.find("<script>@x"), std::string::npos);
    EXPECT_NE(hostile.body.find("value=\"&lt;script&gt;@x\""), std::string::npos) << hostile.body;

    auto unknown = follow_from("nobody@" + pair.b().domain());
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body.find("knows no account"), std::string::npos) << unknown.body;

    // A server that does not answer (a closed loopback port: tests never leave loopback).
    auto unreachable = follow_from("carol@127.0.0.1:1");
    EXPECT_EQ(unreachable.status, 502);
    EXPECT_NE(unreachable.body.find("Could not reach 127.0.0.1:1"), std::string::npos) << unreachable.body;

    auto missing_account = get(pair.a(), "a.test", "/remote_follow?account=nobody&handle=bob%40b.test");
    EXPECT_EQ(missing_account.status, 404);
    EXPECT_EQ(missing_account.header("content-type"), "text/html; charset=utf-8");
}

TEST_F(RemotePages, RemoteAccountsRenderFromTheCacheWithTheirRights) {
    // bob allows mining on b; a stores what b's actor declares and re-emits it on bob's cached profile.
    activitypub::ProtectionUpdate allow;
    allow.data_mining = "DMI-ALLOWED";
    activitypub::update_protection(pair.b().ctx(), bob.id, allow);
    pair.b().db().write([](storage::Connection& c) { storage::set_policy_rule_enabled(c, 1, false); });
    activitypub::follow_account(pair.a().ctx(), alice, pair.b().base() + "/users/bob");
    pair.pump();
    activitypub::UploadOptions options;
    options.description = "Bob's <harbour>";
    auto m = activitypub::store_upload(pair.b().ctx(), bob, fx::encode(fx::picture(800, 600, 3), ".png"), options);
    activitypub::PostDraft draft;
    draft.text = "harbour";
    draft.media_ids = {m.id};
    activitypub::publish_status(pair.b().ctx(), bob, draft);
    pair.pump();

    auto res = get(pair.a(), "a.test", "/@bob@" + pair.b().domain());
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header("x-robots-tag"), "all");
    EXPECT_NE(res.body.find("<meta name=\"robots\" content=\"all\">"), std::string::npos) << res.body;
    EXPECT_NE(res.body.find("@bob@" + pair.b().domain()), std::string::npos);
    EXPECT_NE(res.body.find("alt=\"Bob&apos;s &lt;harbour&gt;\""), std::string::npos) << res.body;
    EXPECT_EQ(res.body.find("action=\"/remote_follow\""), std::string::npos);  // remote accounts: no form here
    // Unknown remote accounts are not fetched by a page view.
    auto unknown = get(pair.a(), "a.test", "/@carol@" + pair.b().domain());
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.header("content-type"), "text/html; charset=utf-8");
}

}  // namespace
}  // namespace gesso::test
