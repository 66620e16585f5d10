// activitypub/post_text: plain text -> HTML with links, mentions and hashtags.
#include <gtest/gtest.h>

#include "activitypub/post_text.hpp"
#include "core/limits.hpp"

namespace gesso::test {
namespace {

using activitypub::format_post_text;
using activitypub::FormattedPost;

class PostText : public ::testing::Test {
protected:
    PostText() {
        urls.domain = "art.example";
        resolve = [this](std::string_view username, std::string_view host) -> std::optional<core::Account> {
            lookups.emplace_back(std::string(username) + "@" + std::string(host));
            if (username == "ghost") return std::nullopt;
            core::Account a;
            a.id = static_cast<core::Id>(std::hash<std::string>{}(std::string(username) + std::string(host)) & 0xffff);
            a.username = std::string(username);
            a.domain = std::string(host);
            a.uri = "https://" + (host.empty() ? std::string("art.example") : std::string(host)) + "/users/" + a.username;
            a.url = "https://" + (host.empty() ? std::string("art.example") : std::string(host)) + "/@" + a.username;
            return a;
        };
    }
    FormattedPost format(std::string_view text) { return format_post_text(text, urls, resolve); }

    activitypub::NodeUrls urls;
    activitypub::MentionResolver resolve;
    std::vector<std::string> lookups;
};

TEST_F(PostText, EscapesHtmlAndMakesParagraphsAndBreaks) {
    EXPECT_EQ(format("a <b> & \"c\"\r\nline two\n\n\nnext").html,
              "<p>a &lt;b&gt; &amp; &quot;c&quot;<br>line two</p><p>next</p>");
    EXPECT_EQ(format("").html, "");
}

TEST_F(PostText, LinksUrlsWithoutTrailingPunctuation) {
    auto p = format("see https://example.com/a?b=1&c=2. ok");
    EXPECT_EQ(p.html,
              "<p>see <a href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\" rel=\"nofollow noopener "
              "noreferrer\">https://example.com/a?b=1&amp;c=2</a>. ok</p>");
    EXPECT_EQ(format("just https:// alone").html.find("<a"), std::string::npos);
}

TEST_F(PostText, ResolvesMentionsOnceAndLeavesUnknownOnesAsText) {
    auto p = format("hi @bob@far.example, @alice and @bob@far.example again; @ghost@nowhere.example stays");
    ASSERT_EQ(p.mentions.size(), 2u);
    EXPECT_EQ(p.mentions[0].uri, "https://far.example/users/bob");
    EXPECT_EQ(p.mentions[1].uri, "https://art.example/users/alice");
    EXPECT_NE(p.html.find("<a href=\"https://far.example/@bob\" class=\"u-url mention\">@<span>bob</span></a>"),
              std::string::npos);
    EXPECT_NE(p.html.find("@ghost@nowhere.example stays"), std::string::npos);
    EXPECT_EQ(lookups.front(), "bob@far.example");  // the trailing comma is not part of the host
}

TEST_F(PostText, IgnoresAtSignsInsideWordsAndEmails) {
    auto p = format("mail me@example.com or see https://x.example/@bob");
    EXPECT_TRUE(p.mentions.empty());
    EXPECT_TRUE(lookups.empty());
}

TEST_F(PostText, CollectsHashtagsCaseInsensitivelyButNotNumbersOrAnchors) {
    auto p = format("#Art and #art, #OilPainting #2024 https://x.example/#frag #café");
    EXPECT_EQ(p.hashtags, (std::vector<std::string>{"Art", "OilPainting", "café"}));
    EXPECT_NE(p.html.find("<a href=\"https://art.example/tags/art\" class=\"mention hashtag\" rel=\"tag\">#<span>Art</span></a>"),
              std::string::npos);
    EXPECT_NE(p.html.find("#2024"), std::string::npos);
}

TEST_F(PostText, StopsResolvingMentionsAtTheLimit) {
    std::string text;
    for (int i = 0; i < 30; ++i) text += "@u" + std::to_string(i) + "@h.example ";
    auto p = format(text);
    EXPECT_EQ(p.mentions.size(), core::limits::kMaxPostMentions);
    EXPECT_EQ(lookups.size(), core::limits::kMaxPostMentions);
}

}  // namespace
}  // namespace gesso::test
