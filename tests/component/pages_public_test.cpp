// The public pages over real HTTP against a TestNode: the framework (layout, security headers, hashed static
// assets with ETag/304, HTML error pages while API errors stay JSON), the portfolio profile (works grid with
// lazy images, alt text, sizes, BlurHash placeholders, sensitive works behind <details>, AI label, counts,
// pinned first, escaping of hostile bios, fields and alt text), the post page (full-size works, content warning,
// OpenGraph/Twitter tags pointing at media that answer 200, rights in <meta> and headers, replies filtered by
// visibility, 404 for non-public posts, AP JSON by negotiation), the gallery and tag pages and their switch.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "activitypub/accounts.hpp"
#include "activitypub/actors.hpp"
#include "activitypub/media_intake.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/protection.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/policy_rules.hpp"
#include "storage/post_details.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;
using storage::Connection;

// Every value of attribute `attr` on elements matching `element_regex` (e.g. R"(<img\b[^>]*>)").
std::vector<std::string> attributes(const std::string& html, const std::string& element_regex, const std::string& attr) {
    std::vector<std::string> out;
    std::regex element(element_regex);
    std::regex value("\\b" + attr + "=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), element); it != std::sregex_iterator(); ++it) {
        std::string tag = it->str();
        std::smatch m;
        if (std::regex_search(tag, m, value)) out.push_back(m[1]);
    }
    return out;
}

// The content of <meta property|name="key" content="...">.
std::string meta(const std::string& html, const std::string& key) {
    std::regex re("<meta (?:property|name)=\"" + key + "\" content=\"([^\"]*)\">");
    std::smatch m;
    return std::regex_search(html, m, re) ? std::string(m[1]) : std::string();
}

std::string target_of(const std::string& url, const std::string& base) {
    EXPECT_EQ(url.rfind(base, 0), 0u) << url;
    return url.rfind(base, 0) == 0 ? url.substr(base.size()) : url;
}

