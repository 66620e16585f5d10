// Browser tier: Debian's headless Chromium, driven by npm playwright-core (tests/browser/signed_in.mjs), goes
// through the signed-in pages of a real node on loopback over plain HTTP (the development setup, where the
// session cookie is not Secure): sign in, a protection change seen in the profile's served headers and meta
// tags, an avatar upload, the OAuth consent with a session, a CSRF refusal, sign out, sign up on a phone-sized
// window. The script asserts on what the browser sees; this test checks that every step passed and that the
// node holds what the browser did. Screenshots of every page: build/test-artifacts/browser/*.png.
// Skipped (GTEST_SKIP) without /usr/bin/chromium, node >= 20 or tests/browser/node_modules
// (tests/browser/install.sh).
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>

#include "activitypub/protection.hpp"
#include "media/encode.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "storage/web_sessions.hpp"
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
    std::filesystem::remove_all(kShots);
    std::filesystem::create_directories(kShots);

    ScriptRun r = run_client_script({"/usr/bin/env", "node", (kBrowserDir / "signed_in.mjs").string()},
                                    {"GESSO_BASE=" + node.base(), "GESSO_LOGIN=alice@example.test",
                                     "GESSO_PASSWORD=correct horse battery", "GESSO_IMAGE=" + image.string(),
                                     "GESSO_SHOTS=" + kShots.string(), "HOME=" + work.path().string(), "NO_COLOR=1"},
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
        EXPECT_TRUE(std::filesystem::exists(kShots / (std::string(name) + ".png"))) << name;
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

}  // namespace
}  // namespace gesso::test
