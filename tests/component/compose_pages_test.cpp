// The posting pages over real HTTP: /compose (works with alt text, licence, cloak, watermark, content warning,
// visibility) through the engine's media intake and publish_status, the post page's edit and delete for its
// author, the /authorize_interaction Follow button, and the sign-up throttle. Error paths: CSRF refused,
// signed-out visitors sent to sign in, 422 with the error next to its field and nothing written, another
// user's post a 404.
#include <gtest/gtest.h>

#include "activitypub/posting.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "storage/follows.hpp"
#include "storage/post_details.hpp"
#include "storage/post_rights.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "support/manual_clock.hpp"
#include "support/multipart.hpp"
#include "support/page_browser.hpp"
#include "support/test_node.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;
namespace limits = core::limits;

std::string png(int seed) { return fx::encode(fx::picture(64, 48, seed), ".png"); }

std::int64_t count_rows(TestNode& node, const char* table) {
    return node.db().read([&](storage::Connection& c) {
        auto s = c.prepare(std::string("SELECT count(*) FROM ") + table);
        s.step();
        return s.int64(0);
    });
}

// The parts appended into one string (GCC 12 warns falsely, -Wrestrict, on "literal" + std::to_string chains).
template <typename... Parts>
std::string cat(const Parts&... parts) {
    std::string out;
    (out.append(parts), ...);
    return out;
}

// The id at the end of a post page's URL (".../@alice/123").
core::Id post_id(const std::string& location) {
    return std::stoll(location.substr(location.rfind('/') + 1));
}

class ComposePages : public ::testing::Test {
protected:
    ComposePages() : node(options()), browser(node) {
        alice = node.create_account("alice");
        bob = node.create_account("bob");
    }
    virtual TestNodeOptions options() {
        TestNodeOptions o;
        o.clock = &clock;
        o.registrations = activitypub::Registrations::open;
        return o;
    }
    void sign_in_alice() {
        ASSERT_EQ(browser.sign_in("alice").status, 303);
        token = browser.csrf();
        ASSERT_FALSE(token.empty());
    }
    // The compose form's fields with the CSRF token, plus `parts`.
    HttpResult compose(std::vector<FormPart> parts, bool with_token = true) {
        if (with_token) parts.insert(parts.begin(), FormPart{"csrf_token", token});
        return browser.post("/compose", multipart(parts), multipart_type());
    }

    ManualClock clock;
    TestNode node;
    PageBrowser browser;
    core::Account alice, bob;
    std::string token;
};

TEST_F(ComposePages, PostingAWorkStoresItThroughTheEngineAndOpensItsPage) {
    sign_in_alice();
    auto form = browser.get("/compose");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_NE(form.header("cache-control").find("no-store"), std::string::npos);
    for (const char* label : {"<label for=\"f-file_1\">", "<label for=\"f-alt_1\">", "<label for=\"f-status\">",
                              "<label for=\"f-license\">", "<label for=\"f-cloak\">", "<label for=\"f-visibility\">",
                              "<label for=\"f-spoiler_text\">", "<label for=\"f-watermark_text\">"}) {
        EXPECT_NE(form.body.find(label), std::string::npos) << label;
    }
    EXPECT_NE(form.body.find(cat("id=\"f-file_", std::to_string(limits::kMaxStatusMedia), "\"")), std::string::npos);
    EXPECT_NE(form.body.find("href=\"/compose\""), std::string::npos) << "the nav links the compose page";

    auto res = compose({{"status", "Heron at dawn #watercolour"},
                        {"spoiler_text", ""},
                        {"sensitive", "0"},
                        {"visibility", "unlisted"},
                        {"gesso[license]", "cc-by-nc-4.0"},
                        {"cloak", "off"},
                        {"watermark", "0"},
                        {"file_1", png(1), "heron.png", "image/png"},
                        {"alt_1", "A grey heron standing in reeds, ink and watercolour"},
                        {"file_2", "", "", "application/octet-stream"},
                        {"file_3", png(3), "sketch.png", "image/png"},
                        {"alt_3", "The pencil sketch"}});
    ASSERT_EQ(res.status, 303) << res.body;
    std::string location = res.header("location");
    ASSERT_EQ(location.rfind(node.base() + "/@alice/", 0), 0u) << location;
    core::Id id = post_id(location);

    auto [status, media, rights] = node.db().read([&](storage::Connection& c) {
        return std::make_tuple(storage::find_status(c, id), storage::find_status_media(c, id),
                               storage::find_post_rights(c, id));
    });
    ASSERT_TRUE(status);
    EXPECT_EQ(status->account_id, alice.id);
    EXPECT_EQ(status->visibility, core::Visibility::unlisted);
    EXPECT_NE(status->content.find("Heron at dawn"), std::string::npos);
    ASSERT_EQ(media.size(), 2u) << "the empty slot is skipped";
    EXPECT_EQ(media[0].description, "A grey heron standing in reeds, ink and watercolour");
    EXPECT_EQ(media[1].description, "The pencil sketch");
    EXPECT_EQ(media[0].license, "https://creativecommons.org/licenses/by-nc/4.0/") << "the work carries the licence";
    EXPECT_EQ(rights.license, "https://creativecommons.org/licenses/by-nc/4.0/") << "and so does the post";

    // The post page shows the works with their alt text and licence, and offers the author edit and delete.
    auto page = browser.get(location.substr(node.base().size()));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("alt=\"A grey heron standing in reeds, ink and watercolour\""), std::string::npos);
    EXPECT_NE(page.body.find("https://creativecommons.org/licenses/by-nc/4.0/"), std::string::npos);
    EXPECT_NE(page.body.find(cat("/@alice/", std::to_string(id), "/edit")), std::string::npos);
    auto anonymous = node.get(cat("/@alice/", std::to_string(id)));
    ASSERT_EQ(anonymous.status, 200);
    EXPECT_EQ(anonymous.body.find("/edit\""), std::string::npos) << "visitors get no edit link";
}

