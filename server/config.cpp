#include "server/config.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace gesso::server {

namespace po = boost::program_options;
using core::Errc;
using core::Error;

namespace {

// The configuration keys: the same names in the file, as --flags and (upper-cased) as GESSO_ variables.
po::options_description config_options(Config& c) {
    po::options_description d("Configuration (file key, --flag, or GESSO_<KEY>)");
    d.add_options()
        ("domain", po::value(&c.domain), "host or host:port that appears in every id")
        ("listen", po::value(&c.listen), "address:port to listen on")
        ("data_dir", po::value(&c.data_dir), "directory for the database, media and keys")
        ("insecure_http", po::value(&c.insecure_http), "ids and fetches use http (dev/tests)")
        ("allow_private_addresses", po::value(&c.allow_private_addresses),
         "let outgoing fetches reach private addresses (tests only)")
        ("extra_ca_file", po::value(&c.extra_ca_file), "extra CA (PEM) trusted for outgoing TLS")
        ("resolve", po::value(&c.resolve)->composing(), "host[:port]=127.0.0.1:port override (tests; repeatable)")
        ("tls_cert", po::value(&c.tls_cert), "certificate chain (PEM) to serve HTTPS directly")
        ("tls_key", po::value(&c.tls_key), "private key (PEM) for tls_cert")
        ("registrations", po::value(&c.registrations), "open | approval | closed")
        ("authorized_fetch", po::value(&c.authorized_fetch),
         "require HTTP signatures on GETs of actors, posts and collections (default true)")
        ("federation_mode", po::value(&c.federation_mode),
         "open | allowlist (federate only with domains added by admin domain allow)")
        ("threads", po::value(&c.threads), "I/O threads")
        ("workers", po::value(&c.workers), "request worker threads (database, signing)")
        ("federation_workers", po::value(&c.federation_workers), "threads delivering and applying activities")
        ("max_connections", po::value(&c.max_connections), "simultaneous connections before 503")
        ("shutdown_timeout", po::value(&c.shutdown_timeout), "seconds to finish requests on SIGTERM")
        ("log_level", po::value(&c.log_level), "debug | info | warn | error")
        ("title", po::value(&c.title), "the node's name")
        ("media_dir", po::value(&c.media_dir), "media store directory (default DATA_DIR/media); originals stay private")
        ("media_cache_mb", po::value(&c.media_cache_mb), "size bound of the remote media cache in MiB (default 1024)")
        ("media_full_long_edge", po::value(&c.media_full_long_edge),
         "long edge in pixels of served full-size images (default 2048)")
        ("rate_limits", po::value(&c.rate_limits), "enforce API rate limits (default true)")
        ("rate_limit_per_token", po::value(&c.rate_limit_per_token), "API requests per 5 minutes per access token")
        ("rate_limit_per_ip", po::value(&c.rate_limit_per_ip), "API requests per 5 minutes per client address")
        ("rate_limit_media", po::value(&c.rate_limit_media), "uploads per 30 minutes per access token")
        ("rate_limit_statuses", po::value(&c.rate_limit_statuses), "posts and edits per 3 hours per access token")
        ("rate_limit_sign_in", po::value(&c.rate_limit_sign_in), "token requests and logins per 5 minutes per address")
        ("block_ai_crawlers", po::value(&c.block_ai_crawlers),
         "answer 403 to the AI crawlers of robots.txt on pages, media and the client API (default true)")
        ("ai_crawler_allow", po::value(&c.ai_crawler_allow)->composing(),
         "AI crawler never answered 403 (repeatable or comma-separated; robots.txt still disallows it)")
        ("robots_disallow", po::value(&c.robots_disallow)->composing(),
         "agent disallowed in robots.txt and refused, besides the vendored list (repeatable or comma-separated)")
        ("robots_allow", po::value(&c.robots_allow)->composing(),
         "agent of the vendored list to leave out of robots.txt and the 403s (repeatable or comma-separated)")
        ("noarchive", po::value(&c.noarchive), "add noarchive to X-Robots-Tag wherever noai is sent")
        ("public_gallery", po::value(&c.public_gallery),
         "show the local timeline as a public gallery (/public, the front page) and tag pages (/tags/:tag)")
        ("require_alt_text", po::value(&c.require_alt_text),
         "the compose and edit pages refuse works without alt text (default false)");
    return d;
}

po::options_description verb_options(Invocation& inv) {
    po::options_description d("Verb options");
    d.add_options()
        ("config", po::value(&inv.config.config_file), "configuration file")
        ("email", po::value(&inv.email), "e-mail of a new account")
        ("password", po::value(&inv.password), "password (generated when omitted)")
        ("admin", po::bool_switch(&inv.admin), "make the new account an admin")
        ("reason", po::value(&inv.reason), "reason for a domain block")
        ("severity", po::value(&inv.severity), "none | silence | suspend (domain block; default suspend)")
        ("reject-media", po::bool_switch(&inv.reject_media), "domain block: drop the domain's attachments")
        ("label", po::value(&inv.label), "policy rule: the content warning (label) or refusal message (reject)")
        ("scope", po::value(&inv.scope), "policy rule: all | local | remote (default all)")
        ("position", po::value(&inv.position), "policy rule: evaluation position (default: after the last)")
        ("help,h", po::bool_switch(&inv.help), "show this help")
        ("words", po::value<std::vector<std::string>>(), "verb words");
    return d;
}

bool valid_port(std::string_view text, unsigned short& port) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value > 65535) return false;
    port = static_cast<unsigned short>(value);
    return true;
}

