// storage/policy_rules: the shipped default rules, rule order, the bounded decision log, the review queue.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/policy_rules.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class PolicyRules : public MigratedDatabase {};

TEST_F(PolicyRules, TheDefaultsRefuseLocalAiImagesAndLabelRemoteOnes) {
    auto rules = db.read([](Connection& c) { return storage::list_policy_rules(c, true); });
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_EQ(rules[0].scope, "local");
    EXPECT_EQ(rules[0].match_kind, "ai");
    EXPECT_EQ(rules[0].match_value, "declared,watermark");
    EXPECT_EQ(rules[0].action, "reject");
    EXPECT_FALSE(rules[0].label.empty());
    EXPECT_EQ(rules[1].scope, "remote");
    EXPECT_EQ(rules[1].action, "label");
    EXPECT_EQ(rules[1].label, "AI-generated");
}

TEST_F(PolicyRules, RulesAreReadInPositionOrderAndDisabledOnesCanBeLeftOut) {
    db.write([&](Connection& c) {
        storage::PolicyRule r;
        r.match_kind = "hashtag";
        r.match_value = "first";
        r.action = "reject";
        r.id = next_id();
        r.position = 5;
        storage::insert_policy_rule(c, r);
        r.id = next_id();
        r.match_value = "last";
        r.position = storage::next_policy_position(c);
        r.enabled = false;
        storage::insert_policy_rule(c, r);
    });
    auto all = db.read([](Connection& c) { return storage::list_policy_rules(c, false); });
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all.front().match_value, "first");
    EXPECT_EQ(all.back().match_value, "last");
    EXPECT_FALSE(all.back().enabled);
    EXPECT_EQ(db.read([](Connection& c) { return storage::list_policy_rules(c, true); }).size(), 3u);
}

TEST_F(PolicyRules, TheChecksInTheSchemaRefuseUnknownKindsAndActions) {
    storage::PolicyRule r;
    r.id = next_id();
    r.match_kind = "colour";
    r.action = "reject";
    EXPECT_THROW(db.write([&](Connection& c) { storage::insert_policy_rule(c, r); }), core::Error);
    r.match_kind = "keyword";
    r.action = "explode";
    EXPECT_THROW(db.write([&](Connection& c) { storage::insert_policy_rule(c, r); }), core::Error);
}

TEST_F(PolicyRules, TheDecisionLogKeepsOnlyTheNewestEntries) {
    const auto limit = core::limits::kMaxPolicyDecisions;
    db.write([&](Connection& c) {
        for (std::int64_t i = 0; i < limit + 5; ++i) {
            storage::log_policy_decision(c, {0, 1, "reject", "post " + std::to_string(i), "actor", "detail", fixed_now()});
        }
    });
    auto count = db.read([](Connection& c) {
        auto s = c.prepare("SELECT count(*) FROM policy_decisions");
        s.step();
        return s.int64(0);
    });
    EXPECT_EQ(count, limit);
    auto newest = db.read([](Connection& c) { return storage::recent_policy_decisions(c, 2); });
    ASSERT_EQ(newest.size(), 2u);
    EXPECT_EQ(newest[0].subject, "post " + std::to_string(limit + 4));
    EXPECT_EQ(newest[1].subject, "post " + std::to_string(limit + 3));
    auto oldest = db.read([](Connection& c) {
        auto s = c.prepare("SELECT subject FROM policy_decisions ORDER BY id LIMIT 1");
        s.step();
        return s.text(0);
    });
    EXPECT_EQ(oldest, "post 5");
}

TEST_F(PolicyRules, APostIsHeldOnceAndCanBeRemoved) {
    storage::HeldPost p{next_id(), 1, "https://x.example/users/a", "https://x.example/notes/1", "{\"id\":1}", fixed_now()};
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::hold_post(c, p); }));
    auto again = p;
    again.id = next_id();
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::hold_post(c, again); }));
    auto found = db.read([&](Connection& c) { return storage::find_held_post(c, p.id); });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->object_json, "{\"id\":1}");
    EXPECT_EQ(db.read([](Connection& c) { return storage::count_held_posts(c); }), 1);
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::delete_held_post(c, p.id); }));
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::delete_held_post(c, p.id); }));
}

}  // namespace
}  // namespace gesso::test
