#pragma once
// Configuration: defaults < config file (--config, INI-style "key = value") < environment (GESSO_<KEY>)
// < command-line flags (--key value). docs/admin/configuration.md documents every key.
#include <string>
#include <vector>

namespace gesso::server {

struct Config {
    std::string config_file;
    std::string domain = "localhost:8080";
    std::string listen = "127.0.0.1:8080";
    std::string data_dir = "./data";
    bool insecure_http = false;
    bool allow_private_addresses = false;
    std::string extra_ca_file;
    std::vector<std::string> resolve;
    std::string tls_cert;
    std::string tls_key;
    std::string registrations = "closed";
    bool authorized_fetch = true;
    std::string federation_mode = "open";
    int threads = 2;
    int workers = 4;
    int federation_workers = 2;
    int max_connections = 1024;
    int shutdown_timeout = 10;
    std::string log_level = "info";
    std::string title = "Gesso";
    // Media store root; empty: data_dir/media. Originals there are never served.
    std::string media_dir;
    // Size bound of the remote-attachment cache, in MiB (least recently used evicted first).
    long media_cache_mb = 1024;
    // Long edge of the served "full" derivative, in pixels.
    int media_full_long_edge = 2048;
    // API rate limits (requests per window; windows fixed in core/limits.hpp).
    bool rate_limits = true;
    int rate_limit_per_token = 300;
    int rate_limit_per_ip = 7500;
    int rate_limit_media = 30;
    int rate_limit_statuses = 300;
    int rate_limit_sign_in = 25;
    // The no-AI web surface (docs/admin/no-ai.md). Agent lists: repeatable, or comma-separated.
    bool block_ai_crawlers = true;
    std::vector<std::string> ai_crawler_allow;
    std::vector<std::string> robots_disallow;
    std::vector<std::string> robots_allow;
    bool noarchive = false;
    bool require_alt_text = false;  // web/pages: the compose page refuses works without alt text
    bool public_gallery = true;  // web/pages: /public, the front page's works and /tags/:tag
};

// An agent-list key's values, split on commas and trimmed, empties dropped.
std::vector<std::string> agent_list(const std::vector<std::string>& values);

// What the command line asked for: the configuration, and the verb words with their own flags.
struct Invocation {
    Config config;
    std::vector<std::string> words;  // e.g. {"admin", "account", "create", "alice"}
    // Verb flags (not configuration keys).
    std::string email, password, reason, severity;
    std::string label, scope;  // policy rules
    int position = 0;
    bool admin = false;
    bool reject_media = false;
    bool help = false;
};

// Parses argv, the environment and the config file. Throws core::Error(bad_request) with a one-line reason
// for unknown flags, unreadable files and values of the wrong type.
Invocation parse_invocation(int argc, const char* const* argv);

// Every problem with `config`, one explained line each ("domain: ..."); empty when valid.
std::vector<std::string> validate(const Config& config);

struct ListenAddress {
    std::string address;
    unsigned short port = 0;
};
// Splits "address:port" ("[v6]:port" for IPv6; "localhost" means 127.0.0.1). Throws core::Error(bad_request).
ListenAddress parse_listen(const std::string& listen);

// The options text for --help.
std::string usage();

}  // namespace gesso::server