bool valid_hostname(std::string_view host) {
    if (host.empty() || host.size() > core::limits::kMaxDomainLength) return false;
    if (host.front() == '[' && host.back() == ']') {
        boost::system::error_code ec;
        boost::asio::ip::make_address_v6(std::string(host.substr(1, host.size() - 2)), ec);
        return !ec;
    }
    for (char c : host) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return false;
    }
    return host.front() != '.' && host.back() != '.' && host.front() != '-';
}

// "host" or "host:port"; false with a reason otherwise.
bool valid_authority(std::string_view authority, std::string& why) {
    std::string_view host = authority;
    auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        unsigned short port = 0;
        if (!valid_port(authority.substr(colon + 1), port) || port == 0) {
            why = "the port after ':' must be a number from 1 to 65535";
            return false;
        }
        host = authority.substr(0, colon);
    }
    if (!valid_hostname(host)) {
        why = "must be a host name or host:port without scheme or path (e.g. art.example or 127.0.0.1:8080)";
        return false;
    }
    return true;
}

bool readable_file(const std::string& path) {
    // An ifstream opens a directory without complaint on Linux; only reading it fails, much later.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return false;
    std::ifstream in(path);
    return in.good();
}

void check_range(std::vector<std::string>& problems, const char* key, long value, long lo, long hi) {
    if (value < lo || value > hi) {
        problems.push_back(std::string(key) + ": " + std::to_string(value) + " is out of range (" +
                           std::to_string(lo) + " to " + std::to_string(hi) + ")");
    }
}

}  // namespace