// The post's own AI-training choice: "as in my settings" stores nothing of its own (the post follows later
// changes of the artist's setting); another choice is the post's, shown on its page and checked like the API's.
TEST_F(ComposePages, APostMayChooseItsOwnAiTrainingReservation) {
    sign_in_alice();
    auto form = browser.get("/compose");
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.body.find("<label for=\"f-data_mining\">"), std::string::npos);
    EXPECT_NE(form.body.find("<option value=\"default\" selected>As in my settings: Reserved: no AI"),
              std::string::npos)
        << "the artist's own setting is named and chosen by default";

    auto rights_of = [&](const HttpResult& res) {
        core::Id id = post_id(res.header("location"));
        return node.db().read([&](storage::Connection& c) { return storage::find_post_rights(c, id); });
    };
    auto following = compose({{"status", "as in my settings"}, {"gesso[data_mining]", "default"},
                              {"file_1", png(7), "a.png", "image/png"}, {"alt_1", "a work"}});
    ASSERT_EQ(following.status, 303) << following.body.substr(0, 400);
    EXPECT_FALSE(rights_of(following).data_mining) << "nothing of its own";

    auto allowed = compose({{"status", "this one may be used for training"}, {"gesso[data_mining]", "DMI-ALLOWED"},
                            {"file_1", png(8), "b.png", "image/png"}, {"alt_1", "another work"}});
    ASSERT_EQ(allowed.status, 303) << allowed.body.substr(0, 400);
    EXPECT_EQ(rights_of(allowed).data_mining, "DMI-ALLOWED");
    auto works = node.db().read(
        [&](storage::Connection& c) { return storage::find_status_media(c, post_id(allowed.header("location"))); });
    ASSERT_EQ(works.size(), 1u);
    EXPECT_EQ(works[0].data_mining, std::string(core::kPlusVocabulary) + "DMI-ALLOWED") << "the file says so too";
    auto page = node.get(allowed.header("location").substr(node.base().size()));
    EXPECT_NE(page.body.find("The artist allows text and data mining of these works."), std::string::npos);
    auto reserved_page = node.get(following.header("location").substr(node.base().size()));
    EXPECT_NE(reserved_page.body.find("The artist reserves these works from AI training"), std::string::npos);

    const auto statuses = count_rows(node, "statuses"), media = count_rows(node, "media");
    auto refused = compose({{"status", "nonsense"}, {"gesso[data_mining]", "DMI-WHATEVER"},
                            {"file_1", png(9), "c.png", "image/png"}, {"alt_1", "a third work"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("id=\"gesso[data_mining]-error\""), std::string::npos) << refused.body;
    EXPECT_EQ(count_rows(node, "statuses"), statuses);
    EXPECT_EQ(count_rows(node, "media"), media);
}

TEST_F(ComposePages, RefusedFormsComeBackWithTheErrorAtTheFieldAndNothingWritten) {
    sign_in_alice();
    auto expect_refused = [&](const HttpResult& res, const std::string& field) {
        EXPECT_EQ(res.status, 422) << field << ": " << res.body.substr(0, 400);
        EXPECT_EQ(res.header("content-type"), "text/html; charset=utf-8");
        EXPECT_NE(res.body.find("id=\"" + field + "-error\""), std::string::npos) << field;
        EXPECT_NE(res.body.find("aria-describedby=\"" + field + "-error\""), std::string::npos) << field;
    };
    expect_refused(compose({{"status", "   "}}), "status");
    expect_refused(compose({{"status", std::string(limits::kMaxStatusChars + 1, 'a')}}), "status");
    // The second work is not an image (decided by its bytes, whatever its name says): the first, already
    // processed, is dropped again.
    auto wrong_type = compose({{"status", "two works"},
                               {"file_1", png(1), "a.png", "image/png"},
                               {"alt_1", "kept alt text"},
                               {"file_2", "GIF89a but not really an image", "b.png", "image/png"}});
    expect_refused(wrong_type, "file_2");
    EXPECT_NE(wrong_type.body.find("kept alt text"), std::string::npos) << "what was typed stays";
    // More works than a post holds (a crafted form: the page has only kMaxStatusMedia slots).
    std::vector<FormPart> many = {{"status", "too many"}};
    for (std::size_t i = 1; i <= limits::kMaxStatusMedia + 1; ++i) {
        many.emplace_back(cat("file_", std::to_string(i <= limits::kMaxStatusMedia ? i : 1)), png(static_cast<int>(i)),
                          "w.png", "image/png");
    }
    expect_refused(compose(many), "works");
    expect_refused(compose({{"status", "x"}, {"cloak", "extreme"}, {"file_1", png(2), "a.png", "image/png"}}), "cloak");
    expect_refused(compose({{"status", "x"}, {"gesso[license]", "my-own-licence"}}), "gesso[license]");
    expect_refused(compose({{"status", "x"}, {"visibility", "everyone"}}), "visibility");
    expect_refused(compose({{"status", "x"},
                            {"file_1", png(2), "a.png", "image/png"},
                            {"alt_1", std::string(limits::kMaxMediaDescriptionChars + 1, 'd')}}),
                   "alt_1");
    EXPECT_EQ(count_rows(node, "statuses"), 0) << "no post was written";
    EXPECT_EQ(count_rows(node, "media"), 0) << "no work was left behind";
}

TEST_F(ComposePages, FormsWithoutTheTokenAndSignedOutVisitorsAreRefused) {
    PageBrowser anonymous(node);
    auto page = anonymous.get("/compose");
    EXPECT_EQ(page.status, 303);
    EXPECT_EQ(page.header("location"), "/auth/sign_in?return_to=%2Fcompose");
    EXPECT_EQ(anonymous.post("/compose", multipart({{"status", "hello"}}), multipart_type()).status, 403);

    sign_in_alice();
    auto missing = compose({{"status", "no token"}}, false);
    EXPECT_EQ(missing.status, 403);
    EXPECT_NE(missing.body.find("Request refused"), std::string::npos);
    browser.set_origin("https://evil.example");
    EXPECT_EQ(compose({{"status", "from elsewhere"}}).status, 403);
    EXPECT_EQ(count_rows(node, "statuses"), 0);
}

TEST_F(ComposePages, WorksWithoutAltTextAreRefusedWhenTheNodeRequiresIt) {
    TestNodeOptions o;
    o.pages.require_alt_text = true;
    TestNode strict(o);
    strict.create_account("carol");
    PageBrowser carol(strict);
    ASSERT_EQ(carol.sign_in("carol").status, 303);
    std::string csrf = carol.csrf();
    auto refused = carol.post("/compose",
                              multipart({{"csrf_token", csrf}, {"status", "no alt"}, {"file_1", png(4), "a.png", "image/png"},
                                         {"alt_1", "  "}}),
                              multipart_type());
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("id=\"alt_1-error\""), std::string::npos);
    EXPECT_EQ(count_rows(strict, "media"), 0);
    auto posted = carol.post("/compose",
                             multipart({{"csrf_token", csrf}, {"status", "with alt"}, {"file_1", png(4), "a.png", "image/png"},
                                        {"alt_1", "A described work"}}),
                             multipart_type());
    EXPECT_EQ(posted.status, 303) << posted.body.substr(0, 400);
    // The same node without the requirement takes a work without alt text.
    sign_in_alice();
    EXPECT_EQ(compose({{"status", "no alt"}, {"file_1", png(5), "a.png", "image/png"}}).status, 303);
}

