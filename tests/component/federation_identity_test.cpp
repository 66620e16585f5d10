// WebFinger, host-meta, NodeInfo, actors and collections against a real node on 127.0.0.1:0.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "activitypub/accounts.hpp"
#include "activitypub/keys.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

std::string str(const rapidjson::Value& v, const char* key) {
    if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) return "<missing " + std::string(key) + ">";
    return v[key].GetString();
}

void expect_json_error(const HttpResult& res, int status) {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_NE(res.header("content-type").find("application/json"), std::string::npos);
    auto doc = parse_document(res.body);
    ASSERT_TRUE(doc.IsObject());
    ASSERT_TRUE(doc.HasMember("error")) << res.body;
    EXPECT_TRUE(doc["error"].IsString());
    EXPECT_GT(doc["error"].GetStringLength(), 0u);
}

class FederationIdentity : public ::testing::Test {
protected:
    TestNode node;
};

TEST_F(FederationIdentity, WebfingerAcctResolvesToActor) {
    node.create_account("alice");
    auto res = node.get("/.well-known/webfinger?resource=acct:alice@" + node.domain());
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header("content-type").rfind("application/jrd+json", 0), 0u);
    auto doc = parse_document(res.body);
    EXPECT_EQ(str(doc, "subject"), "acct:alice@" + node.domain());
    bool found_self = false;
    for (const auto& link : doc["links"].GetArray()) {
        if (str(link, "rel") == "self") {
            found_self = true;
            EXPECT_EQ(str(link, "type"), "application/activity+json");
            EXPECT_EQ(str(link, "href"), node.base() + "/users/alice");
        }
    }
    EXPECT_TRUE(found_self);
}

TEST_F(FederationIdentity, WebfingerAcceptsPercentEncodingCaseAndActorUrl) {
    node.create_account("alice");
    auto encoded = node.get("/.well-known/webfinger?resource=acct%3AALICE%40" + node.domain());
    EXPECT_EQ(encoded.status, 200) << encoded.body;
    auto by_url = node.get("/.well-known/webfinger?resource=" + node.base() + "/users/alice");
    ASSERT_EQ(by_url.status, 200) << by_url.body;
    EXPECT_EQ(str(parse_document(by_url.body), "subject"), "acct:alice@" + node.domain());
    auto by_profile = node.get("/.well-known/webfinger?resource=" + node.base() + "/@alice");
    EXPECT_EQ(by_profile.status, 200);
}

TEST_F(FederationIdentity, WebfingerErrors) {
    node.create_account("alice");
    expect_json_error(node.get("/.well-known/webfinger"), 400);
    expect_json_error(node.get("/.well-known/webfinger?resource="), 400);
    expect_json_error(node.get("/.well-known/webfinger?resource=acct:alice"), 400);
    expect_json_error(node.get("/.well-known/webfinger?resource=acct:@" + node.domain()), 400);
    expect_json_error(node.get("/.well-known/webfinger?resource=mailto:x"), 400);
    expect_json_error(node.get("/.well-known/webfinger?resource=acct:" + std::string(600, 'a') + "@x"), 400);
    expect_json_error(node.get("/.well-known/webfinger?resource=acct:bob@" + node.domain()), 404);
    expect_json_error(node.get("/.well-known/webfinger?resource=acct:alice@elsewhere.test"), 404);
    expect_json_error(node.get("/.well-known/webfinger?resource=https://elsewhere.test/users/alice"), 404);
}

TEST_F(FederationIdentity, WebfingerFindsInstanceActor) {
    auto res = node.get("/.well-known/webfinger?resource=" + node.base() + "/actor");
    ASSERT_EQ(res.status, 200) << res.body;
    auto doc = parse_document(res.body);
    EXPECT_EQ(str(doc["links"][0], "href"), node.base() + "/actor");
}

TEST_F(FederationIdentity, HostMetaPointsToWebfinger) {
    auto res = node.get("/.well-known/host-meta");
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.header("content-type").rfind("application/xrd+xml", 0), 0u);
    EXPECT_NE(res.body.find("template=\"" + node.base() + "/.well-known/webfinger?resource={uri}\""),
              std::string::npos)
        << res.body;
}

TEST_F(FederationIdentity, NodeInfoDiscoveryAndDocuments) {
    node.create_account("alice");
    auto alice2 = node.create_account("carol");
    node.insert_status(alice2, "hello");
    auto discovery = parse_document(node.get("/.well-known/nodeinfo").body);
    ASSERT_TRUE(discovery["links"].IsArray());
    ASSERT_EQ(discovery["links"].Size(), 2u);
    EXPECT_EQ(str(discovery["links"][1], "href"), node.base() + "/nodeinfo/2.1");
    for (const char* version : {"2.0", "2.1"}) {
        auto res = node.get(std::string("/nodeinfo/") + version);
        ASSERT_EQ(res.status, 200);
        EXPECT_NE(res.header("content-type").find(std::string("schema/") + version), std::string::npos);
        auto doc = parse_document(res.body);
        EXPECT_EQ(str(doc, "version"), version);
        EXPECT_EQ(str(doc["software"], "name"), "gesso");
        EXPECT_EQ(doc["usage"]["users"]["total"].GetInt(), 2);
        EXPECT_EQ(doc["usage"]["localPosts"].GetInt(), 1);
        EXPECT_FALSE(doc["openRegistrations"].GetBool());
        EXPECT_EQ(doc["protocols"][0].GetString(), std::string("activitypub"));
    }
}

