// The no-AI web surface over real HTTP: robots.txt, ai.txt, tdmrep.json and the TDM policy; the reservation
// headers and <meta> tags on every kind of response (errors included) and their per-account opt-in; the 403
// for listed AI crawlers, its allow list, and the per-agent count.
#include <gtest/gtest.h>

#include <sstream>

#include "activitypub/protection.hpp"
#include "storage/account_settings.hpp"
#include "support/ai_robots.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

constexpr const char* kGptBot = "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
                                "+https://openai.com/gptbot)";
constexpr const char* kFirefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

HttpResult get_as(TestNode& node, const std::string& target, const std::string& user_agent,
                  const std::string& accept = "") {
    HttpCall call;
    call.target = target;
    call.headers.push_back({"User-Agent", user_agent});
    if (!accept.empty()) call.headers.push_back({"Accept", accept});
    return http_request(node.port(), call);
}

// The User-agent names of a robots.txt's first group (the one ending in "Disallow: /"), in order.
std::vector<std::string> first_group_agents(const std::string& robots) {
    std::vector<std::string> agents;
    std::istringstream in(robots);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("User-agent: ", 0) == 0) agents.push_back(line.substr(12));
        if (line == "Disallow: /") break;
    }
    return agents;
}

void expect_reserved(const HttpResult& res, const TestNode& node, const std::string& what) {
    EXPECT_EQ(res.header("x-robots-tag"), "noai, noimageai") << what;
    EXPECT_EQ(res.header("tdm-reservation"), "1") << what;
    EXPECT_EQ(res.header("tdm-policy"), node.base() + "/tdm-policy.json") << what;
}

class NoAiSurface : public ::testing::Test {
protected:
    TestNode node;
    core::Account alice = node.create_account("alice");
};

TEST_F(NoAiSurface, RobotsTxtDisallowsEveryAgentOfTheVendoredList) {
    auto res = node.get("/robots.txt");
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.header("content-type"), "text/plain; charset=utf-8");
    std::set<std::string> expected = agents_of_robots_json();
    auto agents = first_group_agents(res.body);
    EXPECT_EQ(agents.size(), expected.size());
    EXPECT_EQ(std::set<std::string>(agents.begin(), agents.end()), expected);
    // Attribution with the source commit, and ordinary crawlers allowed on the public pages.
    EXPECT_NE(res.body.find("738c80df2169027ce0e07c9976fd3f2f57dd8f7b"), std::string::npos);
    EXPECT_NE(res.body.find("MIT"), std::string::npos);
    EXPECT_NE(res.body.find("User-agent: *\nDisallow: /api/\nDisallow: /oauth/\nAllow: /\n"), std::string::npos);
}

TEST(NoAiSurfaceConfig, AdminAdditionsAndRemovalsChangeRobotsTxtAndTheGate) {
    TestNodeOptions options;
    options.surface.robots_add = {"ExampleArtHarvester"};
    options.surface.robots_remove = {"ccbot"};  // case-insensitive
    TestNode node(options);
    auto agents = first_group_agents(node.get("/robots.txt").body);
    std::set<std::string> expected = agents_of_robots_json();
    ASSERT_TRUE(expected.count("CCBot"));
    expected.erase("CCBot");
    expected.insert("ExampleArtHarvester");
    EXPECT_EQ(std::set<std::string>(agents.begin(), agents.end()), expected);
    EXPECT_EQ(get_as(node, "/", "CCBot/2.0 (https://commoncrawl.org/faq/)").status, 200);
    EXPECT_EQ(get_as(node, "/", "ExampleArtHarvester/0.9").status, 403);
}