TEST_F(ComposePages, TheAuthorEditsAndDeletesFromThePostPage) {
    sign_in_alice();
    auto res = compose({{"status", "First version"}, {"file_1", png(6), "a.png", "image/png"}, {"alt_1", "old alt"}});
    ASSERT_EQ(res.status, 303) << res.body.substr(0, 400);
    core::Id id = post_id(res.header("location"));
    std::string path = cat("/@alice/", std::to_string(id));
    EXPECT_EQ(node.get(path).body.find(" · edited "), std::string::npos) << "not edited yet";

    auto edit = browser.get(path + "/edit");
    ASSERT_EQ(edit.status, 200);
    EXPECT_NE(edit.body.find("First version"), std::string::npos);
    EXPECT_NE(edit.body.find(">old alt</textarea>"), std::string::npos);

    // Refused edits change nothing.
    auto too_long = browser.post(path + "/edit", "csrf_token=" + form_encode(token) + "&status=" +
                                                     std::string(limits::kMaxStatusChars + 1, 'b'));
    EXPECT_EQ(too_long.status, 422);
    EXPECT_NE(too_long.body.find("id=\"status-error\""), std::string::npos);
    EXPECT_EQ(browser.post(path + "/edit", "status=no+token").status, 403);

    auto saved = browser.post(path + "/edit", "csrf_token=" + form_encode(token) +
                                                  "&status=Second+version&spoiler_text=birds&sensitive=0&alt_1=" +
                                                  form_encode("a heron, new alt"));
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
    EXPECT_EQ(saved.header("location"), node.base() + path);
    auto [status, media, versions] = node.db().read([&](storage::Connection& c) {
        return std::make_tuple(storage::find_status(c, id), storage::find_status_media(c, id),
                               storage::status_versions(c, id));
    });
    ASSERT_TRUE(status);
    EXPECT_NE(status->content.find("Second version"), std::string::npos);
    EXPECT_EQ(status->spoiler_text, "birds");
    EXPECT_TRUE(status->edited_at.has_value());
    ASSERT_EQ(media.size(), 1u) << "the work stays attached";
    EXPECT_EQ(media[0].description, "a heron, new alt");
    EXPECT_FALSE(versions.empty()) << "the earlier version joined the history";
    auto shown = node.get(path).body;
    EXPECT_NE(shown.find(" · edited <time datetime=\"" + core::format_iso8601_seconds(*status->edited_at) + "\">"),
              std::string::npos)
        << "the post page says when it was edited";

    // Another user gets a 404 for every action on it, through either path.
    PageBrowser other(node);
    ASSERT_EQ(other.sign_in("bob").status, 303);
    std::string bob_token = other.csrf();
    EXPECT_EQ(other.get(path + "/edit").status, 404);
    EXPECT_EQ(other.get(path + "/delete").status, 404);
    EXPECT_EQ(other.get(cat("/@bob/", std::to_string(id), "/edit")).status, 404);
    EXPECT_EQ(other.post(path + "/delete", "csrf_token=" + form_encode(bob_token)).status, 404);
    EXPECT_EQ(other.post(cat("/@bob/", std::to_string(id), "/delete"), "csrf_token=" + form_encode(bob_token)).status, 404);
    EXPECT_EQ(other.post(path + "/edit", "csrf_token=" + form_encode(bob_token) + "&status=mine").status, 404);
    EXPECT_EQ(other.get(path).body.find(path + "/edit"), std::string::npos) << "no edit link for bob";

    // Delete: a confirmation page, then the POST with the token.
    auto confirm = browser.get(path + "/delete");
    ASSERT_EQ(confirm.status, 200);
    EXPECT_NE(confirm.body.find("action=\"" + node.base() + path + "/delete\""), std::string::npos) << confirm.body;
    EXPECT_EQ(browser.post(path + "/delete", "").status, 403);
    EXPECT_TRUE(node.db().read([&](storage::Connection& c) { return storage::find_status(c, id).has_value(); }));
    auto deleted = browser.post(path + "/delete", "csrf_token=" + form_encode(token));
    EXPECT_EQ(deleted.status, 303);
    EXPECT_EQ(deleted.header("location"), node.base() + "/@alice");
    EXPECT_FALSE(node.db().read([&](storage::Connection& c) { return storage::find_status(c, id).has_value(); }));
    EXPECT_EQ(node.get(path).status, 404);
}

