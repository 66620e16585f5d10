// `gesso admin policy …` through the real binary: rules added, listed in order, toggled, removed, refused
// with reasons; the decision log and the review queue read back.
#include <gtest/gtest.h>

#include "cli_fixture.hpp"
#include "storage/policy_rules.hpp"

namespace gesso::test {
namespace {

class AdminPolicy : public GessoCli {
protected:
    void SetUp() override { initialise(); }
    std::vector<storage::PolicyRule> stored_rules() const {
        storage::Database db(db_path());
        return db.read([](storage::Connection& c) { return storage::list_policy_rules(c, false); });
    }
};

TEST_F(AdminPolicy, AddedRulesAreStoredAndListedAfterTheDefaults) {
    auto r = gesso({"admin", "policy", "add", "hashtag:#AIArt", "reject", "--label", "No AI art, please."});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(r.out.rfind("added rule ", 0), 0u) << r.out;
    auto c = gesso({"admin", "policy", "add", "repost", "hold", "--scope", "remote"});
    ASSERT_EQ(c.exit_code, 0) << c.err;

    auto rules = stored_rules();
    ASSERT_EQ(rules.size(), 4u);
    EXPECT_EQ(rules[2].match_kind, "hashtag");
    EXPECT_EQ(rules[2].match_value, "aiart");  // normalised
    EXPECT_EQ(rules[2].action, "reject");
    EXPECT_EQ(rules[2].label, "No AI art, please.");
    EXPECT_EQ(rules[2].scope, "all");
    EXPECT_GT(rules[2].position, rules[1].position);
    EXPECT_EQ(rules[3].match_kind, "repost");
    EXPECT_EQ(rules[3].scope, "remote");
    EXPECT_EQ(r.out, "added rule " + std::to_string(rules[2].id) + "\n");

    auto list = gesso({"admin", "policy", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_NE(list.out.find(std::to_string(rules[2].id) + "\t" + std::to_string(rules[2].position) +
                            "\ton\tall\thashtag:aiart\treject\tNo AI art, please.\n"),
              std::string::npos)
        << list.out;
    EXPECT_NE(list.out.find("\tlocal\tai:declared,watermark\treject\t"), std::string::npos) << list.out;
}

TEST_F(AdminPolicy, RulesAreDisabledEnabledAndRemovedById) {
    ASSERT_EQ(gesso({"admin", "policy", "disable", "1"}).exit_code, 0);
    EXPECT_FALSE(stored_rules()[0].enabled);
    ASSERT_EQ(gesso({"admin", "policy", "enable", "1"}).exit_code, 0);
    EXPECT_TRUE(stored_rules()[0].enabled);
    auto removed = gesso({"admin", "policy", "remove", "2"});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_EQ(removed.out, "removed rule 2\n");
    EXPECT_EQ(stored_rules().size(), 1u);
    auto again = gesso({"admin", "policy", "remove", "2"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(again.err, "gesso: no policy rule 2\n");
}

TEST_F(AdminPolicy, BadRulesAndWordsAreRefusedAndNothingIsStored) {
    auto unknown = gesso({"admin", "policy", "add", "colour:red", "reject"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("unknown match 'colour'"), std::string::npos) << unknown.err;
    auto label = gesso({"admin", "policy", "add", "keyword:prompt", "label"});
    EXPECT_EQ(label.exit_code, 1);
    EXPECT_NE(label.err.find("needs the label"), std::string::npos) << label.err;
    auto missing = gesso({"admin", "policy", "add", "keyword:prompt"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("missing action"), std::string::npos) << missing.err;
    auto bad_id = gesso({"admin", "policy", "remove", "abc"});
    EXPECT_EQ(bad_id.exit_code, 2);
    EXPECT_EQ(stored_rules().size(), 2u);
}

TEST_F(AdminPolicy, TheLogAndTheReviewQueueReadBack) {
    {
        storage::Database db(db_path());
        db.write([](storage::Connection& c) {
            storage::log_policy_decision(c, {0, 7, "hold", "https://b.example/notes/1", "https://b.example/users/x",
                                             "hashtag #aiart", core::from_unix_ms(1'700'000'000'000)});
            storage::hold_post(c, {42, 7, "https://b.example/users/x", "https://b.example/notes/1", "{}",
                                   core::from_unix_ms(1'700'000'000'000)});
        });
    }
    auto log = gesso({"admin", "policy", "log"});
    ASSERT_EQ(log.exit_code, 0) << log.err;
    EXPECT_EQ(log.out, "2023-11-14T22:13:20.000Z\t7\thold\thttps://b.example/notes/1\thttps://b.example/users/x\thashtag #aiart\n");
    auto held = gesso({"admin", "policy", "held"});
    ASSERT_EQ(held.exit_code, 0) << held.err;
    EXPECT_EQ(held.out, "42\t7\thttps://b.example/users/x\thttps://b.example/notes/1\n");
    auto drop = gesso({"admin", "policy", "drop", "42"});
    ASSERT_EQ(drop.exit_code, 0) << drop.err;
    EXPECT_EQ(gesso({"admin", "policy", "held"}).out, "");
}

}  // namespace
}  // namespace gesso::test