TEST(FederationIdentityOpen, NodeInfoReportsOpenRegistrations) {
    TestNodeOptions options;
    options.registrations = activitypub::Registrations::open;
    TestNode node(options);
    auto doc = parse_document(node.get("/nodeinfo/2.1").body);
    EXPECT_TRUE(doc["openRegistrations"].GetBool());
}

TEST_F(FederationIdentity, ActorDocumentForActivityPubClients) {
    node.ctx().settings.authorized_fetch = false;  // about negotiation and the document; signed fetch is tested apart
    node.create_account("alice");
    for (const char* accept : {"application/activity+json",
                               "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
                               "application/activity+json, application/ld+json"}) {
        auto res = node.get("/users/alice", accept);
        ASSERT_EQ(res.status, 200) << accept;
        EXPECT_EQ(res.header("content-type").rfind("application/activity+json", 0), 0u);
        auto doc = parse_document(res.body);
        std::string actor = node.base() + "/users/alice";
        EXPECT_EQ(str(doc, "id"), actor);
        EXPECT_EQ(str(doc, "type"), "Person");
        EXPECT_EQ(str(doc, "preferredUsername"), "alice");
        EXPECT_EQ(str(doc, "inbox"), actor + "/inbox");
        EXPECT_EQ(str(doc, "outbox"), actor + "/outbox");
        EXPECT_EQ(str(doc, "followers"), actor + "/followers");
        EXPECT_EQ(str(doc, "following"), actor + "/following");
        EXPECT_EQ(str(doc, "featured"), actor + "/collections/featured");
        EXPECT_EQ(str(doc["endpoints"], "sharedInbox"), node.base() + "/inbox");
        EXPECT_FALSE(doc["manuallyApprovesFollowers"].GetBool());
        // Opt-in, protective defaults.
        EXPECT_FALSE(doc["discoverable"].GetBool());
        EXPECT_FALSE(doc["indexable"].GetBool());
        EXPECT_EQ(str(doc["publicKey"], "id"), actor + "#main-key");
        EXPECT_EQ(str(doc["publicKey"], "owner"), actor);
        EXPECT_EQ(activitypub::rsa_public_key_bits(str(doc["publicKey"], "publicKeyPem")), 2048);
        // Only preloaded context URLs, plus inline terms.
        const auto& context = doc["@context"];
        ASSERT_TRUE(context.IsArray());
        EXPECT_EQ(std::string(context[0].GetString()), "https://www.w3.org/ns/activitystreams");
        EXPECT_EQ(std::string(context[1].GetString()), "https://w3id.org/security/v1");
        EXPECT_EQ(std::string(context[2].GetString()), "https://w3id.org/security/data-integrity/v1");
        EXPECT_EQ(std::string(context[3].GetString()), "https://w3id.org/security/multikey/v1");
        EXPECT_TRUE(context[4].IsObject());
        EXPECT_TRUE(context[4].HasMember("indexable"));
    }
}

TEST_F(FederationIdentity, BrowsersAreRedirectedToTheProfilePage) {
    node.create_account("alice");
    auto res = node.get("/users/alice", "text/html,application/xhtml+xml");
    EXPECT_EQ(res.status, 302);
    EXPECT_EQ(res.header("location"), node.base() + "/@alice");
    auto page = node.get("/@alice", "text/html");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type").rfind("text/html", 0), 0u);
    EXPECT_NE(page.body.find("@alice@" + node.domain()), std::string::npos);
    EXPECT_NE(page.body.find("noai, noimageai"), std::string::npos);
    // The profile URL also negotiates to the actor.
    auto actor = node.get_activity("/@alice");
    EXPECT_EQ(str(parse_document(actor.body), "id"), node.base() + "/users/alice");
    // ... under the same authorized-fetch rule as /users/alice.
    expect_json_error(node.get_activity_unsigned("/@alice"), 401);
}

TEST_F(FederationIdentity, UnknownAndSuspendedActors) {
    expect_json_error(node.get_activity("/users/nobody"), 404);
    expect_json_error(node.get("/users/nobody", "text/html"), 404);
    node.create_account("alice");
    activitypub::set_account_suspended(node.ctx(), "alice", true);
    expect_json_error(node.get_activity("/users/alice"), 410);
    expect_json_error(node.get("/.well-known/webfinger?resource=acct:alice@" + node.domain()), 410);
    activitypub::set_account_suspended(node.ctx(), "alice", false);
    EXPECT_EQ(node.get_activity("/users/alice").status, 200);
}

