// Browser tier: Debian's headless Chromium, driven by npm playwright-core (tests/browser/signed_in.mjs), goes
// through the signed-in pages of a real node on loopback over plain HTTP (the development setup, where the
// session cookie is not Secure): sign in, a protection change seen in the profile's served headers and meta
// tags, an avatar upload, the OAuth consent with a session, a CSRF refusal, sign out, sign up on a phone-sized
// window. The script asserts on what the browser sees; this test checks that every step passed and that the
// node holds what the browser did. Screenshots of every page: build/test-artifacts/browser/<test>/*.png.
// Skipped (GTEST_SKIP) without /usr/bin/chromium, node >= 20 or tests/browser/node_modules
// (tests/browser/install.sh).
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>

#include "activitypub/accounts.hpp"
#include "activitypub/node_profile.hpp"
#include "activitypub/protection.hpp"
#include "media/encode.hpp"
#include "storage/accounts.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/federation_health.hpp"
#include "storage/notifications.hpp"
#include "storage/policy_rules.hpp"
#include "storage/post_details.hpp"
#include "storage/queues.hpp"
#include "storage/statuses.hpp"
#include "storage/web_sessions.hpp"
#include "support/api_session.hpp"
#include "support/client_script.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

const std::filesystem::path kBrowserDir = std::filesystem::path(GESSO_SOURCE_DIR) / "tests" / "browser";
const std::filesystem::path kShots = std::filesystem::path(GESSO_BINARY_DIR) / "test-artifacts" / "browser";

std::optional<std::string> browser_unavailable() {
    if (!std::filesystem::exists("/usr/bin/chromium")) return "/usr/bin/chromium is missing: tests/browser/install.sh";
    ProcessResult version = run_process({"/usr/bin/env", "node", "-p", "process.versions.node.split('.')[0]"});
    if (version.exit_code != 0) return "node is not on PATH";
    if (std::atoi(version.out.c_str()) < 20) return "node is older than 20";
    if (!std::filesystem::exists(kBrowserDir / "node_modules" / "playwright-core" / "package.json")) {
        return "playwright-core is not installed: run tests/browser/install.sh";
    }
    return std::nullopt;
}

// A real PNG (160x160, a gradient with a disc), as an artist's avatar would be.
std::string avatar_png() {
    cv::Mat image(160, 160, CV_8UC3);
    for (int y = 0; y < image.rows; ++y) {
        for (int x = 0; x < image.cols; ++x) {
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x), static_cast<uchar>(y), 180);
        }
    }
    cv::circle(image, {80, 80}, 50, cv::Scalar(40, 190, 250), cv::FILLED);
    return media::encode_image(image, media::ImageType::png, 90);
}

TEST(Browser, SignedInPages) {
    if (auto why = browser_unavailable()) GTEST_SKIP() << *why;
    TempDir work;
    TestNodeOptions options;
    options.registrations = activitypub::Registrations::open;
    TestNode node(options);
    core::Account alice = node.create_account("alice");
    std::filesystem::path image = work.path() / "avatar.png";
    std::ofstream(image, std::ios::binary) << avatar_png();
    const std::filesystem::path shots = kShots / "signed-in";  // each test its own folder: they may run in parallel
    std::filesystem::remove_all(shots);
    std::filesystem::create_directories(shots);

    ScriptRun r = run_client_script({"/usr/bin/env", "node", (kBrowserDir / "signed_in.mjs").string()},
                                    {"GESSO_BASE=" + node.base(), "GESSO_LOGIN=alice@example.test",
                                     "GESSO_PASSWORD=correct horse battery", "GESSO_IMAGE=" + image.string(),
                                     "GESSO_SHOTS=" + shots.string(), "HOME=" + work.path().string(), "NO_COLOR=1"},
                                    {});
    std::string transcript = "exit " + std::to_string(r.exit_code) + " " + r.failure + "\n" + r.transcript;
    std::vector<std::string> expected = {"sign_in", "protection", "avatar", "csrf_refused", "authorize", "sign_out", "sign_up"};
    EXPECT_EQ(r.ok, expected) << transcript;
    EXPECT_EQ(r.exit_code, 0) << transcript;

    // The node holds what the browser did.
    auto settings = activitypub::protection_settings(node.ctx(), alice.id);
    EXPECT_EQ(settings.data_mining, "DMI-ALLOWED") << "the CSRF-refused form changed nothing";
    EXPECT_EQ(settings.license, "https://creativecommons.org/licenses/by-nc/4.0/");
    auto stored = node.db().read([&](storage::Connection& c) { return storage::find_account(c, alice.id); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->display_name, "Alice Painter");
    EXPECT_EQ(stored->note, "Watercolours of birds.");
    EXPECT_NE(stored->avatar_url.find("/media/"), std::string::npos) << stored->avatar_url;
    EXPECT_EQ(node.db().read([&](storage::Connection& c) { return storage::count_account_web_sessions(c, alice.id); }), 0)
        << "signed out";
    auto carol = node.db().read([](storage::Connection& c) { return storage::find_local_user_by_login(c, "carol"); });
    ASSERT_TRUE(carol);
    EXPECT_TRUE(carol->user.approved);
    for (const char* name : {"01-sign-in", "03-protection-saved", "06-profile-saved", "07-csrf-refused",
                             "08-authorize-consent", "11-signed-out", "13-signed-up-phone"}) {
        EXPECT_TRUE(std::filesystem::exists(shots / (std::string(name) + ".png"))) << name;
    }
}

// A real PNG with the texture of a painting (640x480: colour fields under fine noise), so the cloak has
// something to work on.
std::string painting_png() {
    cv::Mat image(480, 640, CV_8UC3);
    cv::randu(image, cv::Scalar(0, 0, 0), cv::Scalar(60, 60, 60));
    cv::Mat wash(image.size(), CV_8UC3);
    for (int y = 0; y < wash.rows; ++y) {
        for (int x = 0; x < wash.cols; ++x) {
            wash.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(120 + y / 6), static_cast<uchar>(90 + x / 8), 150);
        }
    }
    image += wash;
    cv::ellipse(image, {320, 260}, {60, 150}, 15, 0, 360, cv::Scalar(90, 90, 100), cv::FILLED);  // the heron
    cv::line(image, {300, 120}, {380, 90}, cv::Scalar(30, 160, 220), 6);                         // its bill
    return media::encode_image(image, media::ImageType::png, 90);
}

