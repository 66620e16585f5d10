#pragma once
// A real Fedify (npm @fedify/fedify 1.5) ActivityPub server as a child process: tests/interop/fedify-peer.mjs
// serving one actor, `bob`, over HTTPS with a certificate from the test CA, every *.test name resolved to
// loopback. Tests drive it through its /_test/ control endpoints and read what it received and verified.
#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "activitypub/transport.hpp"
#include "support/subprocess.hpp"
#include "support/test_ca.hpp"

namespace gesso::test {

// Why the peer cannot run here (no node on PATH, node older than 20, or tests/interop/node_modules not
// installed: run tests/interop/install.sh), or nullopt when it can.
std::optional<std::string> fedify_unavailable();

class FedifyPeer {
public:
    // Starts the peer as https://HOST:PORT (HOST must be a name in the test certificate, e.g. b.test) and
    // waits for it to listen. Its log goes to `work_dir`/fedify-peer.log. Throws std::runtime_error if it
    // does not start.
    FedifyPeer(const TestCertificates& certs, const std::filesystem::path& work_dir, const std::string& host);
    ~FedifyPeer();  // kills the peer

    std::uint16_t port() const { return port_; }
    std::string domain() const { return host_ + ":" + std::to_string(port_); }  // host:port
    std::string base() const { return "https://" + domain(); }
    std::string actor_uri() const { return base() + "/users/bob"; }
    std::string handle() const { return "bob@" + domain(); }
    // The resolver rule a Gesso node needs to reach the peer ("host:port=127.0.0.1:port").
    std::string resolve_rule() const { return domain() + "=127.0.0.1:" + std::to_string(port_); }

    // Control calls go through `transport` (a client that trusts the test CA and resolves the peer's name).
    void use_transport(activitypub::Transport& transport) { transport_ = &transport; }
    // POSTs `json_body` to /_test/VERB and returns the answer. Fails the test (and returns an empty object)
    // when the peer answers anything but 200; the failure quotes the peer's error and log.
    rapidjson::Document control(const std::string& verb, const std::string& json_body);
    // What the peer has received, verified and served so far (see fedify-peer.mjs, GET /_test/state).
    rapidjson::Document state();
    // The last `max_bytes` of the peer's log, for failure messages.
    std::string log_tail(std::size_t max_bytes = 4000) const;

private:
    std::string host_;
    std::filesystem::path log_file_;
    std::unique_ptr<Child> child_;
    std::uint16_t port_ = 0;
    activitypub::Transport* transport_ = nullptr;
};

}  // namespace gesso::test
