// `gesso admin domain block|unblock|allow|disallow|list` through the real binary.
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
    std::vector<std::string> stored_allows() const {
        storage::Database db(db_path());
        return db.read([&](storage::Connection& c) { return storage::list_allowed_domains(c); });
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

TEST_F(AdminDomain, RejectMediaAloneOrWithASeverity) {
    auto r = gesso({"admin", "domain", "block", "pics.example", "--severity", "none", "--reject-media"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(gesso({"admin", "domain", "block", "loud.example", "--severity", "silence", "--reject-media",
                     "--reason", "spam"}).exit_code, 0);
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out,
              "loud.example\tsilence,reject-media\tspam\npics.example\treject-media\t\n");
    auto stored = stored_block("pics.example");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->severity, core::DomainSeverity::none);
    EXPECT_TRUE(stored->reject_media);
    // Blocking again without the flag clears it.
    ASSERT_EQ(gesso({"admin", "domain", "block", "loud.example", "--severity", "silence"}).exit_code, 0);
    EXPECT_FALSE(stored_block("loud.example")->reject_media);
}

TEST_F(AdminDomain, SeverityNoneWithoutAFlagDoesNothingAndIsRefused) {
    initialise();
    auto r = gesso({"admin", "domain", "block", "pics.example", "--severity", "none"});
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("reject-media"), std::string::npos) << r.err;
    EXPECT_FALSE(stored_block("pics.example"));
}

TEST_F(AdminDomain, AllowAndDisallowKeepTheAllowlist) {
    auto r = gesso({"admin", "domain", "allow", "Friends.Example"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "allowed friends.example\nnote: federation_mode is open, so the allowlist is not in force\n");
    auto again = gesso({"admin", "domain", "allow", "friends.example", "--federation_mode", "allowlist"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out, "already allowed: friends.example\n");
    ASSERT_EQ(gesso({"admin", "domain", "allow", "art.example"}).exit_code, 0);
    EXPECT_EQ(stored_allows(), (std::vector<std::string>{"art.example", "friends.example"}));
    auto gone = gesso({"admin", "domain", "disallow", "art.example"});
    ASSERT_EQ(gone.exit_code, 0) << gone.err;
    EXPECT_EQ(gone.out, "disallowed art.example\n");
    EXPECT_EQ(stored_allows(), std::vector<std::string>{"friends.example"});
    auto never = gesso({"admin", "domain", "disallow", "art.example"});
    EXPECT_EQ(never.exit_code, 1);
    EXPECT_ONE_LINE_FAILURE(never);
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "domain", "allow", "https://x.example/"}));
}

TEST_F(AdminDomain, ListShowsBlocksAndAllowsTogetherAndTheMode) {
    ASSERT_EQ(gesso({"admin", "domain", "allow", "b.example"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "domain", "allow", "c.example"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "domain", "block", "c.example", "--reason", "went bad"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "domain", "block", "a.example", "--severity", "silence"}).exit_code, 0);
    EXPECT_EQ(gesso({"admin", "domain", "list"}).out,
              "a.example\tsilence\t\nb.example\tallow\t\nc.example\tallow,suspend\twent bad\n");
    auto allowlist = gesso({"admin", "domain", "list", "--federation_mode", "allowlist"});
    ASSERT_EQ(allowlist.exit_code, 0) << allowlist.err;
    auto lines = split_lines(allowlist.out);
    ASSERT_EQ(lines.size(), 4u) << allowlist.out;
    EXPECT_EQ(lines[0].rfind("# federation_mode = allowlist", 0), 0u) << lines[0];
}

TEST_F(AdminDomain, AnUnknownFederationModeIsAConfigError) {
    auto r = gesso({"config", "check", "--federation_mode", "closed"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("federation_mode"), std::string::npos) << r.err;
    auto bad_bool = gesso({"config", "check", "--authorized_fetch", "perhaps"});
    EXPECT_NE(bad_bool.exit_code, 0);
    EXPECT_EQ(gesso({"config", "check", "--authorized_fetch", "false", "--federation_mode", "allowlist"}).exit_code,
              0);
}

}  // namespace
}  // namespace gesso::test