TEST_F(ComposePages, AuthorizeInteractionFollowsWithTheSession) {
    std::string target = "/authorize_interaction?uri=" + form_encode("acct:alice@" + node.domain());
    PageBrowser visitor(node);
    auto signed_out = visitor.get(target);
    ASSERT_EQ(signed_out.status, 200) << signed_out.body;
    EXPECT_NE(signed_out.body.find("/auth/sign_in?return_to=%2Fauthorize_interaction%3Furi%3D"), std::string::npos)
        << "sign in, then back here";
    EXPECT_EQ(visitor.post("/authorize_interaction", "uri=alice").status, 403);

    ASSERT_EQ(visitor.sign_in("bob").status, 303);
    std::string csrf = visitor.csrf();
    auto page = visitor.get(target);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<button type=\"submit\">Follow</button>"), std::string::npos) << page.body;
    EXPECT_EQ(visitor.post("/authorize_interaction", "uri=" + form_encode("acct:alice@" + node.domain())).status, 403)
        << "no token";
    auto followed = visitor.post("/authorize_interaction",
                                 "csrf_token=" + form_encode(csrf) + "&uri=" + form_encode("acct:alice@" + node.domain()));
    ASSERT_EQ(followed.status, 303) << followed.body.substr(0, 400);
    EXPECT_EQ(followed.header("location"), target);
    auto follow = node.db().read([&](storage::Connection& c) { return storage::find_follow(c, bob.id, alice.id); });
    ASSERT_TRUE(follow);
    auto after = visitor.get(target);
    EXPECT_EQ(after.body.find("<button type=\"submit\">Follow</button>"), std::string::npos);
    EXPECT_NE(after.body.find(follow->accepted ? "You follow" : "follow request was sent"), std::string::npos);
}

