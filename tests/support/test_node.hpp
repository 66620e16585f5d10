#pragma once
// A real Gesso node in this process: a fresh data directory with a real SQLite file, the real router and
// HTTP server on 127.0.0.1 with a kernel-chosen port, and the node's domain set to 127.0.0.1:PORT.
#include <memory>
#include <string>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/database.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "web/router.hpp"
#include "web/client.hpp"
#include "web/server.hpp"

namespace gesso::test {

struct TestNodeOptions {
    activitypub::Registrations registrations = activitypub::Registrations::closed;
    std::string tls_cert_file, tls_key_file;  // set both to serve HTTPS
    std::size_t max_connections = 64;
    std::string domain_host = "127.0.0.1";  // the domain is domain_host:PORT
    const core::Clock* clock = nullptr;      // default: the system clock
};

class TestNode {
public:
    explicit TestNode(TestNodeOptions options = {});
    ~TestNode();

    std::uint16_t port() const { return server_->port(); }
    const std::string& domain() const { return ctx_->urls.domain; }
    std::string base() const { return ctx_->urls.base(); }
    activitypub::Context& ctx() { return *ctx_; }
    storage::Database& db() { return *db_; }
    const std::filesystem::path& data_dir() const { return dir_.path(); }

    // A local account with e-mail NAME@example.test and password "correct horse battery".
    core::Account create_account(const std::string& username, bool admin = false);
    // Inserts a public status by `account` directly in storage (the API arrives later).
    core::Status insert_status(const core::Account& account, const std::string& text,
                               core::Visibility visibility = core::Visibility::public_);
    // Inserts a remote account that follows (or is followed by) `account`.
    core::Account insert_remote_follower(const core::Account& account, const std::string& name);

    HttpResult get(const std::string& target, const std::string& accept = "") { return http_get(port(), target, accept); }
    HttpResult get_activity(const std::string& target) { return get(target, "application/activity+json"); }

    // Lets the node reach other nodes: an outbound client trusting `ca_file`, with `resolve` rules
    // ("host:port=127.0.0.1:port") and private addresses allowed (everything is on loopback).
    void enable_federation(const std::string& ca_file, const std::vector<std::string>& resolve);
    web::HttpClient& client() { return *client_; }

    void stop();

private:
    std::unique_ptr<web::HttpClient> client_;
    TempDir dir_;
    std::unique_ptr<storage::Database> db_;
    core::IdGenerator ids_;
    std::unique_ptr<activitypub::Context> ctx_;
    std::unique_ptr<web::Router> router_;
    std::unique_ptr<web::HttpServer> server_;
};

}  // namespace gesso::test
