// The vendored crawler list, user-agent matching, and the protection values' pure rules.
#include <gtest/gtest.h>

#include <set>

#include "core/protection.hpp"
#include "support/ai_robots.hpp"
#include "web/noai/crawlers.hpp"

namespace gesso::test {
namespace {

using web::noai::user_agent_matches;

TEST(CrawlerList, TheCompiledInListHasEveryAgentOfTheVendoredJson) {
    std::set<std::string> expected = agents_of_robots_json();
    ASSERT_GE(expected.size(), 100u);  // a real list, not an empty file
    const auto& agents = web::noai::vendored_agents();
    EXPECT_EQ(std::set<std::string>(agents.begin(), agents.end()), expected);
    EXPECT_EQ(agents.size(), expected.size());  // no duplicates
}

TEST(CrawlerList, TheSourceNamesTheProjectAndTheCommit) {
    std::string source(web::noai::vendored_source());
    EXPECT_NE(source.find("ai.robots.txt"), std::string::npos);
    EXPECT_NE(source.find("MIT"), std::string::npos);
    EXPECT_NE(source.find("738c80df2169027ce0e07c9976fd3f2f57dd8f7b"), std::string::npos);
}

TEST(CrawlerList, ParsesUserAgentLinesWithCommentsCaseAndDuplicates) {
    auto agents = web::noai::parse_robots_agents(
        "# comment\nuser-agent: A-Bot  # trailing\r\nUser-Agent:B Bot\nUser-agent: *\nUser-agent: A-Bot\n"
        "Disallow: /\nUser-agent:\nSitemap: x\n");
    EXPECT_EQ(agents, (std::vector<std::string>{"A-Bot", "B Bot"}));
}

TEST(CrawlerList, MatchesWholeTokensCaseInsensitively) {
    EXPECT_TRUE(user_agent_matches("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
                                   "+https://openai.com/gptbot)",
                                   "GPTBot"));
    EXPECT_TRUE(user_agent_matches("ccbot/2.0 (https://commoncrawl.org/faq/)", "CCBot"));
    EXPECT_TRUE(user_agent_matches("Mozilla/5.0 (compatible; Echobot Bot)", "Echobot Bot"));
    EXPECT_FALSE(user_agent_matches("NotGPTBotAtAll/1.0", "GPTBot"));
    EXPECT_FALSE(user_agent_matches("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "GPTBot"));
    EXPECT_FALSE(user_agent_matches("", "GPTBot"));
    EXPECT_FALSE(user_agent_matches("GPTBot", ""));
    // Only the start of a huge header is read.
    std::string padded(5000, 'x');
    EXPECT_FALSE(user_agent_matches(padded + " GPTBot", "GPTBot"));
}

TEST(CrawlerList, NoOrdinaryClientOrFediverseServerIsOnTheList) {
    const char* agents[] = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "http.rb/5.1.1 (Mastodon/4.3.0; +https://mastodon.social/)",
        "gesso/0.1.0 (+https://a.test/)",
        "Misskey/2024.10.1 (https://misskey.io)",
        "Tusky/26.0 Android/14",
    };
    for (const char* ua : agents) {
        for (const auto& agent : web::noai::vendored_agents()) {
            EXPECT_FALSE(user_agent_matches(ua, agent)) << ua << " matched " << agent;
        }
    }
}

TEST(Protection, DefaultsAreTheProtectiveSide) {
    core::ProtectionSettings s;
    EXPECT_EQ(s.data_mining, "DMI-PROHIBITED-AIMLTRAINING");
    EXPECT_TRUE(core::reserves_ai_training(s.data_mining));
    EXPECT_EQ(s.license, "");
    EXPECT_FALSE(s.allow_original_download);
    EXPECT_EQ(s.cloak_level, "off");
}

TEST(Protection, RobotsTagFollowsTheDataMiningValue) {
    EXPECT_EQ(core::robots_tag_for("DMI-PROHIBITED-AIMLTRAINING"), "noai, noimageai");
    EXPECT_EQ(core::robots_tag_for("DMI-PROHIBITED-GENAIMLTRAINING"), "noai, noimageai");
    EXPECT_EQ(core::robots_tag_for("DMI-PROHIBITED"), "noai, noimageai");
    EXPECT_EQ(core::robots_tag_for("DMI-ALLOWED"), "all");
    EXPECT_EQ(core::robots_tag_for("DMI-UNSPECIFIED"), "");
    EXPECT_TRUE(core::robots_tag_reserves("NoImageAI"));
    EXPECT_TRUE(core::robots_tag_reserves("noindex, noai"));
    EXPECT_FALSE(core::robots_tag_reserves("all"));
    EXPECT_FALSE(core::robots_tag_reserves(""));
    EXPECT_TRUE(core::is_data_mining_value("DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING"));
    EXPECT_FALSE(core::is_data_mining_value("dmi-allowed"));
    EXPECT_FALSE(core::is_data_mining_value("http://ns.useplus.org/ldf/vocab/DMI-ALLOWED"));
}

TEST(Protection, LicencesAcceptNamesAndUrls) {
    EXPECT_EQ(core::normalize_license("all-rights-reserved"), "");
    EXPECT_EQ(core::normalize_license(""), "");
    EXPECT_EQ(core::normalize_license("cc-by-nc-4.0"), "https://creativecommons.org/licenses/by-nc/4.0/");
    EXPECT_EQ(core::normalize_license("CC-BY-4.0"), "https://creativecommons.org/licenses/by/4.0/");
    EXPECT_EQ(core::normalize_license("https://creativecommons.org/licenses/by-nc-nd/4.0"),
              "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    EXPECT_EQ(core::normalize_license("http://creativecommons.org/licenses/by-sa/4.0/"),
              "https://creativecommons.org/licenses/by-sa/4.0/");
    EXPECT_EQ(core::normalize_license("cc0-1.0"), "https://creativecommons.org/publicdomain/zero/1.0/");
    EXPECT_FALSE(core::normalize_license("gpl-3.0"));
    EXPECT_FALSE(core::normalize_license("https://example.com/my-licence"));
}

}  // namespace
}  // namespace gesso::test