TEST_F(ComposePages, SignUpsAreThrottledPerAddress) {
    PageBrowser visitor(node);
    std::int64_t accounts = count_rows(node, "accounts");
    // Refused forms count too: the throttle counts what arrives, not what succeeds.
    for (int i = 0; i < limits::kSignUpsPerAddress; ++i) {
        auto res = visitor.post("/auth/sign_up", "username=dave&email=dave%40example.test&password=a+long+enough+password"
                                                 "&password_confirmation=different&agreement=1");
        ASSERT_EQ(res.status, 422) << i;
    }
    auto blocked = visitor.post("/auth/sign_up", "username=dave&email=dave%40example.test&password=a+long+enough+password"
                                                 "&password_confirmation=a+long+enough+password&agreement=1");
    EXPECT_EQ(blocked.status, 429);
    EXPECT_EQ(blocked.header("content-type"), "text/html; charset=utf-8");
    EXPECT_FALSE(blocked.header("retry-after").empty());
    EXPECT_NE(blocked.body.find("Too many sign-ups"), std::string::npos);
    EXPECT_EQ(count_rows(node, "accounts"), accounts) << "nothing was created";

    clock.advance(limits::kSignUpWindow);
    auto later = visitor.post("/auth/sign_up", "username=dave&email=dave%40example.test&password=a+long+enough+password"
                                               "&password_confirmation=a+long+enough+password&agreement=1");
    EXPECT_EQ(later.status, 303) << later.body.substr(0, 400);
}

TEST_F(ComposePages, PortfoliosOfferEditingToTheirOwnerAndAFollowPageToMembers) {
    auto anonymous = node.get("/@alice", "text/html");
    EXPECT_NE(anonymous.body.find("action=\"/remote_follow\""), std::string::npos);
    EXPECT_EQ(anonymous.body.find("href=\"/settings/profile\""), std::string::npos);
    sign_in_alice();
    auto own = browser.get("/@alice");
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(own.body.find("action=\"/remote_follow\""), std::string::npos) << "no follow form for oneself";
    EXPECT_NE(own.body.find("Edit your profile"), std::string::npos);
    // Another member's portfolio: follow from here, through the Follow page, not from "your server".
    auto other = browser.get("/@bob");
    EXPECT_EQ(other.body.find("action=\"/remote_follow\""), std::string::npos);
    EXPECT_EQ(other.body.find("Edit your profile"), std::string::npos);
    const std::string follow_link = "href=\"/authorize_interaction?uri=acct%3Abob%40";
    auto at = other.body.find(follow_link);
    ASSERT_NE(at, std::string::npos) << other.body;
    std::string target = other.body.substr(at + 6, other.body.find('"', at + 6) - at - 6);
    auto follow_page = browser.get(target);
    ASSERT_EQ(follow_page.status, 200) << target;
    EXPECT_NE(follow_page.body.find("<button type=\"submit\">Follow</button>"), std::string::npos);
}

}  // namespace
}  // namespace gesso::test