// Posting from the browser (tests/browser/compose.mjs): a refused empty form, a work with alt text, licence and
// cloak, seen on the post page and the profile grid, edited, a second post deleted, and a phone-sized window.
// Screenshots: build/test-artifacts/browser/compose/NN-*.png.
TEST(Browser, ComposeEditDelete) {
    if (auto why = browser_unavailable()) GTEST_SKIP() << *why;
    TempDir work;
    TestNode node;
    core::Account alice = node.create_account("alice");
    std::filesystem::path image = work.path() / "heron.png";
    std::ofstream(image, std::ios::binary) << painting_png();
    std::filesystem::path shots = kShots / "compose";
    std::filesystem::remove_all(shots);
    std::filesystem::create_directories(shots);

    ScriptRun r = run_client_script({"/usr/bin/env", "node", (kBrowserDir / "compose.mjs").string()},
                                    {"GESSO_BASE=" + node.base(), "GESSO_LOGIN=alice@example.test",
                                     "GESSO_PASSWORD=correct horse battery", "GESSO_IMAGE=" + image.string(),
                                     "GESSO_SHOTS=" + shots.string(), "HOME=" + work.path().string(), "NO_COLOR=1"},
                                    {});
    std::string transcript = "exit " + std::to_string(r.exit_code) + " " + r.failure + "\n" + r.transcript;
    std::vector<std::string> expected = {"sign_in", "refused", "post", "profile_grid", "edit", "delete", "phone"};
    EXPECT_EQ(r.ok, expected) << transcript;
    EXPECT_EQ(r.exit_code, 0) << transcript;

    // The node holds what the browser did: one post left (the second was deleted), its work edited, with the
    // licence and cloak level chosen in the form.
    auto [statuses, works] = node.db().read([&](storage::Connection& c) {
        auto s = c.prepare("SELECT id FROM statuses WHERE account_id = ? AND deleted_at IS NULL");
        s.bind(1, alice.id);
        std::vector<core::Id> ids;
        while (s.step()) ids.push_back(s.int64(0));
        std::vector<core::MediaAttachment> m = ids.empty() ? std::vector<core::MediaAttachment>{}
                                                           : storage::find_status_media(c, ids.front());
        return std::make_pair(ids, m);
    });
    ASSERT_EQ(statuses.size(), 1u);
    ASSERT_EQ(works.size(), 1u);
    EXPECT_EQ(works[0].description, "A grey heron standing in reeds at dawn, ink and watercolour on paper");
    EXPECT_EQ(works[0].license, "https://creativecommons.org/licenses/by/4.0/");
    EXPECT_EQ(works[0].cloak, "low");
    for (const char* name : {"01-compose-refused", "02-compose", "03-post-page", "04-profile-grid", "05-edit",
                             "06-edited", "07-delete-confirm", "08-compose-phone", "09-post-phone"}) {
        EXPECT_TRUE(std::filesystem::exists(shots / (std::string(name) + ".png"))) << name;
    }
}

