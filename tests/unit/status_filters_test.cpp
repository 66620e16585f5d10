// The filter matcher: HTML to text, and whole-word versus substring keyword matches.
#include <gtest/gtest.h>

#include "activitypub/status_filters.hpp"

namespace gesso::activitypub {
namespace {

TEST(StatusFilters, HtmlBecomesTextWithBreaksAsSpaces) {
    EXPECT_EQ(html_to_text("<p>Tom &amp; Jerry</p><p>next<br>line</p>"), " Tom & Jerry  next line ");
    EXPECT_EQ(html_to_text("<a href=\"https://x.test/spiders\">link</a>"), "link");
    EXPECT_EQ(html_to_text("a &lt;b&gt; &quot;c&quot; &#39;d&#39; &unknown;"), "a <b> \"c\" 'd' &unknown;");
    EXPECT_EQ(html_to_text("broken <tag"), "broken ");
}

TEST(StatusFilters, KeywordsMatchWholeWordsCaseInsensitively) {
    EXPECT_TRUE(keyword_matches("I like Spiders.", "spiders", true));
    EXPECT_FALSE(keyword_matches("spidersilk", "spiders", true));
    EXPECT_TRUE(keyword_matches("spidersilk", "spiders", false));
    EXPECT_FALSE(keyword_matches("unspiders", "spiders", true));
    EXPECT_TRUE(keyword_matches("#spiders", "spiders", true));
    EXPECT_TRUE(keyword_matches("big news!", "news!", true));  // a keyword ending in punctuation
    EXPECT_FALSE(keyword_matches("cafés", "caf", true));       // non-ASCII letters are part of a word
    EXPECT_FALSE(keyword_matches("", "x", false));
    EXPECT_FALSE(keyword_matches("abc", "", false));
}

}  // namespace
}  // namespace gesso::activitypub