void expect_page_headers(const HttpResult& res) {
    EXPECT_EQ(res.header("content-type"), "text/html; charset=utf-8");
    std::string csp = res.header("content-security-policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("style-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
    EXPECT_EQ(res.header("x-frame-options"), "DENY");
    EXPECT_EQ(res.header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(res.header("referrer-policy").empty());
    EXPECT_FALSE(res.header("permissions-policy").empty());
    EXPECT_FALSE(res.header("x-robots-tag").empty());
    // No inline script anywhere: every <script> has a src.
    std::regex script(R"(<script\b[^>]*>)");
    for (auto it = std::sregex_iterator(res.body.begin(), res.body.end(), script); it != std::sregex_iterator(); ++it)
        EXPECT_NE(it->str().find(" src=\""), std::string::npos) << it->str();
}

class PublicPages : public ::testing::Test {
protected:
    explicit PublicPages(TestNodeOptions options = {}) : node(std::move(options)) {
        alice = node.create_account("alice");
        bob = node.create_account("bob");
        // The node's default rule refusing AI-marked uploads is off, so an AI-labelled work can be posted.
        node.db().write([](Connection& c) { storage::set_policy_rule_enabled(c, 1, false); });
    }

    core::MediaAttachment upload(const core::Account& who, int seed, const std::string& alt, bool ai_marked = false) {
        std::string png = fx::encode(fx::picture(640, 480, seed), ".png");
        if (ai_marked) png = fx::with_chunk(png, fx::text_chunk("parameters", "a castle\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1"));
        activitypub::UploadOptions options;
        options.description = alt;
        return activitypub::store_upload(node.ctx(), who, png, options);
    }
    core::Status post(const core::Account& who, const std::string& text, std::vector<core::Id> media = {},
                      core::Visibility visibility = core::Visibility::public_, const std::string& warning = "",
                      std::optional<core::Id> reply_to = std::nullopt) {
        activitypub::PostDraft draft;
        draft.text = text;
        draft.media_ids = std::move(media);
        draft.visibility = visibility;
        draft.spoiler_text = warning;
        draft.in_reply_to_id = reply_to;
        return activitypub::publish_status(node.ctx(), who, draft);
    }
    HttpResult page(const std::string& target) { return node.get(target, "text/html"); }

    TestNode node;
    core::Account alice, bob;
};

TEST_F(PublicPages, FrontPageHasLayoutHeadersAndNoAiMarks) {
    auto res = page("/");
    ASSERT_EQ(res.status, 200) << res.body;
    expect_page_headers(res);
    EXPECT_NE(res.body.find("<meta name=\"robots\" content=\"noai, noimageai\">"), std::string::npos) << res.body;
    EXPECT_NE(res.body.find("<meta name=\"tdm-reservation\" content=\"1\">"), std::string::npos);
    EXPECT_NE(res.body.find("<footer"), std::string::npos);
    EXPECT_NE(res.body.find("not licensed for training"), std::string::npos);
    EXPECT_NE(res.body.find(">Log in</a>"), std::string::npos);  // anonymous: the login link, no handle
}

TEST_F(PublicPages, StaticAssetsAreHashedImmutableWithEtag) {
    auto home = page("/");
    auto css = attributes(home.body, R"(<link rel="stylesheet"[^>]*>)", "href");
    auto js = attributes(home.body, R"(<script\b[^>]*>)", "src");
    ASSERT_EQ(css.size(), 1u);
    ASSERT_EQ(js.size(), 1u);
    EXPECT_TRUE(std::regex_match(css[0], std::regex(R"(/static/gesso\.[0-9a-f]{12}\.css)"))) << css[0];
    auto res = node.get(css[0]);
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(res.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_NE(res.body.find(":focus-visible"), std::string::npos);
    std::string etag = res.header("etag");
    ASSERT_FALSE(etag.empty());
    HttpCall again{http::verb::get, css[0], {{"If-None-Match", etag}}, ""};
    auto cached = http_request(node.port(), again);
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
    EXPECT_EQ(node.get(js[0]).status, 200);
    // Another hash is not served: URLs are immutable.
    auto stale = page("/static/gesso.000000000000.css");
    EXPECT_EQ(stale.status, 404);
    EXPECT_EQ(stale.header("content-type"), "text/html; charset=utf-8");
}

TEST_F(PublicPages, ErrorsArePagesOnPageRoutesAndJsonOnTheApi) {
    auto missing = page("/@nobody");
    EXPECT_EQ(missing.status, 404);
    expect_page_headers(missing);
    EXPECT_NE(missing.body.find("<h1 id=\"error-heading\">Not found</h1>"), std::string::npos) << missing.body;
    activitypub::set_account_suspended(node.ctx(), "bob", true);
    auto gone = page("/@bob");
    EXPECT_EQ(gone.status, 410);
    EXPECT_EQ(gone.header("content-type"), "text/html; charset=utf-8");
    auto api = node.get("/api/v1/accounts/123456");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.header("content-type").rfind("application/json", 0), 0u);
    auto bad = page("/@alice?max_id=abc");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.header("content-type"), "text/html; charset=utf-8");
}

TEST_F(PublicPages, UnknownPathsAreAPageForBrowsersAndJsonForClients) {
    auto browser = page("/no/such/page");
    EXPECT_EQ(browser.status, 404);
    expect_page_headers(browser);
    EXPECT_NE(browser.body.find("<h1 id=\"error-heading\">Not found</h1>"), std::string::npos) << browser.body;
    for (const char* accept : {"application/json", "*/*", ""}) {
        auto client = node.get("/no/such/page", accept);
        EXPECT_EQ(client.status, 404) << accept;
        EXPECT_EQ(client.header("content-type").rfind("application/json", 0), 0u) << accept;
        auto doc = parse_document(client.body);
        ASSERT_TRUE(doc.IsObject() && doc.HasMember("error")) << client.body;
        EXPECT_EQ(std::string(doc["error"].GetString()), "not found");
    }
    // An unknown API path stays JSON even when a browser opens it.
    auto api = page("/api/v1/no_such_endpoint");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.header("content-type").rfind("application/json", 0), 0u);
    // A known path with the wrong method is still a 405 with Allow.
    auto wrong = http_request(node.port(), {http::verb::delete_, "/@alice", {{"Accept", "text/html"}}, ""});
    EXPECT_EQ(wrong.status, 405);
}

