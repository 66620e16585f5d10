// `gesso admin domain block|unblock|list` through the real binary.
#include <gtest/gtest.h>

#include "cli_fixture.hpp"
#include "storage/domain_blocks.hpp"

namespace gesso::test {
namespace {

class AdminDomain : public GessoCli {
protected:
    std::optional<core::DomainBlock> stored_block(const std::string& blocked) const {
        storage::Database db(db_path());
        return db.read([&](storage::Connection& c) { return storage::find_domain_block(c, blocked); });
    }
};

TEST_F(AdminDomain, BlockWithSeverityAndReasonIsListedAndStored) {
    auto r = gesso({"admin", "domain", "block", "spam.example", "--severity", "silence", "--reason", "bulk spam"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "blocked spam.example\n");
    auto list = gesso({"admin", "domain", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_EQ(list.out, "spam.example\tsilence\tbulk spam\n");
    auto stored = stored_block("spam.example");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->severity, core::DomainSeverity::silence);
    EXPECT_EQ(stored->reason, "bulk spam");
}

TEST_F(AdminDomain, SeverityDefaultsToSuspend) {
    ASSERT_EQ(gesso({"admin", "domain", "block", "bad.example"}).exit_code, 0);
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out, "bad.example\tsuspend\t\n");
}

TEST_F(AdminDomain, BlockingAgainUpdatesAndDomainsAreNormalised) {
    ASSERT_EQ(gesso({"admin", "domain", "block", "spam.example", "--severity", "silence", "--reason", "one"}).exit_code,
              0);
    auto again = gesso({"admin", "domain", "block", "  SPAM.Example ", "--severity", "suspend", "--reason", "two"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out, "updated block of spam.example\n");
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out, "spam.example\tsuspend\ttwo\n");
}

TEST_F(AdminDomain, ListIsAlphabetical) {
    for (const char* d : {"c.example", "a.example", "b.example"}) {
        ASSERT_EQ(gesso({"admin", "domain", "block", d}).exit_code, 0);
    }
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out,
              "a.example\tsuspend\t\nb.example\tsuspend\t\nc.example\tsuspend\t\n");
}

TEST_F(AdminDomain, UnblockRemovesTheBlock) {
    ASSERT_EQ(gesso({"admin", "domain", "block", "spam.example"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "domain", "block", "keep.example"}).exit_code, 0);
    auto r = gesso({"admin", "domain", "unblock", "SPAM.example"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "unblocked spam.example\n");
    EXPECT_FALSE(stored_block("spam.example"));
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out, "keep.example\tsuspend\t\n");
}

TEST_F(AdminDomain, UnblockingAnUnblockedDomainFails) {
    initialise();
    auto r = gesso({"admin", "domain", "unblock", "never.example"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("never.example"), std::string::npos) << r.err;
}

TEST_F(AdminDomain, BadSeverityIsRefusedAndNothingIsStored) {
    initialise();
    auto r = gesso({"admin", "domain", "block", "spam.example", "--severity", "harsh"});
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("severity"), std::string::npos) << r.err;
    EXPECT_FALSE(stored_block("spam.example"));
}

TEST_F(AdminDomain, ThingsThatAreNotDomainsAreRefused) {
    initialise();
    for (const char* bad : {"https://spam.example/", "user@spam.example", "spam example", "   "}) {
        auto r = gesso({"admin", "domain", "block", bad});
        EXPECT_ONE_LINE_FAILURE(r);
    }
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out, "");
}

TEST_F(AdminDomain, MissingDomainOrUnknownActionIsAUsageError) {
    initialise();
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "domain", "block"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "domain", "ban", "spam.example"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "domain"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "domain", "list", "extra"}));
}

}  // namespace
}  // namespace gesso::test
