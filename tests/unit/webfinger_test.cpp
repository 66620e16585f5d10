// activitypub/webfinger: which local username a WebFinger resource names, and the JRD for an account.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "activitypub/webfinger.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "support/expect_error.hpp"
#include "support/json.hpp"

namespace gesso::activitypub {
namespace {

using core::Errc;

// A node reachable at https://art.example:8443 (its ids carry the port).
class WebfingerOnPortedNode : public ::testing::Test {
protected:
    NodeUrls urls{"https", "art.example:8443"};

    // The code of the core::Error thrown for `resource`, or nullopt when it resolves.
    std::optional<Errc> error_of(std::string_view resource) {
        return test::error_of([&] { username_from_resource(resource, urls); });
    }
};

TEST_F(WebfingerOnPortedNode, AcctUriWithTheFullDomain) {
    EXPECT_EQ(username_from_resource("acct:alice@art.example:8443", urls), "alice");
}

TEST_F(WebfingerOnPortedNode, BareAndAtPrefixedAddresses) {
    EXPECT_EQ(username_from_resource("alice@art.example:8443", urls), "alice");
    EXPECT_EQ(username_from_resource("@alice@art.example:8443", urls), "alice");
    EXPECT_EQ(username_from_resource("acct:@alice@art.example:8443", urls), "alice");
}

TEST_F(WebfingerOnPortedNode, SchemeAndDomainAreCaseInsensitive) {
    EXPECT_EQ(username_from_resource("ACCT:bob@ART.Example:8443", urls), "bob");
    EXPECT_EQ(username_from_resource("HTTPS://Art.Example:8443/users/bob", urls), "bob");
}

TEST_F(WebfingerOnPortedNode, HostWithoutThePortIsAccepted) {
    // Peers often drop the port when they build an acct: address from a profile.
    EXPECT_EQ(username_from_resource("acct:carol@art.example", urls), "carol");
    EXPECT_EQ(username_from_resource("carol@ART.EXAMPLE", urls), "carol");
}

TEST_F(WebfingerOnPortedNode, SurroundingWhitespaceIsIgnored) {
    EXPECT_EQ(username_from_resource("  acct:alice@art.example:8443\n", urls), "alice");
}

TEST_F(WebfingerOnPortedNode, ActorAndProfileUrls) {
    EXPECT_EQ(username_from_resource("https://art.example:8443/users/alice", urls), "alice");
    EXPECT_EQ(username_from_resource("https://art.example:8443/@alice", urls), "alice");
}

TEST_F(WebfingerOnPortedNode, InstanceActorUrlResolvesToTheHostWithoutPort) {
    EXPECT_EQ(username_from_resource("https://art.example:8443/actor", urls), "art.example");
}

TEST_F(WebfingerOnPortedNode, AnotherDomainIsNotFound) {
    EXPECT_EQ(error_of("acct:alice@other.example"), Errc::not_found);
    EXPECT_EQ(error_of("acct:alice@art.example:9999"), Errc::not_found);
    EXPECT_EQ(error_of("acct:alice@art.example.evil"), Errc::not_found);
    EXPECT_EQ(error_of("alice@evil.test"), Errc::not_found);
    EXPECT_EQ(error_of("https://other.example/users/alice"), Errc::not_found);
    // Same host, different port or scheme: another origin.
    EXPECT_EQ(error_of("https://art.example:9999/users/alice"), Errc::not_found);
    EXPECT_EQ(error_of("http://art.example:8443/users/alice"), Errc::not_found);
    // A base URL followed by something other than '/' is another host.
    EXPECT_EQ(error_of("https://art.example:84430/users/alice"), Errc::not_found);
}

TEST_F(WebfingerOnPortedNode, UrlsOfOursThatNameNoActorAreNotFound) {
    EXPECT_EQ(error_of("https://art.example:8443"), Errc::not_found);
    EXPECT_EQ(error_of("https://art.example:8443/"), Errc::not_found);
    EXPECT_EQ(error_of("https://art.example:8443/users/"), Errc::not_found);
    EXPECT_EQ(error_of("https://art.example:8443/users/alice/inbox"), Errc::not_found);
    EXPECT_EQ(error_of("https://art.example:8443/@"), Errc::not_found);
    EXPECT_EQ(error_of("https://art.example:8443/about"), Errc::not_found);
}

TEST_F(WebfingerOnPortedNode, MalformedResourcesAreBadRequests) {
    EXPECT_EQ(error_of(""), Errc::bad_request);
    EXPECT_EQ(error_of("   "), Errc::bad_request);
    EXPECT_EQ(error_of("acct:alice"), Errc::bad_request);
    EXPECT_EQ(error_of("acct:@art.example:8443"), Errc::bad_request);
    EXPECT_EQ(error_of("acct:alice@"), Errc::bad_request);
    EXPECT_EQ(error_of("acct:"), Errc::bad_request);
    EXPECT_EQ(error_of("alice"), Errc::bad_request);
    EXPECT_EQ(error_of("@"), Errc::bad_request);
    EXPECT_EQ(error_of("mailto:alice"), Errc::bad_request);
    EXPECT_EQ(error_of("urn:x"), Errc::bad_request);
}

TEST_F(WebfingerOnPortedNode, ResourcesOverTheLengthLimitAreBadRequests) {
    const std::string suffix = "@art.example:8443";
    const std::size_t limit = core::limits::kMaxWebfingerResourceLength;
    // Exactly at the limit: still parsed.
    std::string at_limit = "acct:" + std::string(limit - 5 - suffix.size(), 'a') + suffix;
    ASSERT_EQ(at_limit.size(), limit);
    EXPECT_EQ(username_from_resource(at_limit, urls), std::string(limit - 5 - suffix.size(), 'a'));
    // One byte more: refused before any parsing, even though the domain is ours.
    std::string over = "acct:" + std::string(limit - 4 - suffix.size(), 'a') + suffix;
    ASSERT_EQ(over.size(), limit + 1);
    EXPECT_EQ(error_of(over), Errc::bad_request);
    EXPECT_EQ(error_of(std::string(10000, 'x')), Errc::bad_request);
}

TEST(WebfingerOnPlainHost, HostOnlyDomainMatchesItself) {
    NodeUrls urls{"https", "Art.Example"};
    EXPECT_EQ(username_from_resource("acct:dave@art.example", urls), "dave");
    EXPECT_EQ(username_from_resource("https://art.example/users/dave", urls), "dave");
    EXPECT_THROW(username_from_resource("acct:dave@art.example:443", urls), core::Error);
}

TEST(WebfingerOnPlainHost, InsecureHttpNodeTakesHttpUrls) {
    NodeUrls urls{"http", "127.0.0.1:8080"};
    EXPECT_EQ(username_from_resource("http://127.0.0.1:8080/users/erin", urls), "erin");
    EXPECT_EQ(username_from_resource("acct:erin@127.0.0.1:8080", urls), "erin");
    EXPECT_EQ(username_from_resource("acct:erin@127.0.0.1", urls), "erin");
}

// --- JRD ---

using test::parse_document;

std::string text(const rapidjson::Value& v) { return v.IsString() ? std::string(v.GetString()) : "<not a string>"; }

class JrdForAlice : public ::testing::Test {
protected:
    NodeUrls urls{"https", "art.example:8443"};
    core::Account alice = [] {
        core::Account a;
        a.id = 1;
        a.username = "alice";
        return a;
    }();
};

TEST_F(JrdForAlice, SubjectAliasesAndLinks) {
    auto doc = parse_document(render_jrd(alice, urls));
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(text(doc["subject"]), "acct:alice@art.example:8443");

    ASSERT_TRUE(doc["aliases"].IsArray());
    ASSERT_EQ(doc["aliases"].Size(), 2u);
    EXPECT_EQ(text(doc["aliases"][0]), "https://art.example:8443/users/alice");
    EXPECT_EQ(text(doc["aliases"][1]), "https://art.example:8443/@alice");

    const auto& links = doc["links"];
    ASSERT_TRUE(links.IsArray());
    ASSERT_EQ(links.Size(), 3u);
    EXPECT_EQ(text(links[0]["rel"]), "self");
    EXPECT_EQ(text(links[0]["type"]), "application/activity+json");
    EXPECT_EQ(text(links[0]["href"]), "https://art.example:8443/users/alice");
    EXPECT_EQ(text(links[1]["rel"]), "http://webfinger.net/rel/profile-page");
    EXPECT_EQ(text(links[1]["type"]), "text/html");
    EXPECT_EQ(text(links[1]["href"]), "https://art.example:8443/@alice");
    EXPECT_EQ(text(links[2]["rel"]), "http://ostatus.org/schema/1.0/subscribe");
    EXPECT_EQ(text(links[2]["template"]), "https://art.example:8443/authorize_interaction?uri={uri}");
}

TEST_F(JrdForAlice, InstanceActorHasOnlyItsSelfLink) {
    core::Account instance;
    instance.username = "art.example";
    instance.actor_type = "Application";
    auto doc = parse_document(render_jrd(instance, urls));
    EXPECT_EQ(text(doc["subject"]), "acct:art.example@art.example:8443");
    ASSERT_EQ(doc["aliases"].Size(), 1u);
    EXPECT_EQ(text(doc["aliases"][0]), "https://art.example:8443/actor");
    ASSERT_EQ(doc["links"].Size(), 1u);
    EXPECT_EQ(text(doc["links"][0]["rel"]), "self");
    EXPECT_EQ(text(doc["links"][0]["href"]), "https://art.example:8443/actor");
}

TEST_F(JrdForAlice, ResolvingTheSubjectLeadsBackToTheAccount) {
    auto doc = parse_document(render_jrd(alice, urls));
    EXPECT_EQ(username_from_resource(text(doc["subject"]), urls), "alice");
    EXPECT_EQ(username_from_resource(text(doc["aliases"][0]), urls), "alice");
    EXPECT_EQ(username_from_resource(text(doc["aliases"][1]), urls), "alice");
}

}  // namespace
}  // namespace gesso::activitypub