TEST_F(NoAiSurface, AiTxtTdmrepAndThePolicyAreServed) {
    auto ai = node.get("/ai.txt");
    ASSERT_EQ(ai.status, 200);
    EXPECT_NE(ai.body.find("User-Agent: *\nDisallow: /\n"), std::string::npos);

    auto rep = node.get("/.well-known/tdmrep.json");
    ASSERT_EQ(rep.status, 200);
    EXPECT_EQ(rep.header("content-type").rfind("application/json", 0), 0u);
    rapidjson::Document doc = parse_document(rep.body);
    ASSERT_TRUE(doc.IsArray());
    ASSERT_GE(doc.Size(), 1u);
    std::string policy_url = node.base() + "/tdm-policy.json";
    for (const auto& rule : doc.GetArray()) {
        ASSERT_TRUE(rule.IsObject());
        ASSERT_TRUE(rule.HasMember("location") && rule["location"].IsString());
        EXPECT_EQ(rule["location"].GetString()[0], '/');
        ASSERT_TRUE(rule.HasMember("tdm-reservation") && rule["tdm-reservation"].IsInt());
        EXPECT_EQ(rule["tdm-reservation"].GetInt(), 1);
        ASSERT_TRUE(rule.HasMember("tdm-policy") && rule["tdm-policy"].IsString());
        EXPECT_EQ(std::string(rule["tdm-policy"].GetString()), policy_url);
    }
    EXPECT_EQ(std::string(doc[0]["location"].GetString()), "/*");  // the catch-all covers everything

    auto policy = node.get(policy_url.substr(node.base().size()));
    ASSERT_EQ(policy.status, 200);
    rapidjson::Document offer = parse_document(policy.body);
    ASSERT_TRUE(offer.IsObject());
    EXPECT_EQ(std::string(offer["@type"].GetString()), "Offer");
    EXPECT_EQ(std::string(offer["profile"].GetString()), "http://www.w3.org/ns/tdmrep");
    EXPECT_EQ(std::string(offer["uid"].GetString()), policy_url);
    EXPECT_EQ(std::string(offer["@context"][0].GetString()), "http://www.w3.org/ns/odrl.jsonld");
    ASSERT_TRUE(offer["permission"].IsArray());
    EXPECT_EQ(std::string(offer["permission"][0]["action"].GetString()), "tdm:mine");
    EXPECT_EQ(std::string(offer["permission"][0]["duty"][0]["action"].GetString()), "obtainConsent");
}

TEST_F(NoAiSurface, EveryKindOfResponseCarriesTheReservationErrorsIncluded) {
    core::Status status = node.insert_status(alice, "a sketch");
    struct Case {
        std::string what, target, accept;
        int status;
    };
    const Case cases[] = {
        {"front page", "/", "text/html", 200},
        {"profile page", "/@alice", "text/html", 200},
        {"client API", "/api/v1/instance", "", 200},
        {"client API status", "/api/v1/statuses/" + std::to_string(status.id), "", 200},
        {"NodeInfo", "/nodeinfo/2.1", "", 200},
        {"WebFinger", "/.well-known/webfinger?resource=acct:alice@" + node.domain(), "", 200},
        {"unknown page", "/no/such/page", "text/html", 404},
        {"unknown account", "/@nobody", "text/html", 404},
        {"media that is not there", "/media/nothing.png", "", 404},
        {"unsigned ActivityPub fetch", "/users/alice", "application/activity+json", 401},
    };
    for (const auto& c : cases) {
        auto res = node.get(c.target, c.accept);
        EXPECT_EQ(res.status, c.status) << c.what;
        expect_reserved(res, node, c.what);
    }
    // Signed ActivityPub documents of an account that kept the default.
    for (const std::string& target :
         {std::string("/users/alice"), std::string("/users/alice/outbox"), status.uri.substr(node.base().size())}) {
        auto res = node.get_activity(target);
        EXPECT_EQ(res.status, 200) << target;
        expect_reserved(res, node, target);
    }
    // 405 from the router, and the server's own answers: a malformed target and a body over the limit.
    HttpCall post;
    post.method = http::verb::post;
    post.target = "/@alice";
    auto not_allowed = http_request(node.port(), post);
    EXPECT_EQ(not_allowed.status, 405);
    expect_reserved(not_allowed, node, "405");
    for (std::string raw : {std::string("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
                            std::string("POST /api/v1/statuses HTTP/1.1\r\nHost: x\r\nContent-Length: 900000000\r\n\r\n")}) {
        std::string answer = raw_exchange(node.port(), raw);
        int code = raw_status(answer);
        EXPECT_TRUE(code == 400 || code == 413) << answer.substr(0, 200);
        EXPECT_NE(answer.find("X-Robots-Tag: noai, noimageai\r\n"), std::string::npos) << answer.substr(0, 400);
        EXPECT_NE(answer.find("tdm-reservation: 1\r\n"), std::string::npos) << answer.substr(0, 400);
    }
}

TEST_F(NoAiSurface, PagesCarryTheMatchingMetaTags) {
    for (std::string target : {"/", "/@alice"}) {
        auto res = node.get(target, "text/html");
        ASSERT_EQ(res.status, 200) << target;
        EXPECT_NE(res.body.find("<meta name=\"robots\" content=\"noai, noimageai\">"), std::string::npos) << target;
        EXPECT_NE(res.body.find("<meta name=\"tdm-reservation\" content=\"1\">"), std::string::npos) << target;
        EXPECT_NE(res.body.find("<meta name=\"tdm-policy\" content=\"" + node.base() + "/tdm-policy.json\">"),
                  std::string::npos)
            << target;
    }
}

TEST_F(NoAiSurface, AnOptedInAccountsContentCarriesNoReservation) {
    core::Account bob = node.create_account("bob");
    activitypub::ProtectionUpdate u;
    u.data_mining = "DMI-ALLOWED";
    activitypub::update_protection(node.ctx(), bob.id, u);
    core::Status post = node.insert_status(bob, "train on this");

    auto page = node.get("/@bob", "text/html");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("x-robots-tag"), "all");
    EXPECT_EQ(page.header("tdm-reservation"), "0");
    EXPECT_EQ(page.header("tdm-policy"), "");
    EXPECT_NE(page.body.find("<meta name=\"robots\" content=\"all\">"), std::string::npos);
    EXPECT_NE(page.body.find("<meta name=\"tdm-reservation\" content=\"0\">"), std::string::npos);
    EXPECT_EQ(page.body.find("noai"), std::string::npos);

    for (const std::string& target :
         {std::string("/users/bob"), std::string("/users/bob/outbox"), post.uri.substr(node.base().size())}) {
        auto res = node.get_activity(target);
        ASSERT_EQ(res.status, 200) << target;
        EXPECT_EQ(res.header("x-robots-tag"), "all") << target;
        EXPECT_EQ(res.header("tdm-reservation"), "0") << target;
    }
    auto api = node.get("/api/v1/statuses/" + std::to_string(post.id));
    EXPECT_EQ(api.header("x-robots-tag"), "all");
    // Alice, next to bob, still reserves hers.
    expect_reserved(node.get("/@alice", "text/html"), node, "alice's page");
}