TEST_F(FederationIdentity, InstanceActorIsAnApplicationWithAKey) {
    auto res = node.get_activity_unsigned("/actor");  // exempt from authorized fetch: peers bootstrap keys with it
    ASSERT_EQ(res.status, 200);
    auto doc = parse_document(res.body);
    EXPECT_EQ(str(doc, "type"), "Application");
    EXPECT_EQ(str(doc, "id"), node.base() + "/actor");
    EXPECT_EQ(str(doc, "preferredUsername"), "127.0.0.1");
    EXPECT_EQ(str(doc["publicKey"], "id"), node.base() + "/actor#main-key");
    EXPECT_EQ(activitypub::rsa_public_key_bits(str(doc["publicKey"], "publicKeyPem")), 2048);
    // Not a person: no profile page, no account routes.
    EXPECT_EQ(node.get_activity("/users/127.0.0.1").status, 404);
}

TEST_F(FederationIdentity, OutboxIsPagedNewestFirst) {
    auto alice = node.create_account("alice");
    std::vector<core::Status> statuses;
    for (int i = 0; i < 25; ++i) statuses.push_back(node.insert_status(alice, "post " + std::to_string(i)));
    node.insert_status(alice, "secret", core::Visibility::followers);
    node.insert_status(alice, "dm", core::Visibility::direct);

    auto root = parse_document(node.get_activity("/users/alice/outbox").body);
    EXPECT_EQ(str(root, "type"), "OrderedCollection");
    EXPECT_EQ(root["totalItems"].GetInt(), 25);  // followers-only and direct posts are not public
    std::string first = str(root, "first");
    ASSERT_EQ(first.rfind(node.base(), 0), 0u);

    auto page1 = parse_document(node.get_activity(first.substr(node.base().size())).body);
    EXPECT_EQ(str(page1, "type"), "OrderedCollectionPage");
    EXPECT_EQ(str(page1, "partOf"), node.base() + "/users/alice/outbox");
    ASSERT_EQ(page1["orderedItems"].Size(), 20u);
    const auto& newest = page1["orderedItems"][0];
    EXPECT_EQ(str(newest, "type"), "Create");
    EXPECT_EQ(str(newest["object"], "id"), statuses.back().uri);
    EXPECT_EQ(str(newest["object"], "type"), "Note");
    EXPECT_EQ(std::string(newest["object"]["to"][0].GetString()), "https://www.w3.org/ns/activitystreams#Public");
    std::string next = str(page1, "next");
    ASSERT_EQ(next.rfind(node.base(), 0), 0u) << next;

    auto page2 = parse_document(node.get_activity(next.substr(node.base().size())).body);
    ASSERT_EQ(page2["orderedItems"].Size(), 5u);
    EXPECT_EQ(str(page2["orderedItems"][4]["object"], "id"), statuses.front().uri);
    EXPECT_FALSE(page2.HasMember("next"));
    for (const auto& item : page2["orderedItems"].GetArray()) {
        EXPECT_EQ(std::string(item["object"]["content"].GetString()).find("secret"), std::string::npos);
    }
}

TEST_F(FederationIdentity, FollowersAndFollowingCollections) {
    auto alice = node.create_account("alice");
    for (int i = 0; i < 22; ++i) node.insert_remote_follower(alice, "fan" + std::to_string(i));
    auto root = parse_document(node.get_activity("/users/alice/followers").body);
    EXPECT_EQ(root["totalItems"].GetInt(), 22);
    auto page1 = parse_document(node.get_activity("/users/alice/followers?page=true").body);
    ASSERT_EQ(page1["orderedItems"].Size(), 20u);
    EXPECT_EQ(std::string(page1["orderedItems"][0].GetString()), "https://remote.test/users/fan21");
    std::string next = str(page1, "next");
    auto page2 = parse_document(node.get_activity(next.substr(node.base().size())).body);
    ASSERT_EQ(page2["orderedItems"].Size(), 2u);
    EXPECT_EQ(std::string(page2["orderedItems"][1].GetString()), "https://remote.test/users/fan0");

    auto following = parse_document(node.get_activity("/users/alice/following").body);
    EXPECT_EQ(following["totalItems"].GetInt(), 0);
    auto featured = parse_document(node.get_activity("/users/alice/collections/featured").body);
    EXPECT_EQ(str(featured, "type"), "OrderedCollection");
    EXPECT_EQ(featured["orderedItems"].Size(), 0u);
    expect_json_error(node.get_activity("/users/alice/followers?max_id=abc"), 400);
    expect_json_error(node.get_activity("/users/nobody/followers"), 404);
}

}  // namespace
}  // namespace gesso::test
