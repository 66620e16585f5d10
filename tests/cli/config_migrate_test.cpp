// `gesso config check` (and where configuration comes from), `gesso migrate`, and refusal of a database
// written by a newer release.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "cli_fixture.hpp"
#include "storage/migrations.hpp"

namespace gesso::test {
namespace {

class ConfigCheck : public GessoCli {
protected:
    std::string write_config(const std::string& text) {
        auto path = dir.path() / "gesso.conf";
        std::ofstream(path) << text;
        return path.string();
    }
    // `gesso ARGS... config check` without the fixture's defaults.
    ProcessResult bare(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
        args.insert(args.begin(), GESSO_BINARY);
        args.push_back("config");
        args.push_back("check");
        return run_process(args, env);
    }
    // stderr lines that start with "gesso: config: KEY:".
    static int lines_naming(const std::string& err, const std::string& key) {
        int n = 0;
        for (const auto& line : split_lines(err)) {
            if (line.rfind("gesso: config: " + key + ":", 0) == 0) ++n;
        }
        return n;
    }
};

TEST_F(ConfigCheck, ValidConfigurationIsOk) {
    auto r = gesso({"config", "check"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("configuration ok", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("http://127.0.0.1:18080"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(data_dir), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("insecure_http"), std::string::npos) << "the insecure_http warning is missing: " << r.out;
    EXPECT_EQ(r.err, "");
}

TEST_F(ConfigCheck, DoesNotTouchTheDataDirectory) {
    ASSERT_EQ(gesso({"config", "check"}).exit_code, 0);
    EXPECT_FALSE(std::filesystem::exists(data_dir));
}

TEST_F(ConfigCheck, DefaultsAreValidAndHttps) {
    auto r = bare({});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("https://localhost:8080"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
}

TEST_F(ConfigCheck, EveryBadValueGetsItsOwnLineNamingTheKey) {
    auto r = gesso({"--listen", "nowhere", "--registrations", "maybe", "--threads", "0", "--log_level", "loud",
                    "--tls_cert", (dir.path() / "cert.pem").string(), "config", "check"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    for (const char* key : {"listen", "registrations", "threads", "log_level", "tls_cert/tls_key", "tls_cert"}) {
        EXPECT_EQ(lines_naming(r.err, key), 1) << key << " in:\n" << r.err;
    }
    EXPECT_EQ(split_lines(r.err).size(), 6u) << r.err;
}

TEST_F(ConfigCheck, BadDomainIsNamed) {
    auto r = bare({"--domain", "https://art.example/", "--data_dir", data_dir});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(lines_naming(r.err, "domain"), 1) << r.err;
    EXPECT_EQ(split_lines(r.err).size(), 1u) << r.err;
}

TEST_F(ConfigCheck, ValuesFromAConfigFileAreUsedAndChecked) {
    std::string good = write_config("domain = file.example:9000\nlisten = 127.0.0.1:9001\ninsecure_http = true\n");
    auto ok = bare({"--config", good, "--data_dir", data_dir});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("http://file.example:9000"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("listening on 127.0.0.1:9001"), std::string::npos) << ok.out;

    std::string bad = write_config("threads = 0\nregistrations = sometimes\n");
    auto r = bare({"--config", bad});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(lines_naming(r.err, "threads"), 1) << r.err;
    EXPECT_EQ(lines_naming(r.err, "registrations"), 1) << r.err;
}

TEST_F(ConfigCheck, ValuesFromTheEnvironmentAreUsedAndChecked) {
    auto ok = bare({}, {"GESSO_DOMAIN=env.example", "GESSO_LISTEN=127.0.0.1:9002", "GESSO_DATA_DIR=/srv/envdata"});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("https://env.example"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("listening on 127.0.0.1:9002"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("/srv/envdata"), std::string::npos) << ok.out;

    auto r = bare({}, {"GESSO_WORKERS=0", "GESSO_LOG_LEVEL=chatty"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(lines_naming(r.err, "workers"), 1) << r.err;
    EXPECT_EQ(lines_naming(r.err, "log_level"), 1) << r.err;
}

TEST_F(ConfigCheck, FlagBeatsEnvironmentBeatsFile) {
    std::string file = write_config("domain = file.example\ntitle = From File\n");
    const std::vector<std::string> env = {"GESSO_DOMAIN=env.example"};
    auto all_three = bare({"--config", file, "--domain", "flag.example"}, env);
    EXPECT_NE(all_three.out.find("//flag.example,"), std::string::npos) << all_three.out;
    auto env_and_file = bare({"--config", file}, env);
    EXPECT_NE(env_and_file.out.find("//env.example,"), std::string::npos) << env_and_file.out;
    auto file_only = bare({"--config", file});
    EXPECT_NE(file_only.out.find("//file.example,"), std::string::npos) << file_only.out;
}

TEST_F(ConfigCheck, UnreadableConfigFileAndUnknownFlagsAreOneLineErrors) {
    auto missing = bare({"--config", (dir.path() / "missing.conf").string()});
    EXPECT_ONE_LINE_FAILURE(missing);
    EXPECT_NE(missing.err.find("missing.conf"), std::string::npos) << missing.err;
    EXPECT_ONE_LINE_FAILURE(bare({"--no-such-flag", "1"}));
    EXPECT_ONE_LINE_FAILURE(bare({"--config", write_config("no_such_key = 1\n")}));
}

TEST_F(ConfigCheck, InvalidConfigurationStopsOtherVerbsBeforeTouchingData) {
    auto r = gesso({"--threads", "0", "admin", "account", "list"});
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("threads"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(data_dir));
    auto s = gesso({"--registrations", "maybe", "serve"});
    EXPECT_ONE_LINE_FAILURE(s);
    EXPECT_FALSE(std::filesystem::exists(data_dir));
}

// --- migrate ---

class Migrate : public GessoCli {
protected:
    // Sets PRAGMA user_version with SQLite directly, as a newer release would have left it.
    void set_user_version(int version) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
        std::string sql = "PRAGMA user_version = " + std::to_string(version);
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    int user_version() {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return -1;
        sqlite3_stmt* stmt = nullptr;
        int version = -1;
        if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW) {
            version = sqlite3_column_int(stmt, 0);
        }
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        return version;
    }
};

TEST_F(Migrate, FreshDirectoryGetsDatabaseAndMediaDirectory) {
    ASSERT_FALSE(std::filesystem::exists(data_dir));
    auto r = gesso({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_regular_file(db_path()));
    EXPECT_TRUE(std::filesystem::is_directory(data_dir + "/media"));
    EXPECT_EQ(user_version(), storage::latest_schema_version());
    const std::string latest = std::to_string(storage::latest_schema_version());
    EXPECT_NE(r.out.find("version " + latest), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("(" + latest + " migrations applied)"), std::string::npos) << r.out;
}

TEST_F(Migrate, SecondRunAppliesNothing) {
    ASSERT_EQ(gesso({"migrate"}).exit_code, 0);
    auto r = gesso({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("(0 migrations applied)"), std::string::npos) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST_F(Migrate, LeavesNoWalBehind) {
    ASSERT_EQ(gesso({"migrate"}).exit_code, 0);
    auto wal = std::filesystem::path(db_path() + "-wal");
    std::error_code ec;
    EXPECT_TRUE(!std::filesystem::exists(wal) || std::filesystem::file_size(wal, ec) == 0);
}

TEST_F(Migrate, NewerSchemaIsRefusedByEveryVerbThatOpensTheDatabase) {
    ASSERT_EQ(gesso({"migrate"}).exit_code, 0);
    set_user_version(1000);
    auto m = gesso({"migrate"});
    EXPECT_NE(m.exit_code, 0);
    EXPECT_NE(m.err.find("newer"), std::string::npos) << m.err;
    auto list = gesso({"admin", "account", "list"});
    EXPECT_NE(list.exit_code, 0);
    EXPECT_NE(list.err.find("newer"), std::string::npos) << list.err;
    EXPECT_EQ(list.out, "");
    auto create = gesso({"admin", "account", "create", "alice", "--email", "alice@example.test"});
    EXPECT_NE(create.exit_code, 0);
    EXPECT_NE(create.err.find("newer"), std::string::npos) << create.err;
    // Refusing changed nothing: the version a newer release wrote is still there.
    EXPECT_EQ(user_version(), 1000);
}

TEST_F(Migrate, UnwritableDataDirectoryIsAOneLineError) {
    // A regular file where the data directory should be.
    std::ofstream(data_dir) << "not a directory";
    auto r = gesso({"migrate"});
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find(data_dir), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gesso::test
