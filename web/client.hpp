#pragma once
// The outbound HTTP(S) client: implements activitypub::Transport with Boost.Beast. Guards every request:
// only https (http too with allow_http), an SSRF check of every resolved address (private, loopback,
// link-local, multicast and reserved ranges refused unless allow_private_addresses), certificate
// verification against the system store plus an optional extra CA, timeouts, a response size limit and a
// bounded number of redirects (GET only, each hop checked again). Thread-safe: each call uses its own
// connection and io_context on the calling thread.
#include <map>
#include <memory>
#include <string>

#include "activitypub/transport.hpp"

namespace gesso::web {

struct ClientOptions {
    bool allow_http = false;               // insecure_http
    bool allow_private_addresses = false;  // tests only
    std::string extra_ca_file;             // PEM, trusted in addition to the system store
    // "host[:port]" -> "address:port": connect there instead of resolving (tests only). Keys are lower-case.
    std::map<std::string, std::string> resolve;
    std::string user_agent = "gesso";
};

// Parses "host[:port]=address:port" rules (config key `resolve`) into ClientOptions::resolve.
// Throws core::Error(bad_request) for a malformed rule.
std::map<std::string, std::string> parse_resolve_rules(const std::vector<std::string>& rules);

// True for addresses a server on the internet must not make us reach (the SSRF guard).
bool is_private_address(const std::string& address);

class HttpClient final : public activitypub::Transport {
public:
    explicit HttpClient(ClientOptions options);
    ~HttpClient() override;
    activitypub::IncomingResponse send(const activitypub::OutgoingRequest& request) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gesso::web