TEST_F(NoAiSurface, ActorAndNoteDocumentsCarryTheConsentFields) {
    activitypub::ProtectionUpdate u;
    u.license = "cc-by-nc-nd-4.0";
    activitypub::update_protection(node.ctx(), alice.id, u);
    core::Status post = node.insert_status(alice, "mine");

    rapidjson::Document actor = parse_document(node.get_activity("/users/alice").body);
    EXPECT_EQ(std::string(actor["xRobotsTag"].GetString()), "noai, noimageai");
    EXPECT_EQ(std::string(actor["license"].GetString()), "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    EXPECT_FALSE(actor["indexable"].GetBool());
    EXPECT_FALSE(actor["discoverable"].GetBool());
    // The @context defines the terms inline.
    const auto& inline_terms = actor["@context"][actor["@context"].Size() - 1];
    EXPECT_TRUE(inline_terms.HasMember("xRobotsTag"));
    EXPECT_TRUE(inline_terms.HasMember("license"));
    EXPECT_TRUE(inline_terms.HasMember("indexable"));

    rapidjson::Document note = parse_document(node.get_activity(post.uri.substr(node.base().size())).body);
    EXPECT_EQ(std::string(note["xRobotsTag"].GetString()), "noai, noimageai");
    EXPECT_EQ(std::string(note["license"].GetString()), "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    EXPECT_FALSE(note["indexable"].GetBool());
    EXPECT_FALSE(note["discoverable"].GetBool());

    rapidjson::Document entity = parse_document(node.get("/api/v1/statuses/" + std::to_string(post.id)).body);
    ASSERT_TRUE(entity.HasMember("gesso"));
    EXPECT_EQ(std::string(entity["gesso"]["x_robots_tag"].GetString()), "noai, noimageai");
    EXPECT_EQ(std::string(entity["gesso"]["license"].GetString()),
              "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    EXPECT_FALSE(entity["gesso"]["indexable"].GetBool());
}

// Routes answered on the I/O thread (router.hpp RunsOn::io_thread) still pass the gate and the finisher.
TEST_F(NoAiSurface, RoutesAnsweredOnTheIoThreadStillRefuseCrawlersAndCarryTheReservation) {
    auto refused = get_as(node, "/api/v1/streaming/health", kGptBot);
    EXPECT_EQ(refused.status, 403);
    expect_reserved(refused, node, "a refused health probe");
    auto health = get_as(node, "/api/v1/streaming/health", kFirefox);
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, "OK");
    expect_reserved(health, node, "the health probe");
    EXPECT_EQ(get_as(node, "/robots.txt", kGptBot).status, 200);
    auto counts = node.db().read([](storage::Connection& c) { return storage::list_crawler_counts(c); });
    ASSERT_EQ(counts.size(), 1u);
    EXPECT_EQ(counts[0].agent, "GPTBot");
    EXPECT_EQ(counts[0].hits, 1);
}

TEST_F(NoAiSurface, ListedCrawlersAreRefusedOnPagesAndTheApiAndCounted) {
    auto page = get_as(node, "/@alice", kGptBot, "text/html");
    EXPECT_EQ(page.status, 403);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    expect_reserved(page, node, "the 403 itself");
    auto api = get_as(node, "/api/v1/timelines/public", kGptBot);
    EXPECT_EQ(api.status, 403);
    EXPECT_EQ(parse_document(api.body)["error"].IsString(), true);
    EXPECT_EQ(get_as(node, "/media/x.png", "ClaudeBot/1.0; +claudebot@anthropic.com").status, 403);
    // What servers and robots need is never refused: the reservation itself, discovery, ActivityPub.
    EXPECT_EQ(get_as(node, "/robots.txt", kGptBot).status, 200);
    EXPECT_EQ(get_as(node, "/.well-known/tdmrep.json", kGptBot).status, 200);
    EXPECT_EQ(get_as(node, "/.well-known/webfinger?resource=acct:alice@" + node.domain(), kGptBot).status, 200);
    EXPECT_EQ(get_as(node, "/nodeinfo/2.0", kGptBot).status, 200);
    EXPECT_EQ(get_as(node, "/users/alice", kGptBot, "application/activity+json").status, 401);  // authorized fetch
    // People are not crawlers.
    EXPECT_EQ(get_as(node, "/@alice", kFirefox, "text/html").status, 200);

    auto counts = node.db().read([](storage::Connection& c) { return storage::list_crawler_counts(c); });
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0].agent, "GPTBot");
    EXPECT_EQ(counts[0].hits, 2);
    EXPECT_EQ(counts[1].agent, "ClaudeBot");
    EXPECT_EQ(counts[1].hits, 1);
}

