#pragma once
// Shared fixture for the CLI tier: the real gesso binary run as a child process against its own data
// directory, with a 127.0.0.1 domain and insecure_http (no TLS in these tests).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/accounts.hpp"
#include "storage/database.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"

namespace gesso::test {

inline std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

inline std::vector<std::string> split_words(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

// The value after "password: " on a line of `out`, or "" if there is none.
inline std::string printed_password(const std::string& out, const std::string& marker = "password: ") {
    for (const auto& line : split_lines(out)) {
        auto at = line.find(marker);
        if (at != std::string::npos) return line.substr(at + marker.size());
    }
    return {};
}

// A TCP port on 127.0.0.1 that was free a moment ago: bind to port 0, read the port, close.
inline std::uint16_t free_loopback_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        close(fd);
        throw std::runtime_error("bind failed");
    }
    close(fd);
    return ntohs(addr.sin_port);
}

class GessoCli : public ::testing::Test {
protected:
    TempDir dir;
    // A subdirectory that does not exist yet: gesso creates it.
    std::string data_dir = (dir.path() / "data").string();
    std::string domain = "127.0.0.1:18080";

    // gesso --data_dir D --domain 127.0.0.1:P --insecure_http true ARGS...
    std::vector<std::string> command(const std::vector<std::string>& args) const {
        std::vector<std::string> full = {GESSO_BINARY, "--data_dir", data_dir, "--domain", domain, "--insecure_http",
                                         "true"};
        full.insert(full.end(), args.begin(), args.end());
        return full;
    }
    ProcessResult gesso(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) const {
        return run_process(command(args), env);
    }

    // Creates the database (and its schema) so that later commands print nothing but their own output.
    void initialise() {
        auto r = gesso({"migrate"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    std::string db_path() const { return data_dir + "/gesso.db"; }

    struct StoredUser {
        core::Account account;
        core::User user;
    };
    // Reads a local account and its login straight from the database file (after the process exited).
    std::optional<StoredUser> stored_user(const std::string& username) const {
        storage::Database db(db_path());
        auto account = db.read([&](storage::Connection& c) { return storage::find_local_account(c, username); });
        if (!account) return std::nullopt;
        auto user = db.read([&](storage::Connection& c) { return storage::find_user_by_account(c, account->id); });
        if (!user) return std::nullopt;
        return StoredUser{*account, *user};
    }
};

// A failed command: non-zero exit and exactly one stderr line, "gesso: <reason>".
#define EXPECT_ONE_LINE_FAILURE(result)                                                          \
    do {                                                                                          \
        const auto& r_ = (result);                                                                \
        EXPECT_NE(r_.exit_code, 0) << r_.out;                                                     \
        EXPECT_EQ(r_.err.rfind("gesso: ", 0), 0u) << r_.err;                                      \
        EXPECT_EQ(std::count(r_.err.begin(), r_.err.end(), '\n'), 1) << r_.err;                   \
    } while (false)

}  // namespace gesso::test
