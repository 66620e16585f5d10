// Client interop: real Mastodon client software (Debian's toot and python3-mastodon, npm masto 7 and
// megalodon 9, see tests/clients/README.md) drives a real node over HTTPS on loopback. Node a serves as
// https://127.0.0.1:PORT (the test certificate covers that address, and the clients trust the test CA through
// REQUESTS_CA_BUNDLE / NODE_EXTRA_CA_CERTS); node b is b.test, reached only by node a. Each client registers an
// app, logs in, verifies credentials, uploads an image and posts it, finds it in the home timeline, resolves
// and follows bob@b.test, sees bob follow back (a notification) and, where the library streams, receives its
// own next post as an update on the user stream. Every step asserts on the client's own parsed result (in the scripts); this
// test checks that every expected step reported ok and that the node holds what the client did.
// Each client is skipped (GTEST_SKIP) when it is not installed: scripts/install-deps.sh test (Debian) and
// tests/clients/install.sh (npm).
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>

#include "activitypub/outbox.hpp"
#include "media/encode.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "support/client_script.hpp"
#include "support/federation_pair.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace gesso::test {
namespace {

const std::filesystem::path kClientsDir = std::filesystem::path(GESSO_SOURCE_DIR) / "tests" / "clients";

std::optional<std::string> node_clients_unavailable(const std::string& package) {
    ProcessResult version = run_process({"/usr/bin/env", "node", "-p", "process.versions.node.split('.')[0]"});
    if (version.exit_code != 0) return "node is not on PATH";
    if (std::atoi(version.out.c_str()) < 20) return "node is older than 20";
    if (!std::filesystem::exists(kClientsDir / "node_modules" / package / "package.json")) {
        return package + " is not installed: run tests/clients/install.sh";
    }
    return std::nullopt;
}

std::optional<std::string> python_client_unavailable(const std::string& module) {
    ProcessResult probe = run_process({"/usr/bin/python3", "-c", "import " + module});
    if (probe.exit_code != 0) return "/usr/bin/python3 cannot import " + module + ": scripts/install-deps.sh test";
    return std::nullopt;
}

// A real PNG (96x64, a gradient with a disc), as an artist's upload would be.
std::string sketch_png() {
    cv::Mat image(64, 96, CV_8UC3);
    for (int y = 0; y < image.rows; ++y) {
        for (int x = 0; x < image.cols; ++x) {
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x * 2), static_cast<uchar>(y * 3), 160);
        }
    }
    cv::circle(image, {48, 32}, 20, cv::Scalar(30, 200, 240), cv::FILLED);
    return media::encode_image(image, media::ImageType::png, 90);
}

class Clients : public ::testing::Test {
protected:
    Clients() : pair("127.0.0.1") {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        image = work.path() / "sketch.png";
        std::ofstream(image, std::ios::binary) << sketch_png();
        std::filesystem::create_directories(work.path() / "home");
    }

    std::string remote_handle() { return "bob@" + pair.b().domain(); }

    ScriptRun run(std::vector<std::string> args) {
        std::string ca = pair.certificates().ca_file.string();
        std::vector<std::string> env = {
            "GESSO_BASE=" + pair.a().base(),
            "GESSO_LOGIN=alice@example.test",
            "GESSO_PASSWORD=correct horse battery",
            "GESSO_REMOTE=" + remote_handle(),
            "GESSO_IMAGE=" + image.string(),
            "REQUESTS_CA_BUNDLE=" + ca,
            "NODE_EXTRA_CA_CERTS=" + ca,
            "HOME=" + (work.path() / "home").string(),
            "XDG_CONFIG_HOME=" + (work.path() / "home" / ".config").string(),
            "PYTHONDONTWRITEBYTECODE=1",
            "NO_COLOR=1",
        };
        std::map<std::string, std::function<void()>> handlers = {
            // alice's Follow reaches b, bob accepts, the Accept comes back; then bob follows alice.
            {"followed",
             [this] {
                 pair.pump();
                 activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/alice");
                 pair.pump();
             }},
        };
        return run_client_script(args, env, handlers);
    }

    // What the client did is on the node: its post with the image, and the follow of bob, accepted.
    void expect_node_state(const std::string& text) {
        pair.a().db().read([&](storage::Connection& c) {
            auto stmt = c.prepare(
                "SELECT count(*) FROM statuses s JOIN media m ON m.status_id = s.id "
                "WHERE s.account_id = ? AND s.content LIKE ?");
            stmt.bind(1, alice.id);
            stmt.bind(2, "%" + text + "%");
            ASSERT_TRUE(stmt.step());
            EXPECT_EQ(stmt.int64(0), 1) << "one post with an attachment containing '" << text << "'";
            auto remote = storage::find_account_by_uri(c, pair.b().base() + "/users/bob");
            ASSERT_TRUE(remote.has_value()) << "bob is known on a";
            auto follow = storage::find_follow(c, alice.id, remote->id);
            ASSERT_TRUE(follow.has_value()) << "alice follows bob";
            EXPECT_TRUE(follow->accepted);
        });
    }

    static std::string describe(const ScriptRun& r) {
        std::string out = "exit " + std::to_string(r.exit_code);
        if (!r.failure.empty()) out += ", " + r.failure;
        return out + "\n--- transcript ---\n" + r.transcript;
    }

    TempDir work;
    FederationPair pair;
    core::Account alice, bob;
    std::filesystem::path image;
};

const std::vector<std::string> kRestSteps = {"app",           "token",  "verify_credentials", "upload",
                                             "post",          "home",   "search_remote",      "follow",
                                             "relationship", "notification"};

std::vector<std::string> with_streaming() {
    auto steps = kRestSteps;
    steps.push_back("streaming");
    return steps;
}

TEST_F(Clients, TootCli) {
    if (auto why = python_client_unavailable("toot")) GTEST_SKIP() << *why;
    if (!std::filesystem::exists("/usr/bin/toot")) GTEST_SKIP() << "/usr/bin/toot is missing";
    ScriptRun r = run({"/usr/bin/python3", (kClientsDir / "toot_cli.py").string()});
    ASSERT_EQ(r.ok, kRestSteps) << describe(r);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_node_state("Hello from toot");
}

TEST_F(Clients, MastodonPy) {
    if (auto why = python_client_unavailable("mastodon")) GTEST_SKIP() << *why;
    ScriptRun r = run({"/usr/bin/python3", (kClientsDir / "mastodon_py.py").string()});
    ASSERT_EQ(r.ok, with_streaming()) << describe(r);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_node_state("Hello from Mastodon.py");
}

TEST_F(Clients, Masto) {
    if (auto why = node_clients_unavailable("masto")) GTEST_SKIP() << *why;
    ScriptRun r = run({"/usr/bin/env", "node", (kClientsDir / "masto.mjs").string()});
    ASSERT_EQ(r.ok, with_streaming()) << describe(r);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_node_state("Hello from masto");
}

TEST_F(Clients, Megalodon) {
    if (auto why = node_clients_unavailable("megalodon")) GTEST_SKIP() << *why;
    ScriptRun r = run({"/usr/bin/env", "node", (kClientsDir / "megalodon.mjs").string()});
    ASSERT_EQ(r.ok, with_streaming()) << describe(r);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_node_state("Hello from megalodon");
}

}  // namespace
}  // namespace gesso::test