// The admin pages in a real browser (tests/browser/admin.mjs): approve a sign-up, add a domain policy, add a
// policy rule and see its decision in the log, resolve a report, change the node's title and see it on the front
// page. Screenshots: build/test-artifacts/browser/admin/NN-admin-*.png.
TEST(Browser, AdminPages) {
    if (auto why = browser_unavailable()) GTEST_SKIP() << *why;
    TempDir work;
    TestNode node;
    node.create_account("mod", true);
    core::Account alice = node.create_account("alice");
    core::Account carol = node.create_account("carol");
    activitypub::create_local_account(node.ctx(), {"dana", "dana@example.test", "correct horse battery", false, false,
                                                   "I paint herons and want to share them."});
    std::string alice_token = ApiSession(node).login("alice");
    core::Status post = node.insert_status(carol, "Prints for sale");
    core::Report report;
    report.id = node.ctx().ids.next();
    report.account_id = alice.id;
    report.target_account_id = carol.id;
    report.status_ids = {post.id};
    report.comment = "These are my prints, reposted without credit.";
    report.created_at = node.ctx().clock.now();
    node.db().write([&](storage::Connection& c) { storage::insert_report(c, report); });
    // A repost alert as the node files it (the instance actor reports), and an instance deliveries fail to, so the
    // pages show them.
    core::Report alert = report;
    alert.id = node.ctx().ids.next();
    alert.account_id = activitypub::ensure_instance_actor(node.ctx()).id;
    alert.comment = "Possible repost of @alice's work in a post by @carol (perceptual hash distance 6 of 256 bits).";
    node.db().write([&](storage::Connection& c) {
        storage::insert_report(c, alert);
        core::TimePoint now = node.ctx().clock.now();
        storage::record_instance_failure(c, "gone.example", now, now + std::chrono::minutes(30));
        storage::record_delivery_error(c, "gone.example", "connect: Connection refused", false);
        storage::record_delivery_error(c, "gone.example", "HTTP 410", true);
    });
    const std::filesystem::path shots = kShots / "admin";
    std::filesystem::remove_all(shots);
    std::filesystem::create_directories(shots);

    ScriptRun r = run_client_script({"/usr/bin/env", "node", (kBrowserDir / "admin.mjs").string()},
                                    {"GESSO_BASE=" + node.base(), "GESSO_LOGIN=mod@example.test",
                                     "GESSO_PASSWORD=correct horse battery", "GESSO_MEMBER_TOKEN=" + alice_token,
                                     "GESSO_REPORT_ID=" + std::to_string(report.id), "GESSO_SHOTS=" + shots.string(),
                                     "HOME=" + work.path().string(), "NO_COLOR=1"},
                                    {});
    std::string transcript = "exit " + std::to_string(r.exit_code) + " " + r.failure + "\n" + r.transcript;
    std::vector<std::string> expected = {"sign_in", "approve", "domain_policy", "policy_rule", "report", "node_title", "phone"};
    EXPECT_EQ(r.ok, expected) << transcript;
    EXPECT_EQ(r.exit_code, 0) << transcript;

    // The node holds what the browser did.
    auto dana = node.db().read([](storage::Connection& c) { return storage::find_local_user_by_login(c, "dana"); });
    ASSERT_TRUE(dana);
    EXPECT_TRUE(dana->user.approved);
    auto block = node.db().read([](storage::Connection& c) { return storage::find_domain_block(c, "spam.example"); });
    ASSERT_TRUE(block);
    EXPECT_EQ(block->severity, core::DomainSeverity::silence);
    EXPECT_TRUE(block->reject_media);
    EXPECT_FALSE(node.db().read([](storage::Connection& c) { return storage::find_domain_block(c, "https://spam.example/"); }));
    auto rules = node.db().read([](storage::Connection& c) { return storage::list_policy_rules(c, false); });
    ASSERT_EQ(rules.size(), 3u) << "the two rules the node ships with, then the new one";
    EXPECT_EQ(rules.back().match_value, "aiart");
    auto decisions = node.db().read([](storage::Connection& c) { return storage::recent_policy_decisions(c, 10); });
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].rule_id, rules.back().id);
    auto stored = node.db().read([&](storage::Connection& c) { return storage::find_report(c, report.id); });
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->action_taken_at);
    auto profile = activitypub::node_profile(node.ctx());
    EXPECT_EQ(profile.title, "Heron Studio");
    EXPECT_EQ(profile.registrations, activitypub::Registrations::approval);
    EXPECT_EQ(profile.rules, (std::vector<std::string>{"Credit the artist.", "No AI training."}));
    for (const char* name : {"20-admin-overview", "21-admin-accounts", "22-admin-approved", "23-admin-domain-error",
                             "24-admin-domains", "25-admin-policy", "26-admin-reports", "27-admin-report",
                             "28-admin-settings", "29-admin-front-page-title", "30-admin-accounts-phone"}) {
        EXPECT_TRUE(std::filesystem::exists(shots / (std::string(name) + ".png"))) << name;
    }
}

}  // namespace
}  // namespace gesso::test