TEST_F(PublicPages, PortfolioShowsVisibleWorksWithPlaceholdersLabelsAndBlur) {
    auto plain = upload(alice, 1, "A red \"castle\" <script>alert(1)</script>");
    auto ai = upload(alice, 2, "Generated sky", true);
    ASSERT_EQ(ai.ai_verdict, "declared");
    auto hidden = upload(alice, 3, "Followers only work");
    auto nsfw = upload(alice, 4, "Sensitive figure");
    post(alice, "castle", {plain.id});
    post(alice, "sky", {ai.id}, core::Visibility::unlisted);
    post(alice, "private", {hidden.id}, core::Visibility::followers);
    post(alice, "figure study", {nsfw.id}, core::Visibility::public_, "nudity <b>study</b>");
    post(alice, "just words");

    auto res = page("/@alice");
    ASSERT_EQ(res.status, 200) << res.body;
    expect_page_headers(res);
    EXPECT_EQ(res.header("vary"), "Accept");
    auto srcs = attributes(res.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "src");
    ASSERT_EQ(srcs.size(), 3u) << res.body;  // the followers-only work is not on a public page
    for (const auto& src : srcs) {
        auto served = node.get(target_of(src, node.base()));
        EXPECT_EQ(served.status, 200) << src;
        EXPECT_EQ(served.header("content-type").rfind("image/", 0), 0u);
    }
    EXPECT_EQ(res.body.find("Followers only work"), std::string::npos);
    // Newest first: the sensitive figure, then the sky, then the castle.
    auto alts = attributes(res.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "alt");
    ASSERT_EQ(alts.size(), 3u);
    EXPECT_EQ(alts[0], "Sensitive figure");
    EXPECT_EQ(alts[1], "Generated sky");
    EXPECT_EQ(alts[2], "A red &quot;castle&quot; &lt;script&gt;alert(1)&lt;/script&gt;");
    EXPECT_EQ(res.body.find("<script>alert"), std::string::npos);
    for (const auto& w : attributes(res.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "width")) EXPECT_GT(std::stoi(w), 0);
    // BlurHash placeholders: one SVG of coloured cells per work, no inline style.
    std::regex cell(R"(<rect x="\d" y="\d" width="1\.02" height="1\.02" fill="#[0-9a-f]{6}"/>)");
    auto cells = std::distance(std::sregex_iterator(res.body.begin(), res.body.end(), cell), std::sregex_iterator());
    EXPECT_EQ(cells, 3 * core::limits::kPlaceholderCols * core::limits::kPlaceholderRows);
    EXPECT_EQ(res.body.find(" style=\""), std::string::npos);
    // The sensitive work is inside a closed <details>, its warning escaped; the AI work is labelled.
    std::regex sensitive(R"(<details class="sensitive">\s*<summary>.*nudity &lt;b&gt;study&lt;/b&gt; — show</span></summary>\s*<a href="[^"]+"><img [^>]*alt="Sensitive figure")");
    EXPECT_TRUE(std::regex_search(res.body, sensitive)) << res.body;
    EXPECT_NE(res.body.find("<span class=\"ai-label\">AI-generated (declared in the file)</span>"), std::string::npos);
    // Counts.
    EXPECT_NE(res.body.find("<strong>4</strong> posts"), std::string::npos) << res.body;  // public and unlisted ones
}

TEST_F(PublicPages, HostileBioAndFieldsAreEscapedAndCountsCanBeHidden) {
    node.db().write([&](Connection& c) {
        core::Account a = alice;
        a.display_name = "Alice <img src=x onerror=alert(1)>";
        a.note = "I paint.\n<script>alert('bio')</script>";
        storage::update_account_identity(c, a);
        core::AccountProfile profile = storage::find_profile(c, alice.id);
        profile.fields = {{"Shop <i>", "<a href=\"javascript:alert(1)\">x</a>"}};
        storage::update_profile(c, alice.id, profile);
    });
    auto res = page("/@alice");
    ASSERT_EQ(res.status, 200);
    EXPECT_EQ(res.body.find("<script>alert"), std::string::npos);
    EXPECT_EQ(res.body.find("<img src=x"), std::string::npos);
    EXPECT_EQ(res.body.find("href=\"javascript"), std::string::npos);
    EXPECT_NE(res.body.find("&lt;script&gt;alert(&#39;bio&#39;)&lt;/script&gt;"), std::string::npos) << res.body;
    EXPECT_NE(res.body.find("<dt>Shop &lt;i&gt;</dt>"), std::string::npos);
    EXPECT_NE(res.body.find("followers</li>"), std::string::npos);
    activitypub::set_collections_hidden(node.ctx(), "alice", true);
    auto hidden = page("/@alice");
    EXPECT_EQ(hidden.body.find("followers</li>"), std::string::npos);
    EXPECT_NE(hidden.body.find("posts</li>"), std::string::npos);
}

TEST_F(PublicPages, PinnedWorksLeadAndOlderWorksArePaged) {
    // More works than one page holds, inserted as rows (the paging is what is tested, not the pipeline).
    auto pinned_media = upload(alice, 9, "Pinned work");
    auto pinned = post(alice, "my best", {pinned_media.id});
    const int total = core::limits::kPageWorks + 5;
    std::vector<core::Status> statuses;
    for (int i = 0; i < total; ++i) statuses.push_back(node.insert_status(alice, "work " + std::to_string(i)));
    node.db().write([&](Connection& c) {
        for (int i = 0; i < total; ++i) {
            const core::Status& s = statuses[static_cast<std::size_t>(i)];
            core::MediaAttachment m;
            m.id = node.ctx().ids.next(node.ctx().clock.now());
            m.account_id = alice.id;
            m.file_path = pinned_media.file_path;  // the same served file: only the rows matter here
            m.description = "work " + std::to_string(i);
            m.width = 640;
            m.height = 480;
            storage::insert_media(c, m);
            storage::attach_media(c, alice.id, s.id, {m.id});
        }
        storage::insert_pin(c, alice.id, pinned.id, node.ctx().clock.now());
    });
    auto first = page("/@alice");
    ASSERT_EQ(first.status, 200);
    auto alts = attributes(first.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "alt");
    ASSERT_GE(alts.size(), 2u);
    EXPECT_EQ(alts[0], "Pinned work");
    EXPECT_NE(first.body.find("<span class=\"pinned-mark\">Pinned</span>"), std::string::npos);
    EXPECT_EQ(alts[1], "work " + std::to_string(total - 1));
    auto older = attributes(first.body, R"(<a href="[^"]*" rel="next">)", "href");
    ASSERT_EQ(older.size(), 1u) << first.body;
    std::vector<std::string> seen(alts.begin(), alts.end());
    std::string next = target_of(older[0], node.base());
    int pages = 1;
    while (!next.empty() && pages < 10) {
        auto more = page(next);
        ASSERT_EQ(more.status, 200);
        auto more_alts = attributes(more.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "alt");
        EXPECT_EQ(std::count(more_alts.begin(), more_alts.end(), "Pinned work"), 0);
        seen.insert(seen.end(), more_alts.begin(), more_alts.end());
        auto links = attributes(more.body, R"(<a href="[^"]*" rel="next">)", "href");
        next = links.empty() ? "" : target_of(links[0], node.base());
        ++pages;
    }
    EXPECT_EQ(pages, 2);
    // Every work exactly once, across pages.
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(total + 1));
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST_F(PublicPages, PostPageShowsWorksWarningRightsOpenGraphAndVisibleReplies) {
    auto m = upload(alice, 5, "A lighthouse at dusk, \"oil\"");
    auto status = post(alice, "Lighthouse <study> #seaside", {m.id}, core::Visibility::public_, "eye strain");
    post(bob, "@alice lovely!", {}, core::Visibility::public_, "", status.id);
    post(bob, "@alice secret reply", {}, core::Visibility::followers, "", status.id);
    std::string path = "/@alice/" + std::to_string(status.id);
    ASSERT_EQ(status.url, node.base() + path);  // the status url Gesso hands out is this page

    auto res = page(path);
    ASSERT_EQ(res.status, 200) << res.body;
    expect_page_headers(res);
    EXPECT_EQ(res.header("x-robots-tag"), "noai, noimageai");
    EXPECT_NE(res.body.find("<meta name=\"robots\" content=\"noai, noimageai\">"), std::string::npos);
    EXPECT_NE(res.body.find("<details class=\"content-warning\">\n<summary>Content warning: eye strain</summary>"),
              std::string::npos) << res.body;
    EXPECT_NE(res.body.find("Lighthouse &lt;study&gt;"), std::string::npos);
    // The work at full served size, with its alt text and dimensions.
    auto imgs = attributes(res.body, R"(<figure>\s*<img\b[^>]*>)", "src");
    ASSERT_EQ(imgs.size(), 1u);
    EXPECT_EQ(attributes(res.body, R"(<figure>\s*<img\b[^>]*>)", "width")[0], std::to_string(m.width));
    EXPECT_EQ(attributes(res.body, R"(<figure>\s*<img\b[^>]*>)", "alt")[0], "A lighthouse at dusk, &quot;oil&quot;");
    // OpenGraph and Twitter card.
    EXPECT_EQ(meta(res.body, "og:type"), "article");
    EXPECT_EQ(meta(res.body, "og:url"), node.base() + path);
    EXPECT_EQ(meta(res.body, "og:title"), "alice (@alice@" + node.domain() + ")");
    EXPECT_EQ(meta(res.body, "og:description"), "eye strain");
    EXPECT_EQ(meta(res.body, "og:image"), imgs[0]);
    EXPECT_EQ(meta(res.body, "og:image:width"), std::to_string(m.width));
    EXPECT_EQ(meta(res.body, "og:image:height"), std::to_string(m.height));
    EXPECT_EQ(meta(res.body, "og:image:alt"), "A lighthouse at dusk, &quot;oil&quot;");
    EXPECT_EQ(meta(res.body, "twitter:card"), "summary_large_image");
    EXPECT_EQ(meta(res.body, "twitter:image"), imgs[0]);
    auto image = node.get(target_of(meta(res.body, "og:image"), node.base()));
    EXPECT_EQ(image.status, 200);
    EXPECT_EQ(image.header("content-type").rfind("image/", 0), 0u);
    // Replies: the public one, not the followers-only one.
    EXPECT_NE(res.body.find("lovely!"), std::string::npos);
    EXPECT_EQ(res.body.find("secret reply"), std::string::npos);
    EXPECT_NE(res.body.find("All rights reserved."), std::string::npos);

    // The same URL as ActivityPub JSON.
    auto note = node.get_activity(path);  // signed, as a peer fetches under authorized fetch
    ASSERT_EQ(note.status, 200) << note.body;
    auto doc = parse_document(note.body);
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("id") && doc["id"].IsString());
    EXPECT_EQ(std::string(doc["id"].GetString()), status.uri);
    EXPECT_EQ(std::string(doc["type"].GetString()), "Note");
    // /users/alice/statuses/ID sends browsers here.
    auto redirect = page("/users/alice/statuses/" + std::to_string(status.id));
    EXPECT_EQ(redirect.status, 302);
    EXPECT_EQ(redirect.header("location"), node.base() + path);
}

TEST_F(PublicPages, NonPublicAndForeignPostsAreNotFoundPages) {
    auto followers = post(alice, "for followers", {}, core::Visibility::followers);
    auto direct = post(alice, "@bob hi", {}, core::Visibility::direct);
    auto bobs = post(bob, "bob's post");
    for (const std::string& path : {"/@alice/" + std::to_string(followers.id), "/@alice/" + std::to_string(direct.id),
                                   "/@alice/" + std::to_string(bobs.id), std::string("/@alice/999"), std::string("/@alice/x")}) {
        auto res = page(path);
        EXPECT_EQ(res.status, 404) << path;
        EXPECT_EQ(res.header("content-type"), "text/html; charset=utf-8") << path;
        EXPECT_EQ(res.body.find("for followers"), std::string::npos);
    }
    // Rights follow the account's choice: an artist who allows mining gets "all".
    activitypub::ProtectionUpdate allow;
    allow.data_mining = "DMI-ALLOWED";
    activitypub::update_protection(node.ctx(), alice.id, allow);
    auto open = post(alice, "free to mine");
    auto res = page("/@alice/" + std::to_string(open.id));
    EXPECT_EQ(res.header("x-robots-tag"), "all");
    EXPECT_NE(res.body.find("<meta name=\"robots\" content=\"all\">"), std::string::npos) << res.body;
    // ...and the footer does not claim the node-wide reservation for her page, while bob's keeps it.
    EXPECT_NE(res.body.find("chose to allow text"), std::string::npos);
    EXPECT_EQ(res.body.find("They are not licensed for training"), std::string::npos);
    auto bobs_page = page("/@bob");
    EXPECT_NE(bobs_page.body.find("They are not licensed for training"), std::string::npos);
    EXPECT_EQ(bobs_page.body.find("chose to allow text"), std::string::npos);
}

TEST_F(PublicPages, GalleryAndTagPagesListPublicWorks) {
    auto a = upload(alice, 6, "Seaside one");
    auto b = upload(bob, 7, "Mountain two");
    post(alice, "#Seaside painting", {a.id});
    post(bob, "#mountains", {b.id});
    auto c = upload(bob, 8, "Unlisted three");
    post(bob, "#seaside quiet", {c.id}, core::Visibility::unlisted);

    auto gallery = page("/public");
    ASSERT_EQ(gallery.status, 200);
    expect_page_headers(gallery);
    auto alts = attributes(gallery.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "alt");
    EXPECT_EQ(alts, (std::vector<std::string>{"Mountain two", "Seaside one"}));  // public only, newest first
    auto home = page("/");
    EXPECT_EQ(attributes(home.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "alt"), alts);

    auto tag = page("/tags/seaside");
    ASSERT_EQ(tag.status, 200);
    EXPECT_EQ(attributes(tag.body, R"(<img\b[^>]*loading="lazy"[^>]*>)", "alt"), (std::vector<std::string>{"Seaside one"}));
    EXPECT_NE(tag.body.find("<h1 id=\"gallery-heading\">#seaside</h1>"), std::string::npos);
    auto hostile = page("/tags/%3Cscript%3E");
    EXPECT_EQ(hostile.body.find("<script>"), std::string::npos);
}

class PublicPagesGalleryOff : public PublicPages {
protected:
    static TestNodeOptions options() {
        TestNodeOptions o;
        o.pages.public_gallery = false;
        return o;
    }
    PublicPagesGalleryOff() : PublicPages(options()) {}
};

TEST_F(PublicPagesGalleryOff, GalleryAndTagsAreNotFoundAndTheFrontPageHasNoWorks) {
    auto m = upload(alice, 10, "Seaside one");
    post(alice, "#seaside", {m.id});
    for (const char* path : {"/public", "/tags/seaside"}) {
        auto res = page(path);
        EXPECT_EQ(res.status, 404) << path;
        EXPECT_EQ(res.header("content-type"), "text/html; charset=utf-8");
    }
    auto home = page("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_EQ(home.body.find("Seaside one"), std::string::npos);
    EXPECT_EQ(home.body.find("href=\"/public\""), std::string::npos);
    // Profiles stay.
    EXPECT_NE(page("/@alice").body.find("Seaside one"), std::string::npos);
}

}  // namespace
}  // namespace gesso::test
