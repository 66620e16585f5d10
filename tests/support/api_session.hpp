#pragma once
// A Mastodon API client for tests against a TestNode over real HTTP: registers an app, logs accounts in with
// the password grant, and sends calls with a bearer token.
#include <string>

#include "support/http_client.hpp"
#include "support/json.hpp"
#include "support/test_node.hpp"

namespace gesso::test {

class ApiSession {
public:
    explicit ApiSession(TestNode& node);
    // Over HTTPS to a node serving TLS (FederationPair's), trusting `ca_file`, verifying `host_name`.
    ApiSession(TestNode& node, std::string ca_file, std::string host_name);

    // A token for `username` (password "correct horse battery", as TestNode::create_account sets it).
    std::string login(const std::string& username, const std::string& scope = "read write follow");

    HttpResult call(http::verb method, const std::string& target, const std::string& token, const std::string& body = "",
                    const std::string& type = "application/json");
    HttpResult get(const std::string& target, const std::string& token) { return call(http::verb::get, target, token); }
    HttpResult post(const std::string& target, const std::string& token, const std::string& body = "") {
        return call(http::verb::post, target, token, body);
    }
    // A JSON answer that must be 200 (a test failure quoting the body otherwise).
    rapidjson::Document ok(http::verb method, const std::string& target, const std::string& token,
                           const std::string& body = "");

private:
    void register_app();

    TestNode& node_;
    std::string ca_file_, host_name_;  // empty: plain HTTP
    std::string client_id_, client_secret_;
};

}  // namespace gesso::test