Invocation parse_invocation(int argc, const char* const* argv) {
    Invocation inv;
    Config& c = inv.config;
    po::options_description config_desc = config_options(c);
    po::options_description all;
    all.add(config_desc).add(verb_options(inv));
    po::positional_options_description positional;
    positional.add("words", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::store(po::parse_environment(config_desc,
                                        [&](const std::string& env) -> std::string {
                                            if (env.rfind("GESSO_", 0) != 0) return {};
                                            std::string key = env.substr(6);
                                            for (char& ch : key) ch = static_cast<char>(std::tolower(ch));
                                            return config_desc.find_nothrow(key, false) ? key : std::string();
                                        }),
                  vm);
        std::string file;
        if (vm.count("config")) file = vm["config"].as<std::string>();
        if (!file.empty()) {
            std::error_code size_ec;
            auto size = std::filesystem::file_size(file, size_ec);
            if (size_ec) throw Error(Errc::bad_request, "cannot read config file " + file + ": " + size_ec.message());
            if (size > core::limits::kMaxConfigFileBytes) {
                throw Error(Errc::bad_request, "config file " + file + " is larger than 256 KiB");
            }
            std::ifstream in(file);
            po::store(po::parse_config_file(in, config_desc, false), vm);
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw Error(Errc::bad_request, e.what());
    }
    if (vm.count("words")) inv.words = vm["words"].as<std::vector<std::string>>();
    return inv;
}

ListenAddress parse_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw Error(Errc::bad_request, "listen: must be address:port, e.g. 127.0.0.1:8080");
    ListenAddress out;
    out.address = listen.substr(0, colon);
    if (out.address.size() >= 2 && out.address.front() == '[' && out.address.back() == ']') {
        out.address = out.address.substr(1, out.address.size() - 2);
    }
    if (out.address == "localhost") out.address = "127.0.0.1";
    if (!valid_port(std::string_view(listen).substr(colon + 1), out.port)) {
        throw Error(Errc::bad_request, "listen: the port must be a number from 0 to 65535");
    }
    boost::system::error_code ec;
    boost::asio::ip::make_address(out.address, ec);
    if (ec) throw Error(Errc::bad_request, "listen: '" + out.address + "' is not an IP address");
    return out;
}

std::vector<std::string> validate(const Config& c) {
    std::vector<std::string> problems;
    std::string why;
    if (!valid_authority(c.domain, why)) problems.push_back("domain: '" + c.domain + "' " + why);
    try {
        parse_listen(c.listen);
    } catch (const Error& e) {
        problems.push_back(e.what());
    }
    if (c.data_dir.empty()) problems.push_back("data_dir: must not be empty");
    if (!c.extra_ca_file.empty() && !readable_file(c.extra_ca_file)) {
        problems.push_back("extra_ca_file: cannot read " + c.extra_ca_file);
    }
    for (const auto& rule : c.resolve) {
        auto eq = rule.find('=');
        std::string target_why;
        if (eq == std::string::npos || !valid_authority(rule.substr(0, eq), target_why)) {
            problems.push_back("resolve: '" + rule + "' must look like host[:port]=127.0.0.1:port");
            continue;
        }
        try {
            parse_listen(rule.substr(eq + 1));
        } catch (const Error&) {
            problems.push_back("resolve: '" + rule + "': after '=' comes address:port");
        }
    }
    if (c.tls_cert.empty() != c.tls_key.empty()) problems.push_back("tls_cert/tls_key: set both or neither");
    if (!c.tls_cert.empty() && !readable_file(c.tls_cert)) problems.push_back("tls_cert: cannot read " + c.tls_cert);
    if (!c.tls_key.empty() && !readable_file(c.tls_key)) problems.push_back("tls_key: cannot read " + c.tls_key);
    if (c.registrations != "open" && c.registrations != "approval" && c.registrations != "closed") {
        problems.push_back("registrations: '" + c.registrations + "' must be open, approval or closed");
    }
    if (c.federation_mode != "open" && c.federation_mode != "allowlist") {
        problems.push_back("federation_mode: '" + c.federation_mode + "' must be open or allowlist");
    }
    check_range(problems, "threads", c.threads, 1, core::limits::kMaxIoThreads);
    check_range(problems, "workers", c.workers, 1, core::limits::kMaxWorkerThreads);
    check_range(problems, "federation_workers", c.federation_workers, 1, core::limits::kMaxWorkerThreads);
    check_range(problems, "max_connections", c.max_connections, 1, 1000000);
    check_range(problems, "shutdown_timeout", c.shutdown_timeout, 0, 3600);
    check_range(problems, "media_cache_mb", c.media_cache_mb,
                static_cast<long>(core::limits::kMinMediaCacheBytes / (1024 * 1024)), 1024L * 1024 * 1024);
    check_range(problems, "media_full_long_edge", c.media_full_long_edge, core::limits::kMinFullLongEdge,
                core::limits::kMaxFullLongEdge);
    check_range(problems, "rate_limit_per_token", c.rate_limit_per_token, 1, 1000000);
    check_range(problems, "rate_limit_per_ip", c.rate_limit_per_ip, 1, 1000000);
    check_range(problems, "rate_limit_media", c.rate_limit_media, 1, 1000000);
    check_range(problems, "rate_limit_statuses", c.rate_limit_statuses, 1, 1000000);
    check_range(problems, "rate_limit_sign_in", c.rate_limit_sign_in, 1, 1000000);
    core::LogLevel level;
    if (!core::parse_log_level(c.log_level, level)) {
        problems.push_back("log_level: '" + c.log_level + "' must be debug, info, warn or error");
    }
    if (c.title.empty() || c.title.size() > 200) problems.push_back("title: must be 1 to 200 characters");
    const std::pair<const char*, const std::vector<std::string>*> agent_keys[] = {
        {"ai_crawler_allow", &c.ai_crawler_allow},
        {"robots_disallow", &c.robots_disallow},
        {"robots_allow", &c.robots_allow},
    };
    for (auto [key, values] : agent_keys) {
        auto agents = agent_list(*values);
        if (agents.size() > core::limits::kMaxRobotsAgentChanges) {
            problems.push_back(std::string(key) + ": at most " + std::to_string(core::limits::kMaxRobotsAgentChanges) +
                               " agents");
        }
        for (const auto& agent : agents) {
            bool printable = agent.size() <= core::limits::kMaxRobotsAgentLength &&
                             agent.find_first_of("#:*") == std::string::npos;
            for (unsigned char ch : agent) printable = printable && ch >= 0x20 && ch != 0x7f;
            if (!printable) {
                std::string problem = key;
                problem += ": '";
                problem += agent.substr(0, core::limits::kMaxRobotsAgentLength);
                problem += "' is not an agent name (printable, no # : or *, at most ";
                problem += std::to_string(core::limits::kMaxRobotsAgentLength);
                problem += " bytes)";
                problems.push_back(std::move(problem));
            }
        }
    }
    return problems;
}

