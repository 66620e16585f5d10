// Two real nodes: node B's policy rules decide what of node A's posts it accepts — rejected, held for review and
// released, labelled, silenced, stripped of media — and every decision is logged with its rule.
#include <gtest/gtest.h>

#include "activitypub/outbox.hpp"
#include "activitypub/policy.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/relationships.hpp"
#include "storage/accounts.hpp"
#include "storage/policy_rules.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class NodePolicy : public ::testing::Test {
protected:
    NodePolicy() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        alice_uri = pair.a().base() + "/users/alice";
        activitypub::follow_account(pair.b().ctx(), bob, alice_uri);
        pair.pump();
    }

    storage::PolicyRule rule_on_b(std::string kind, std::string value, std::string action, std::string label = "") {
        storage::PolicyRule r;
        r.match_kind = std::move(kind);
        r.match_value = std::move(value);
        r.action = std::move(action);
        r.label = std::move(label);
        return activitypub::add_policy_rule(pair.b().ctx(), r);
    }

    core::Status post(const std::string& text, std::vector<core::Id> media = {}) {
        activitypub::PostDraft draft;
        draft.text = text;
        draft.media_ids = std::move(media);
        core::Status s = activitypub::publish_status(pair.a().ctx(), alice, draft);
        pair.pump();
        return s;
    }

    std::optional<core::Status> on_b(const std::string& uri) {
        return pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    }
    std::vector<storage::PolicyDecision> log_on_b() {
        return pair.b().db().read([](Connection& c) { return storage::recent_policy_decisions(c, 100); });
    }
    bool in_bobs_home(core::Id status_id) {
        auto ids = pair.b().db().read([&](Connection& c) { return storage::home_timeline(c, bob.id, std::nullopt, 40); });
        return std::find(ids.begin(), ids.end(), status_id) != ids.end();
    }

    FederationPair pair;
    core::Account alice, bob;
    std::string alice_uri;
};

TEST_F(NodePolicy, AHashtagRejectRuleKeepsThePostOutAndLogsWhy) {
    auto rule = rule_on_b("hashtag", "#AIArt", "reject");
    auto rejected = post("made with a prompt #aiart");
    auto accepted = post("made with ink #inktober");
    EXPECT_FALSE(on_b(rejected.uri)) << "the rejected post was stored";
    auto kept = on_b(accepted.uri);
    ASSERT_TRUE(kept);
    EXPECT_TRUE(in_bobs_home(kept->id));
    auto log = log_on_b();
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].rule_id, rule.id);
    EXPECT_EQ(log[0].action, "reject");
    EXPECT_EQ(log[0].subject, rejected.uri);
    EXPECT_EQ(log[0].actor, alice_uri);
    EXPECT_EQ(log[0].detail, "hashtag #aiart");
}

TEST_F(NodePolicy, ALabelRuleAddsAContentWarningAndMarksSensitive) {
    rule_on_b("keyword", "midjourney", "label", "AI-generated");
    auto labelled = post("Fresh out of Midjourney, what do you think?");
    auto plain = post("A midjourneyman's sketch");  // not the whole word
    auto stored = on_b(labelled.uri);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->spoiler_text, "AI-generated");
    EXPECT_TRUE(stored->sensitive);
    auto other = on_b(plain.uri);
    ASSERT_TRUE(other);
    EXPECT_EQ(other->spoiler_text, "");
    EXPECT_FALSE(other->sensitive);
}

TEST_F(NodePolicy, ADomainSilenceRuleMakesPublicPostsUnlistedButKeepsThemForFollowers) {
    rule_on_b("domain", "a.test", "silence");
    auto s = post("hello from a");
    auto stored = on_b(s.uri);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->visibility, core::Visibility::unlisted);
    EXPECT_TRUE(in_bobs_home(stored->id));
}

TEST_F(NodePolicy, AHeldPostWaitsForAModeratorAndIsStoredWhenReleased) {
    auto rule = rule_on_b("actor", alice_uri, "hold");
    auto s = post("please review me #wip");
    EXPECT_FALSE(on_b(s.uri));
    auto held = pair.b().db().read([](Connection& c) { return storage::list_held_posts(c, 10); });
    ASSERT_EQ(held.size(), 1u);
    EXPECT_EQ(held[0].object_uri, s.uri);
    EXPECT_EQ(held[0].rule_id, rule.id);

    // Releasing stores the post as it was received, even though the rule still matches.
    activitypub::release_held_post(pair.b().ctx(), held[0].id);
    auto stored = on_b(s.uri);
    ASSERT_TRUE(stored);
    EXPECT_NE(stored->content.find("please review me"), std::string::npos);
    EXPECT_EQ(pair.b().db().read([](Connection& c) { return storage::count_held_posts(c); }), 0);
    auto log = log_on_b();
    ASSERT_GE(log.size(), 2u);
    EXPECT_EQ(log[0].action, "released");
    EXPECT_EQ(log[1].action, "hold");
}

TEST_F(NodePolicy, ADroppedHeldPostIsGoneForGood) {
    rule_on_b("actor", alice_uri, "hold");
    auto s = post("drop me");
    auto held = pair.b().db().read([](Connection& c) { return storage::list_held_posts(c, 10); });
    ASSERT_EQ(held.size(), 1u);
    activitypub::drop_held_post(pair.b().ctx(), held[0].id);
    EXPECT_FALSE(on_b(s.uri));
    EXPECT_EQ(pair.b().db().read([](Connection& c) { return storage::count_held_posts(c); }), 0);
    EXPECT_THROW(activitypub::release_held_post(pair.b().ctx(), held[0].id), core::Error);
}

TEST_F(NodePolicy, AnEditThatBreaksARuleIsNotApplied) {
    auto s = post("an innocent sketch");
    ASSERT_TRUE(on_b(s.uri));
    rule_on_b("keyword", "prompt", "reject");
    activitypub::PostDraft edit;
    edit.text = "an innocent sketch (prompt: a cat)";
    activitypub::edit_status(pair.a().ctx(), alice, s.id, edit);
    pair.pump();
    auto stored = on_b(s.uri);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->content.find("prompt"), std::string::npos);
}

TEST_F(NodePolicy, ADisabledRuleDoesNothing) {
    auto rule = rule_on_b("hashtag", "aiart", "reject");
    pair.b().db().write([&](Connection& c) { storage::set_policy_rule_enabled(c, rule.id, false); });
    auto s = post("#aiart allowed today");
    EXPECT_TRUE(on_b(s.uri));
    EXPECT_TRUE(log_on_b().empty());
}

}  // namespace
}  // namespace gesso::test
