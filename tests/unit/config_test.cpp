// server/config: the command line, GESSO_ environment and config file merged into one Config, its
// validation (one explained line per problem) and listen addresses.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "server/config.hpp"
#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"

namespace gesso::server {
namespace {

using core::Errc;

// Builds argv from words (argv[0] is the program name) and parses it.
Invocation parse(std::vector<std::string> args) {
    args.insert(args.begin(), "gesso");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    return parse_invocation(static_cast<int>(args.size()), argv.data());
}

// The core::Error code parse() throws, or nullopt when it parses.
std::optional<Errc> parse_error(std::vector<std::string> args) {
    return test::error_of([&] { parse(std::move(args)); });
}

// Every GESSO_ variable is removed for the test and restored afterwards, so the developer's or CI's
// environment cannot leak in; set_env() changes one for this test only.
class ConfigSources : public ::testing::Test {
protected:
    void SetUp() override {
        for (char** e = ::environ; *e; ++e) {
            std::string entry(*e);
            if (entry.rfind("GESSO_", 0) == 0) saved_.push_back(entry);
        }
        for (const auto& entry : saved_) unsetenv(entry.substr(0, entry.find('=')).c_str());
    }
    void TearDown() override {
        for (const auto& name : set_) unsetenv(name.c_str());
        for (const auto& entry : saved_) {
            auto eq = entry.find('=');
            setenv(entry.substr(0, eq).c_str(), entry.substr(eq + 1).c_str(), 1);
        }
    }
    void set_env(const std::string& name, const std::string& value) {
        setenv(name.c_str(), value.c_str(), 1);
        set_.push_back(name);
    }
    std::string write_config(const std::string& text, const std::string& name = "gesso.conf") {
        auto path = dir_.path() / name;
        std::ofstream(path) << text;
        return path.string();
    }
    test::TempDir dir_;

private:
    std::vector<std::string> saved_, set_;
};

TEST_F(ConfigSources, DefaultsWithoutAnyInput) {
    Invocation inv = parse({});
    EXPECT_EQ(inv.config.domain, "localhost:8080");
    EXPECT_EQ(inv.config.listen, "127.0.0.1:8080");
    EXPECT_EQ(inv.config.data_dir, "./data");
    EXPECT_FALSE(inv.config.insecure_http);
    EXPECT_EQ(inv.config.registrations, "closed");
    EXPECT_EQ(inv.config.threads, 2);
    EXPECT_EQ(inv.config.log_level, "info");
    EXPECT_TRUE(inv.config.resolve.empty());
    EXPECT_TRUE(inv.words.empty());
    EXPECT_FALSE(inv.admin);
    EXPECT_FALSE(inv.help);
}

TEST_F(ConfigSources, FlagsSetEveryKindOfValue) {
    Invocation inv = parse({"--domain", "art.example", "--listen", "0.0.0.0:9000", "--data_dir", "/srv/gesso",
                            "--insecure_http", "true", "--allow_private_addresses", "1", "--threads", "3",
                            "--workers", "9", "--max_connections", "77", "--shutdown_timeout", "0",
                            "--registrations", "open", "--log_level", "debug", "--title", "Art Club",
                            "--tls_cert", "c.pem", "--tls_key", "k.pem", "--extra_ca_file", "ca.pem"});
    const Config& c = inv.config;
    EXPECT_EQ(c.domain, "art.example");
    EXPECT_EQ(c.listen, "0.0.0.0:9000");
    EXPECT_EQ(c.data_dir, "/srv/gesso");
    EXPECT_TRUE(c.insecure_http);
    EXPECT_TRUE(c.allow_private_addresses);
    EXPECT_EQ(c.threads, 3);
    EXPECT_EQ(c.workers, 9);
    EXPECT_EQ(c.max_connections, 77);
    EXPECT_EQ(c.shutdown_timeout, 0);
    EXPECT_EQ(c.registrations, "open");
    EXPECT_EQ(c.log_level, "debug");
    EXPECT_EQ(c.title, "Art Club");
    EXPECT_EQ(c.tls_cert, "c.pem");
    EXPECT_EQ(c.tls_key, "k.pem");
    EXPECT_EQ(c.extra_ca_file, "ca.pem");
}

TEST_F(ConfigSources, EqualsSyntaxAndBooleanSpellings) {
    EXPECT_EQ(parse({"--domain=art.example"}).config.domain, "art.example");
    EXPECT_TRUE(parse({"--insecure_http", "yes"}).config.insecure_http);
    EXPECT_TRUE(parse({"--insecure_http", "on"}).config.insecure_http);
    EXPECT_FALSE(parse({"--insecure_http", "false"}).config.insecure_http);
    EXPECT_FALSE(parse({"--insecure_http", "0"}).config.insecure_http);
}

TEST_F(ConfigSources, WordsAndVerbFlagsAreCaptured) {
    Invocation inv = parse({"--domain", "art.example", "admin", "account", "create", "alice", "--email",
                            "alice@example.test", "--password", "hunter2hunter2", "--admin"});
    EXPECT_EQ(inv.words, (std::vector<std::string>{"admin", "account", "create", "alice"}));
    EXPECT_EQ(inv.email, "alice@example.test");
    EXPECT_EQ(inv.password, "hunter2hunter2");
    EXPECT_TRUE(inv.admin);
    EXPECT_EQ(inv.config.domain, "art.example");

    Invocation block = parse({"admin", "domain", "block", "spam.example", "--severity", "silence", "--reason",
                              "bulk spam, see #12"});
    EXPECT_EQ(block.words, (std::vector<std::string>{"admin", "domain", "block", "spam.example"}));
    EXPECT_EQ(block.severity, "silence");
    EXPECT_EQ(block.reason, "bulk spam, see #12");
    EXPECT_TRUE(parse({"--help"}).help);
    EXPECT_TRUE(parse({"-h"}).help);
}

TEST_F(ConfigSources, ResolveIsRepeatableInOrder) {
    Invocation inv = parse({"--resolve", "a.test=127.0.0.1:4001", "serve", "--resolve", "b.test:443=127.0.0.1:4002"});
    EXPECT_EQ(inv.config.resolve, (std::vector<std::string>{"a.test=127.0.0.1:4001", "b.test:443=127.0.0.1:4002"}));
    EXPECT_EQ(inv.words, std::vector<std::string>{"serve"});
}

TEST_F(ConfigSources, UnknownFlagIsABadRequest) {
    EXPECT_EQ(parse_error({"--frobnicate", "1"}), Errc::bad_request);
    EXPECT_EQ(parse_error({"--domian", "art.example"}), Errc::bad_request);
}

TEST_F(ConfigSources, WrongValueTypesAreBadRequests) {
    EXPECT_EQ(parse_error({"--threads", "many"}), Errc::bad_request);
    EXPECT_EQ(parse_error({"--threads", "3x"}), Errc::bad_request);
    EXPECT_EQ(parse_error({"--insecure_http", "maybe"}), Errc::bad_request);
    EXPECT_EQ(parse_error({"--domain"}), Errc::bad_request);  // missing value
    EXPECT_EQ(parse_error({"--domain", "a.example", "--domain", "b.example"}), Errc::bad_request);
}

TEST_F(ConfigSources, EnvironmentVariablesAreUpperCasedKeys) {
    set_env("GESSO_DOMAIN", "env.example");
    set_env("GESSO_LOG_LEVEL", "warn");
    set_env("GESSO_THREADS", "5");
    set_env("GESSO_INSECURE_HTTP", "true");
    Config c = parse({}).config;
    EXPECT_EQ(c.domain, "env.example");
    EXPECT_EQ(c.log_level, "warn");
    EXPECT_EQ(c.threads, 5);
    EXPECT_TRUE(c.insecure_http);
}

TEST_F(ConfigSources, UnrelatedAndUnknownVariablesAreIgnored) {
    set_env("GESSO_NOT_A_KEY", "x");
    set_env("GESSO_PASSWORD", "leaked");  // verb flags are not configuration
    set_env("DOMAIN", "plain.example");
    Invocation inv = parse({});
    EXPECT_EQ(inv.config.domain, "localhost:8080");
    EXPECT_EQ(inv.password, "");
}

TEST_F(ConfigSources, BadEnvironmentValueIsABadRequest) {
    set_env("GESSO_THREADS", "lots");
    EXPECT_EQ(parse_error({}), Errc::bad_request);
}

TEST_F(ConfigSources, ConfigFileKeysWithCommentsAndBlankLines) {
    std::string path = write_config(
        "# a node for the art club\n"
        "domain = file.example\n"
        "\n"
        "title = Art Club\n"
        "threads = 7\n"
        "insecure_http = true\n"
        "resolve = a.test=127.0.0.1:4001\n"
        "resolve = b.test=127.0.0.1:4002\n");
    Config c = parse({"--config", path}).config;
    EXPECT_EQ(c.config_file, path);
    EXPECT_EQ(c.domain, "file.example");
    EXPECT_EQ(c.title, "Art Club");
    EXPECT_EQ(c.threads, 7);
    EXPECT_TRUE(c.insecure_http);
    EXPECT_EQ(c.resolve, (std::vector<std::string>{"a.test=127.0.0.1:4001", "b.test=127.0.0.1:4002"}));
    EXPECT_EQ(c.listen, "127.0.0.1:8080");  // not in the file: default
}

TEST_F(ConfigSources, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
    std::string path = write_config(
        "domain = file.example\n"
        "title = From File\n"
        "threads = 7\n"
        "log_level = error\n");
    set_env("GESSO_DOMAIN", "env.example");
    set_env("GESSO_THREADS", "6");
    Config c = parse({"--config", path, "--domain", "flag.example"}).config;
    EXPECT_EQ(c.domain, "flag.example");  // flag over env and file
    EXPECT_EQ(c.threads, 6);              // env over file
    EXPECT_EQ(c.title, "From File");      // file over default
    EXPECT_EQ(c.log_level, "error");
    EXPECT_EQ(c.workers, 4);  // default
    EXPECT_EQ(parse({"--config", path}).config.domain, "env.example");
}

TEST_F(ConfigSources, UnknownKeyInFileIsABadRequest) {
    std::string path = write_config("domian = typo.example\n");
    EXPECT_EQ(parse_error({"--config", path}), Errc::bad_request);
}

TEST_F(ConfigSources, MissingConfigFileIsABadRequestNamingIt) {
    std::string path = (dir_.path() / "nope.conf").string();
    try {
        parse({"--config", path});
        FAIL() << "a missing config file was accepted";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::bad_request);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
}

TEST_F(ConfigSources, OversizedConfigFileIsRefused) {
    std::string path = write_config("# " + std::string(300 * 1024, 'x') + "\ndomain = big.example\n");
    EXPECT_EQ(parse_error({"--config", path}), Errc::bad_request);
}

TEST_F(ConfigSources, BadValueInFileIsABadRequest) {
    std::string path = write_config("threads = several\n");
    EXPECT_EQ(parse_error({"--config", path}), Errc::bad_request);
}

// --- validate ---

// Problems that mention `key` followed by ':' at the start of the line.
std::vector<std::string> problems_for(const std::vector<std::string>& problems, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& p : problems) {
        if (p.rfind(key + ":", 0) == 0) out.push_back(p);
    }
    return out;
}

// A config whose every value is fine; each test breaks one.
class ValidConfig : public ::testing::Test {
protected:
    Config config;
    test::TempDir dir;

