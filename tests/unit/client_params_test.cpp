// web/params (query + JSON or form bodies, the way Mastodon clients send them) and web/oauth/scopes.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "web/oauth/scopes.hpp"
#include "web/params.hpp"

namespace gesso::test {
namespace {

web::Request request(const std::string& type, const std::string& body, std::multimap<std::string, std::string, std::less<>> query = {}) {
    web::Request req;
    req.message.set(web::http::field::content_type, type);
    req.message.body() = body;
    req.query = std::move(query);
    return req;
}

TEST(ClientParams, FormBodiesDecodePlusAndPercentAndArrays) {
    auto p = web::Params::from(request("application/x-www-form-urlencoded",
                                       "status=hello+world%21&media_ids[]=1&media_ids[]=2&sensitive=True"));
    EXPECT_EQ(p.get("status"), "hello world!");
    EXPECT_EQ(p.all("media_ids"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(p.boolean("sensitive"), true);
}

TEST(ClientParams, JsonBodiesFlattenArraysAndNestedObjects) {
    auto p = web::Params::from(request("application/json; charset=utf-8",
                                       R"({"status":"hi","media_ids":["7","8"],"poll":{"options":["a","b"],"expires_in":300},"sensitive":false})"));
    EXPECT_EQ(p.get("status"), "hi");
    EXPECT_EQ(p.all("media_ids[]"), (std::vector<std::string>{"7", "8"}));
    EXPECT_EQ(p.all("poll[options]"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(p.integer("poll[expires_in]"), 300);
    EXPECT_EQ(p.boolean("sensitive"), false);
}

TEST(ClientParams, BodyValuesWinOverTheQueryAndBadValuesAreErrors) {
    auto p = web::Params::from(request("application/json", R"({"limit":"5"})", {{"limit", "40"}, {"flag", "maybe"}}));
    EXPECT_EQ(p.integer("limit"), 5);
    EXPECT_THROW(p.boolean("flag"), core::Error);
    EXPECT_THROW(web::Params::from(request("application/json", "[1,2]")), core::Error);
    EXPECT_THROW(web::Params::from(request("application/json", "{")), core::Error);
    EXPECT_THROW(web::Params::from(request("application/x-www-form-urlencoded", "a=%zz")), core::Error);
    auto q = web::Params::from(request("application/x-www-form-urlencoded", "n=12x&flag&=x"));
    EXPECT_EQ(q.get("flag"), "");
    EXPECT_THROW(q.integer("n"), core::Error);
}

TEST(ClientParams, ArraysOfObjectsGroupAsRailsReadsThem) {
    using Objects = std::vector<std::map<std::string, std::string>>;
    // A JSON array of objects, and the same as a form with empty brackets: a repeated field starts the next.
    auto json = web::Params::from(request(
        "application/json", R"({"media_attributes":[{"id":"1","description":"a fox"},{"id":"2","focus":"0,0"}]})"));
    Objects expected{{{"id", "1"}, {"description", "a fox"}}, {{"id", "2"}, {"focus", "0,0"}}};
    EXPECT_EQ(json.objects("media_attributes", 4), expected);
    auto form = web::Params::from(request("application/x-www-form-urlencoded",
                                          "media_attributes[][id]=1&media_attributes[][description]=a+fox&"
                                          "media_attributes[][id]=2&media_attributes[][focus]=0,0"));
    EXPECT_EQ(form.objects("media_attributes", 4), expected);
    // Indexed keys group by index, in order of first appearance.
    auto indexed = web::Params::from(request("application/x-www-form-urlencoded",
                                             "media_attributes[1][id]=1&media_attributes[0][id]=2&"
                                             "media_attributes[1][description]=a+fox&media_attributes[0][focus]=0,0"));
    EXPECT_EQ(indexed.objects("media_attributes", 4), (Objects{{{"id", "1"}, {"description", "a fox"}}, {{"id", "2"}, {"focus", "0,0"}}}));
    // Other names, malformed keys and nested brackets are not objects of this array.
    auto other = web::Params::from(request("application/x-www-form-urlencoded",
                                           "media_ids[]=1&media_attributes=x&media_attributes[][a][b]=1&media_attributesX[][id]=3"));
    EXPECT_TRUE(other.objects("media_attributes", 4).empty());
    // More objects than allowed is an error naming the parameter.
    auto many = web::Params::from(request("application/x-www-form-urlencoded",
                                          "a[][id]=1&a[][id]=2&a[][id]=3"));
    EXPECT_THROW(many.objects("a", 2), core::Error);
}

TEST(OAuthScopes, TopLevelScopesCoverTheirGranularOnes) {
    auto granted = web::oauth::parse_scopes("read write:statuses follow");
    ASSERT_TRUE(granted);
    EXPECT_TRUE(web::oauth::covers(*granted, "read:accounts"));
    EXPECT_TRUE(web::oauth::covers(*granted, "write:statuses"));
    EXPECT_FALSE(web::oauth::covers(*granted, "write:media"));
    EXPECT_TRUE(web::oauth::covers(*granted, "write:follows"));  // legacy `follow`
    EXPECT_FALSE(web::oauth::covers(*web::oauth::parse_scopes("read:statuses"), "read"));
    EXPECT_FALSE(web::oauth::parse_scopes("read root"));
    EXPECT_EQ(web::oauth::join_scopes(*web::oauth::parse_scopes("")), "read");  // Mastodon's default
    EXPECT_EQ(web::oauth::join_scopes(*web::oauth::parse_scopes("write+read")), "read write");
}

}  // namespace
}  // namespace gesso::test
