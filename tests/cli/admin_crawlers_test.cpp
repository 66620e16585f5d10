// `gesso admin crawlers` and the no-AI configuration keys, through the real binary.
#include <gtest/gtest.h>

#include "cli_fixture.hpp"
#include "storage/account_settings.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;

class AdminCrawlers : public GessoCli {};

TEST_F(AdminCrawlers, AFreshNodeHasTurnedNoCrawlerAway) {
    initialise();
    auto r = gesso({"admin", "crawlers"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "# no AI crawler has been turned away yet\n");
}

TEST_F(AdminCrawlers, ListsEachAgentWithItsCountAndLastRefusalMostFirst) {
    initialise();
    core::TimePoint t0 = core::from_unix_ms(1767225600000);  // 2026-01-01T00:00:00Z
    {
        storage::Database db(db_path());
        db.write([&](storage::Connection& c) {
            storage::record_crawler_hit(c, "CCBot", t0);
            storage::record_crawler_hit(c, "GPTBot", t0);
            storage::record_crawler_hit(c, "GPTBot", t0 + 90s);
        });
    }
    auto r = gesso({"admin", "crawlers"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "GPTBot\t2\t2026-01-01T00:01:30Z\nCCBot\t1\t2026-01-01T00:00:00Z\n");
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "crawlers", "extra"}));
}

TEST_F(AdminCrawlers, AgentListsAreValidated) {
    auto ok = gesso({"--robots_disallow", "ExampleBot, OtherBot", "--ai_crawler_allow", "GPTBot", "config", "check"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    auto bad = gesso({"--robots_disallow", "Bad#Bot", "config", "check"});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("robots_disallow: 'Bad#Bot' is not an agent name"), std::string::npos) << bad.err;
    auto env = run_process(command({"config", "check"}), {"GESSO_BLOCK_AI_CRAWLERS=maybe"});
    EXPECT_NE(env.exit_code, 0);
}

}  // namespace
}  // namespace gesso::test
