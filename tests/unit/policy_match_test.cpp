// The policy engine's matching, as a pure function of a rule and a post's facts.
#include <gtest/gtest.h>

#include "activitypub/policy.hpp"

namespace gesso::test {
namespace {

using activitypub::PostFacts;
using activitypub::rule_matches;

storage::PolicyRule rule(std::string kind, std::string value, std::string scope = "all") {
    storage::PolicyRule r;
    r.match_kind = std::move(kind);
    r.match_value = std::move(value);
    r.scope = std::move(scope);
    r.action = "reject";
    return r;
}

PostFacts remote_post() {
    PostFacts f;
    f.local = false;
    f.subject = "https://art.example/notes/1";
    f.actor_uri = "https://art.example/users/ann";
    f.domain = "art.example";
    f.hashtags = {"AIArt", "cats"};
    f.text = "CW\nA cat, rendered by Stable-Diffusion.";
    return f;
}

TEST(PolicyMatch, DomainsMatchThemselvesAndTheirSubdomainsOnly) {
    PostFacts f = remote_post();
    EXPECT_EQ(rule_matches(rule("domain", "art.example"), f), "domain art.example");
    f.domain = "media.art.example:8443";
    EXPECT_TRUE(rule_matches(rule("domain", "art.example"), f));
    f.domain = "smart.example";
    EXPECT_FALSE(rule_matches(rule("domain", "art.example"), f));
    f.domain = "art.example.org";
    EXPECT_FALSE(rule_matches(rule("domain", "art.example"), f));
}

TEST(PolicyMatch, HashtagsMatchWithoutCase) {
    PostFacts f = remote_post();
    EXPECT_EQ(rule_matches(rule("hashtag", "aiart"), f), "hashtag #AIArt");
    EXPECT_FALSE(rule_matches(rule("hashtag", "aiar"), f));
    EXPECT_FALSE(rule_matches(rule("hashtag", "dogs"), f));
}

TEST(PolicyMatch, KeywordsMatchWholeWordsOrPhrasesWithoutCase) {
    PostFacts f = remote_post();
    EXPECT_EQ(rule_matches(rule("keyword", "stable-diffusion"), f), "keyword \"stable-diffusion\"");
    EXPECT_TRUE(rule_matches(rule("keyword", "a cat"), f));
    EXPECT_FALSE(rule_matches(rule("keyword", "diffusion rendered"), f));
    f.text = "unstable ground";
    EXPECT_FALSE(rule_matches(rule("keyword", "stable"), f));
    f.text = "unstable, stable.";
    EXPECT_TRUE(rule_matches(rule("keyword", "stable"), f));
}

TEST(PolicyMatch, ActorsMatchExactly) {
    PostFacts f = remote_post();
    EXPECT_TRUE(rule_matches(rule("actor", "https://art.example/users/ann"), f));
    EXPECT_FALSE(rule_matches(rule("actor", "https://art.example/users/an"), f));
}

TEST(PolicyMatch, AiVerdictsMatchAnyListedVerdictOfAnyImage) {
    PostFacts f = remote_post();
    EXPECT_FALSE(rule_matches(rule("ai", "declared,watermark"), f));
    f.ai_verdicts = {"unknown", "watermark"};
    EXPECT_EQ(rule_matches(rule("ai", "declared,watermark"), f), "ai verdict watermark");
    EXPECT_FALSE(rule_matches(rule("ai", "declared"), f));
}

TEST(PolicyMatch, RepostRulesMatchOnlyARepostMatch) {
    PostFacts f = remote_post();
    EXPECT_FALSE(rule_matches(rule("repost", ""), f));
    f.repost_match = true;
    EXPECT_TRUE(rule_matches(rule("repost", ""), f));
}

TEST(PolicyMatch, ScopesSeparateLocalAndRemotePosts) {
    PostFacts f = remote_post();
    EXPECT_FALSE(rule_matches(rule("hashtag", "cats", "local"), f));
    EXPECT_TRUE(rule_matches(rule("hashtag", "cats", "remote"), f));
    f.local = true;
    EXPECT_TRUE(rule_matches(rule("hashtag", "cats", "local"), f));
    EXPECT_FALSE(rule_matches(rule("hashtag", "cats", "remote"), f));
}

TEST(PolicyRestrict, LabelsPrecedeTheAuthorsWarningAndSilenceOnlyLowersPublic) {
    activitypub::as2::ParsedObject o;
    o.summary = "eyes";
    o.visibility = core::Visibility::public_;
    o.attachments.resize(2);
    activitypub::PolicyOutcome out;
    out.labels = {"AI-generated", "Repost"};
    out.silence = true;
    out.strip_media = true;
    activitypub::restrict_post(o, out);
    EXPECT_EQ(o.summary, "AI-generated; Repost; eyes");
    EXPECT_TRUE(o.sensitive);
    EXPECT_EQ(o.visibility, core::Visibility::unlisted);
    EXPECT_TRUE(o.attachments.empty());

    activitypub::as2::ParsedObject dm;
    dm.visibility = core::Visibility::direct;
    activitypub::restrict_post(dm, out);
    EXPECT_EQ(dm.visibility, core::Visibility::direct);
}

}  // namespace
}  // namespace gesso::test