TEST(NoAiSurfaceConfig, TheAllowListAndTheSwitchLetCrawlersThrough) {
    TestNodeOptions allow;
    allow.surface.crawler_allow = {"GPTBot"};
    TestNode allowing(allow);
    EXPECT_EQ(get_as(allowing, "/", kGptBot).status, 200);
    EXPECT_EQ(get_as(allowing, "/", "CCBot/2.0").status, 403);
    // Still disallowed in robots.txt: the allow list only stops the 403.
    EXPECT_NE(allowing.get("/robots.txt").body.find("User-agent: GPTBot\n"), std::string::npos);

    TestNodeOptions off;
    off.surface.block_crawlers = false;
    TestNode open(off);
    EXPECT_EQ(get_as(open, "/", kGptBot).status, 200);
    expect_reserved(get_as(open, "/", kGptBot), open, "headers stay when the gate is off");
}

TEST(NoAiSurfaceConfig, NoarchiveIsAddedWhereTheNodeAsksForIt) {
    TestNodeOptions options;
    options.surface.noarchive = true;
    TestNode node(options);
    auto alice = node.create_account("alice");
    auto page = node.get("/@alice", "text/html");
    EXPECT_EQ(page.header("x-robots-tag"), "noai, noimageai, noarchive");
    EXPECT_NE(page.body.find("<meta name=\"robots\" content=\"noai, noimageai, noarchive\">"), std::string::npos);
    EXPECT_EQ(node.get("/no/such/thing").header("x-robots-tag"), "noai, noimageai, noarchive");
    // Not on content whose owner opted in.
    auto bob = node.create_account("bob");
    activitypub::ProtectionUpdate u;
    u.data_mining = "DMI-ALLOWED";
    activitypub::update_protection(node.ctx(), bob.id, u);
    EXPECT_EQ(node.get("/@bob", "text/html").header("x-robots-tag"), "all");
}

}  // namespace
}  // namespace gesso::test
