// The allowlist that remote HTML passes before a page shows it, the plain-text bio renderer, and the BlurHash
// sampling behind the pages' placeholders.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "media/blurhash.hpp"
#include "web/pages/placeholder.hpp"
#include "web/pages/sanitize.hpp"

namespace gesso::web::pages {
namespace {

TEST(SanitizeHtml, KeepsMastodonMarkup) {
    std::string in = R"(<p>Hi <span class="h-card"><a href="https://x.test/@a" class="u-url mention">@<span>a</span></a></span> &amp; <em>you</em><br/>line</p>)";
    EXPECT_EQ(sanitize_html(in),
              R"(<p>Hi <span><a href="https://x.test/@a" class="u-url mention" rel="nofollow noopener noreferrer ugc">@<span>a</span></a></span> &amp; <em>you</em><br>line</p>)");
}

TEST(SanitizeHtml, DropsScriptsHandlersAndDangerousUrls) {
    EXPECT_EQ(sanitize_html("a<script>alert(1)</script>b"), "ab");
    EXPECT_EQ(sanitize_html("a<SCRIPT type=x>alert(1)</ScRiPt >b"), "ab");
    EXPECT_EQ(sanitize_html(R"h(<img src=x onerror="alert(1)">x)h"), "x");
    EXPECT_EQ(sanitize_html(R"h(<a href="javascript:alert(1)" onclick="x()">x</a>)h"),
              R"(<a rel="nofollow noopener noreferrer ugc">x</a>)");
    EXPECT_EQ(sanitize_html(R"h(<a href=" JaVaScRiPt:alert(1)">x</a>)h"), R"(<a rel="nofollow noopener noreferrer ugc">x</a>)");
    EXPECT_EQ(sanitize_html(R"(<p style="x" class="evil">t</p>)"), "<p>t</p>");
    EXPECT_EQ(sanitize_html("<style>p{}</style><iframe src=x></iframe>ok"), "ok");
    EXPECT_EQ(sanitize_html("<!-- <script>x</script> -->ok"), "ok");
    EXPECT_EQ(sanitize_html(R"(<a href="https://x.test/?a=1&amp;b=&quot;2">l</a>)"),
              R"(<a href="https://x.test/?a=1&amp;b=&quot;2" rel="nofollow noopener noreferrer ugc">l</a>)");
}

TEST(SanitizeHtml, EscapesStrayMarkupAndClosesWhatIsLeftOpen) {
    EXPECT_EQ(sanitize_html("1 < 2 > 0 & \"q\""), "1 &lt; 2 &gt; 0 &amp; &quot;q&quot;");
    EXPECT_EQ(sanitize_html("<blockquote><p>open"), "<blockquote><p>open</p></blockquote>");
    EXPECT_EQ(sanitize_html("</p></blockquote>text"), "text");
    EXPECT_EQ(sanitize_html("<p>a<em>b</p>c"), "<p>a<em>b</em></p>c");
    EXPECT_EQ(sanitize_html("x<a href='https://y.test'"), "x");  // an unterminated tag ends the text
    EXPECT_EQ(sanitize_html("&#x3c;script&#x3e;"), "&#x3c;script&#x3e;");  // entities stay entities
    EXPECT_EQ(sanitize_html("&bogus"), "&amp;bogus");
    EXPECT_EQ(sanitize_html(""), "");
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "<blockquote>";
    std::string out = sanitize_html(deep);
    EXPECT_EQ(out.size(), 32 * (std::string("<blockquote></blockquote>").size()));
}

TEST(TextToHtml, EscapesAndKeepsParagraphs) {
    EXPECT_EQ(text_to_html("I <paint>.\nSee \"this\"\n\nBye"), "<p>I &lt;paint&gt;.<br>See &quot;this&quot;</p><p>Bye</p>");
    EXPECT_EQ(text_to_html(""), "");
}

TEST(BlurhashSample, ReproducesTheColoursOfTheEncodedImage) {
    // Left half red, right half blue (BGR): the sampled cells lean the same way.
    cv::Mat image(60, 80, CV_8UC3, cv::Scalar(0, 0, 255));
    image(cv::Rect(40, 0, 40, 60)).setTo(cv::Scalar(255, 0, 0));
    std::string hash = media::blurhash(image, 4, 3);
    auto cells = media::blurhash_sample(hash, 4, 3);
    ASSERT_EQ(cells.size(), 12u);
    for (int row = 0; row < 3; ++row) {
        const auto& left = cells[static_cast<std::size_t>(row * 4)];
        const auto& right = cells[static_cast<std::size_t>(row * 4 + 3)];
        // Four cosine components cannot draw a hard edge: compare, don't expect pure colours.
        EXPECT_GT(left.r, left.b + 40);
        EXPECT_GT(right.b, right.r + 40);
        EXPECT_GT(left.r, right.r + 40);
        EXPECT_GT(right.b, left.b + 40);
    }
}

TEST(BlurhashSample, RefusesMalformedHashes) {
    EXPECT_TRUE(media::blurhash_sample("", 4, 3).empty());
    EXPECT_TRUE(media::blurhash_sample("LEHV6nWB2yk8pyo0adR*.7kCMdnj", 4, 3).empty() == false);
    EXPECT_TRUE(media::blurhash_sample("LEHV6nWB2yk8pyo0adR*.7kCMdn", 4, 3).empty());   // one short
    EXPECT_TRUE(media::blurhash_sample("LEHV6nWB2yk8pyo0adR*.7kCMd\"j", 4, 3).empty());  // not a digit
    EXPECT_TRUE(media::blurhash_sample("LEHV6nWB2yk8pyo0adR*.7kCMdnj", 0, 3).empty());
    EXPECT_TRUE(media::blurhash_sample("LEHV6nWB2yk8pyo0adR*.7kCMdnj", 99, 3).empty());
    EXPECT_TRUE(placeholder_svg("garbage").empty());
    std::string svg = placeholder_svg("LEHV6nWB2yk8pyo0adR*.7kCMdnj");
    EXPECT_EQ(svg.rfind("<svg class=\"placeholder\" aria-hidden=\"true\"", 0), 0u);
    EXPECT_EQ(svg.find("style"), std::string::npos);
}

}  // namespace
}  // namespace gesso::web::pages
