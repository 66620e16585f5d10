// `gesso serve` as a real process: first-run admin, serving HTTP on 127.0.0.1, graceful shutdown on SIGTERM
// and SIGINT with a clean database close, and no second admin on restart.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <csignal>

#include "activitypub/password.hpp"
#include "cli_fixture.hpp"
#include "support/http_client.hpp"

namespace gesso::test {
namespace {

class ServeProcess : public GessoCli {
protected:
    ServeProcess() : port(free_loopback_port()) { domain = "127.0.0.1:" + std::to_string(port); }

    std::unique_ptr<Child> start() {
        return std::make_unique<Child>(command({"--listen", "127.0.0.1:" + std::to_string(port), "serve"}));
    }

    // Every stdout line up to and including the "serving" line (bounded, in case the child dies early).
    static std::vector<std::string> lines_until_serving(Child& child) {
        std::vector<std::string> lines;
        for (int i = 0; i < 200; ++i) {
            lines.push_back(child.wait_for_line(""));
            if (lines.back().find("serving") != std::string::npos) break;
        }
        return lines;
    }

    static bool contains(const std::vector<std::string>& lines, const std::string& needle) {
        for (const auto& l : lines) {
            if (l.find(needle) != std::string::npos) return true;
        }
        return false;
    }

    // The WAL is gone or empty: the database was checkpointed and closed.
    void expect_clean_close() {
        auto wal = std::filesystem::path(db_path() + "-wal");
        std::error_code ec;
        if (std::filesystem::exists(wal)) {
            EXPECT_EQ(std::filesystem::file_size(wal, ec), 0u) << "WAL left behind";
        }
    }

    std::uint16_t port;
};

TEST_F(ServeProcess, FirstRunCreatesAnAdminServesAndStopsCleanlyOnSigterm) {
    auto child = start();
    std::string admin_line = child->wait_for_line("Created the admin account");
    ASSERT_FALSE(admin_line.empty()) << "no first-run admin line";
    std::string password = printed_password(admin_line);
    ASSERT_FALSE(password.empty()) << admin_line;
    std::string serving = child->wait_for_line("serving");
    ASSERT_FALSE(serving.empty()) << "the server never said it was serving";
    EXPECT_NE(serving.find("http://" + domain), std::string::npos) << serving;

    auto res = http_get(port, "/nodeinfo/2.1");
    EXPECT_EQ(res.status, 200) << res.body;
    rapidjson::Document doc;
    doc.Parse(res.body.c_str(), res.body.size());
    ASSERT_FALSE(doc.HasParseError()) << res.body;
    ASSERT_TRUE(doc.IsObject() && doc.HasMember("usage") && doc["usage"]["users"]["total"].IsInt64()) << res.body;
    EXPECT_EQ(doc["usage"]["users"]["total"].GetInt64(), 1);  // the admin

    // authorized_fetch is on by default: actors need a signed GET, the instance actor does not.
    auto actor = http_get(port, "/users/admin", "application/activity+json");
    EXPECT_EQ(actor.status, 401) << actor.body;
    auto instance_actor = http_get(port, "/actor", "application/activity+json");
    EXPECT_EQ(instance_actor.status, 200) << instance_actor.body;

    child->signal(SIGTERM);
    EXPECT_EQ(child->wait(), 0);
    expect_clean_close();
    EXPECT_THROW(http_get(port, "/nodeinfo/2.1"), std::exception) << "still listening after exit";

    auto stored = stored_user("admin");
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->user.admin);
    EXPECT_TRUE(activitypub::verify_password(password, stored->user.password_hash))
        << "the printed first-run password does not log in";
}

TEST_F(ServeProcess, SigintStopsCleanlyAndARestartMakesNoNewAdmin) {
    {
        auto first = start();
        auto lines = lines_until_serving(*first);
        ASSERT_TRUE(contains(lines, "serving"));
        ASSERT_TRUE(contains(lines, "Created the admin account"));
        first->signal(SIGINT);
        EXPECT_EQ(first->wait(), 0);
        expect_clean_close();
    }
    auto second = start();
    auto lines = lines_until_serving(*second);
    ASSERT_TRUE(contains(lines, "serving")) << ::testing::PrintToString(lines);
    EXPECT_FALSE(contains(lines, "Created the admin account")) << ::testing::PrintToString(lines);
    EXPECT_FALSE(contains(lines, "password")) << ::testing::PrintToString(lines);
    EXPECT_EQ(http_get(port, "/nodeinfo/2.1").status, 200);
    second->signal(SIGINT);
    EXPECT_EQ(second->wait(), 0);
    expect_clean_close();

    // Still exactly one admin with a login.
    auto list = gesso({"admin", "account", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_EQ(split_lines(list.out).size(), 2u) << list.out;
}

TEST_F(ServeProcess, AnAdminCreatedBeforehandSuppressesTheFirstRunAdmin) {
    ASSERT_EQ(gesso({"admin", "account", "create", "boss", "--email", "boss@example.test", "--admin"}).exit_code, 0);
    auto child = start();
    auto lines = lines_until_serving(*child);
    ASSERT_TRUE(contains(lines, "serving")) << ::testing::PrintToString(lines);
    EXPECT_FALSE(contains(lines, "Created the admin account"));
    child->signal(SIGTERM);
    EXPECT_EQ(child->wait(), 0);
    EXPECT_FALSE(stored_user("admin"));
}

TEST_F(ServeProcess, PortInUseIsAFailureNotAHang) {
    // Hold the port with a listening socket so the server cannot bind it.
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(listen(fd, 1), 0);
    auto r = gesso({"--listen", "127.0.0.1:" + std::to_string(port), "serve"});
    close(fd);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("gesso: "), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("serving"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace gesso::test