    // Expects exactly one problem, naming `key`.
    void expect_only_problem(const std::string& key) {
        auto problems = validate(config);
        ASSERT_EQ(problems.size(), 1u) << ::testing::PrintToString(problems);
        EXPECT_EQ(problems_for(problems, key).size(), 1u) << problems[0];
    }
    std::string existing_file(const std::string& name) {
        auto path = dir.path() / name;
        std::ofstream(path) << "-----BEGIN CERTIFICATE-----\n";
        return path.string();
    }
};

TEST_F(ValidConfig, DefaultsAreValid) { EXPECT_EQ(validate(config), std::vector<std::string>{}); }

TEST_F(ValidConfig, GoodDomainsAndListens) {
    for (const char* domain : {"art.example", "art.example:8443", "127.0.0.1:8080", "localhost", "[::1]:8080",
                               "[::1]", "xn--caf-dma.example", "a-b.example"}) {
        config.domain = domain;
        EXPECT_EQ(validate(config), std::vector<std::string>{}) << domain;
    }
    for (const char* listen : {"0.0.0.0:80", "[::]:8080", "[::1]:0", "localhost:8080"}) {
        config.listen = listen;
        EXPECT_EQ(validate(config), std::vector<std::string>{}) << listen;
    }
}

TEST_F(ValidConfig, DomainWithSchemeOrPath) {
    config.domain = "https://art.example";
    expect_only_problem("domain");
    config.domain = "art.example/gesso";
    expect_only_problem("domain");
    config.domain = "art example";
    expect_only_problem("domain");
    config.domain = "";
    expect_only_problem("domain");
    config.domain = ".art.example";
    expect_only_problem("domain");
    config.domain = "alice@art.example";
    expect_only_problem("domain");
}

TEST_F(ValidConfig, DomainPortOutOfRange) {
    config.domain = "art.example:0";
    expect_only_problem("domain");
    config.domain = "art.example:70000";
    expect_only_problem("domain");
    config.domain = "art.example:";
    expect_only_problem("domain");
    config.domain = "art.example:http";
    expect_only_problem("domain");
}

TEST_F(ValidConfig, BadListen) {
    for (const char* listen : {"127.0.0.1", "127.0.0.1:70000", "art.example:80", "127.0.0.1:port", ":8080", ""}) {
        config.listen = listen;
        expect_only_problem("listen");
    }
}

TEST_F(ValidConfig, RegistrationsMustBeOneOfThree) {
    config.registrations = "maybe";
    expect_only_problem("registrations");
    config.registrations = "Open";
    expect_only_problem("registrations");
    for (const char* ok : {"open", "approval", "closed"}) {
        config.registrations = ok;
        EXPECT_EQ(validate(config), std::vector<std::string>{});
    }
}

TEST_F(ValidConfig, ThreadAndWorkerCounts) {
    config.threads = 0;
    expect_only_problem("threads");
    config.threads = 65;
    expect_only_problem("threads");
    config.threads = 64;
    config.workers = 0;
    expect_only_problem("workers");
    config.workers = 256;
    config.max_connections = 0;
    expect_only_problem("max_connections");
    config.max_connections = 1;
    config.shutdown_timeout = -1;
    expect_only_problem("shutdown_timeout");
    config.shutdown_timeout = 0;
    EXPECT_EQ(validate(config), std::vector<std::string>{});
}

TEST_F(ValidConfig, MediaCacheAndFullEdgeRanges) {
    config.media_cache_mb = 0;
    expect_only_problem("media_cache_mb");
    config.media_cache_mb = 1;
    config.media_full_long_edge = 319;
    expect_only_problem("media_full_long_edge");
    config.media_full_long_edge = 8193;
    expect_only_problem("media_full_long_edge");
    config.media_full_long_edge = 8192;
    EXPECT_EQ(validate(config), std::vector<std::string>{});
}

TEST_F(ValidConfig, TlsCertWithoutKeyAndViceVersa) {
    config.tls_cert = existing_file("cert.pem");
    expect_only_problem("tls_cert/tls_key");
    config.tls_cert.clear();
    config.tls_key = existing_file("key.pem");
    expect_only_problem("tls_cert/tls_key");
    config.tls_cert = existing_file("cert.pem");
    EXPECT_EQ(validate(config), std::vector<std::string>{});
}

TEST_F(ValidConfig, UnreadableTlsFiles) {
    config.tls_cert = (dir.path() / "missing-cert.pem").string();
    config.tls_key = existing_file("key.pem");
    expect_only_problem("tls_cert");
    EXPECT_NE(validate(config)[0].find("missing-cert.pem"), std::string::npos);
}

TEST_F(ValidConfig, DirectoriesAreNotReadableFiles) {
    config.extra_ca_file = dir.path().string();
    expect_only_problem("extra_ca_file");
    config.extra_ca_file.clear();
    config.tls_cert = dir.path().string();
    config.tls_key = existing_file("key.pem");
    expect_only_problem("tls_cert");
}

TEST_F(ValidConfig, UnreadableExtraCaFile) {
    config.extra_ca_file = (dir.path() / "no-such-ca.pem").string();
    expect_only_problem("extra_ca_file");
    EXPECT_NE(validate(config)[0].find("no-such-ca.pem"), std::string::npos);
    config.extra_ca_file = existing_file("ca.pem");
    EXPECT_EQ(validate(config), std::vector<std::string>{});
}

TEST_F(ValidConfig, ResolveRules) {
    config.resolve = {"a.test=127.0.0.1:4001", "b.test:443=127.0.0.1:4002", "[::1]:1=[::1]:2"};
    EXPECT_EQ(validate(config), std::vector<std::string>{});
    for (const char* bad : {"a.test", "a.test=", "a.test=127.0.0.1", "=127.0.0.1:1", "a.test=b.test:80",
                            "https://a.test=127.0.0.1:1"}) {
        config.resolve = {bad};
        expect_only_problem("resolve");
    }
    // One problem per bad rule, good rules add none.
    config.resolve = {"a.test", "ok.test=127.0.0.1:1", "b.test=x"};
    EXPECT_EQ(problems_for(validate(config), "resolve").size(), 2u);
}

TEST_F(ValidConfig, LogLevelAndTitle) {
    config.log_level = "verbose";
    expect_only_problem("log_level");
    config.log_level = "warn";
    config.title = "";
    expect_only_problem("title");
    config.title = std::string(201, 't');
    expect_only_problem("title");
    config.title = std::string(200, 't');
    EXPECT_EQ(validate(config), std::vector<std::string>{});
}

TEST_F(ValidConfig, EmptyDataDir) {
    config.data_dir = "";
    expect_only_problem("data_dir");
}

TEST_F(ValidConfig, EveryProblemIsReportedAtOnce) {
    config.domain = "https://art.example";
    config.listen = "nowhere";
    config.registrations = "maybe";
    config.threads = 0;
    config.log_level = "loud";
    config.extra_ca_file = (dir.path() / "none.pem").string();
    auto problems = validate(config);
    EXPECT_EQ(problems.size(), 6u) << ::testing::PrintToString(problems);
    for (const char* key : {"domain", "listen", "registrations", "threads", "log_level", "extra_ca_file"}) {
        EXPECT_EQ(problems_for(problems, key).size(), 1u) << key << " in " << ::testing::PrintToString(problems);
    }
    for (const auto& p : problems) EXPECT_EQ(p.find('\n'), std::string::npos) << "not one line: " << p;
}

// --- parse_listen ---

TEST(ListenAddress, Ipv4) {
    ListenAddress a = parse_listen("192.0.2.7:8080");
    EXPECT_EQ(a.address, "192.0.2.7");
    EXPECT_EQ(a.port, 8080);
}

TEST(ListenAddress, BracketedIpv6LosesItsBrackets) {
    ListenAddress a = parse_listen("[::1]:8080");
    EXPECT_EQ(a.address, "::1");
    EXPECT_EQ(a.port, 8080);
    EXPECT_EQ(parse_listen("[2001:db8::5]:443").address, "2001:db8::5");
}

TEST(ListenAddress, LocalhostMeansIpv4Loopback) {
    ListenAddress a = parse_listen("localhost:3000");
    EXPECT_EQ(a.address, "127.0.0.1");
    EXPECT_EQ(a.port, 3000);
}

TEST(ListenAddress, PortZeroAndTheMaximum) {
    EXPECT_EQ(parse_listen("127.0.0.1:0").port, 0);  // the kernel picks one
    EXPECT_EQ(parse_listen("127.0.0.1:65535").port, 65535);
}

TEST(ListenAddress, ErrorsAreBadRequestsNamingListen) {
    for (const char* bad : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:+80",
                            "127.0.0.1:80x", "art.example:80", "[::1]", "[::1", "256.0.0.1:80", ":80", ""}) {
        try {
            parse_listen(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const core::Error& e) {
            EXPECT_EQ(e.code(), Errc::bad_request) << bad;
            EXPECT_EQ(std::string(e.what()).rfind("listen:", 0), 0u) << e.what();
        }
    }
}

}  // namespace
}  // namespace gesso::server