std::vector<std::string> agent_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& value : values) {
        std::string_view rest = value;
        while (true) {
            auto comma = rest.find(',');
            auto agent = core::trim(rest.substr(0, comma));
            if (!agent.empty()) out.emplace_back(agent);
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
    }
    return out;
}

std::string usage() {
    Config c;
    std::ostringstream out;
    out << "usage: gesso [--config FILE] [--KEY VALUE ...] VERB ...\n\n"
           "verbs:\n"
           "  serve                                   run the server\n"
           "  migrate                                 apply pending database migrations\n"
           "  admin account create NAME --email E [--password P] [--admin]\n"
           "  admin account list\n"
           "  admin account approve NAME              let a sign-up (registrations = approval) sign in\n"
           "  admin account reject NAME               delete a sign-up that waits for approval\n"
           "  admin account suspend|unsuspend NAME\n"
           "  admin account reset-password NAME [--password P]\n"
           "  admin domain block DOMAIN [--severity none|silence|suspend] [--reject-media] [--reason TEXT]\n"
           "  admin domain unblock DOMAIN\n"
           "  admin domain allow|disallow DOMAIN     (the allowlist for federation_mode = allowlist)\n"
           "  admin domain list                       every block and allowed domain\n"
           "  admin policy list                       the policy rules in evaluation order\n"
           "  admin policy add MATCH[:VALUE] ACTION [--label TEXT] [--scope all|local|remote] [--position N]\n"
           "                                          MATCH: domain actor hashtag keyword ai repost\n"
           "                                          ACTION: reject silence sensitive strip_media label hold\n"
           "  admin policy remove|enable|disable ID\n"
           "  admin policy log [N]                    the newest N decisions (default 50)\n"
           "  admin policy held                       remote posts held for review\n"
           "  admin policy release|drop ID            store or discard a held post\n"
           "  admin crawlers                          AI crawlers turned away, with counts\n"
           "  config check                            validate the configuration\n"
           "  version                                 print the version\n\n"
        << config_options(c);
    return out.str();
}

}  // namespace gesso::server
