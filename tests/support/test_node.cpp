#include "support/test_node.hpp"

#include "activitypub/accounts.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/migrations.hpp"
#include "storage/statuses.hpp"
#include "web/app.hpp"

namespace gesso::test {

TestNode::TestNode(TestNodeOptions options) {
    db_ = std::make_unique<storage::Database>((dir_.path() / "gesso.db").string());
    storage::migrate(*db_);
    activitypub::NodeSettings settings;
    settings.title = "Test node";
    settings.registrations = options.registrations;
    bool tls = !options.tls_cert_file.empty();
    const core::Clock& clock = options.clock ? *options.clock : core::system_clock();
    ctx_ = std::make_unique<activitypub::Context>(*db_, ids_, clock,
                                                  activitypub::NodeUrls{tls ? "https" : "http", "pending"}, settings);
    router_ = std::make_unique<web::Router>(web::build_router(*ctx_));
    web::ServerOptions server_options;
    server_options.address = "127.0.0.1";
    server_options.port = 0;
    server_options.io_threads = 2;
    server_options.worker_threads = 2;
    server_options.max_connections = options.max_connections;
    server_options.tls_cert_file = options.tls_cert_file;
    server_options.tls_key_file = options.tls_key_file;
    server_options.access_log = false;
    server_ = std::make_unique<web::HttpServer>(server_options, *router_);
    server_->start();
    // The port is known only now; nothing has been served or created yet.
    ctx_->urls.domain = options.domain_host + ":" + std::to_string(server_->port());
    activitypub::ensure_instance_actor(*ctx_);
}

TestNode::~TestNode() { stop(); }

void TestNode::enable_federation(const std::string& ca_file, const std::vector<std::string>& resolve) {
    web::ClientOptions options;
    options.allow_http = ctx_->urls.scheme == "http";
    options.allow_private_addresses = true;
    options.extra_ca_file = ca_file;
    options.resolve = web::parse_resolve_rules(resolve);
    options.user_agent = "gesso-test (" + ctx_->urls.domain + ")";
    client_ = std::make_unique<web::HttpClient>(options);
    ctx_->transport = client_.get();
}

void TestNode::stop() {
    if (server_) server_->stop(std::chrono::seconds(5));
}

core::Account TestNode::create_account(const std::string& username, bool admin) {
    return activitypub::create_local_account(*ctx_,
                                             {username, username + "@example.test", "correct horse battery", admin});
}

core::Status TestNode::insert_status(const core::Account& account, const std::string& text,
                                     core::Visibility visibility) {
    core::Status status;
    status.id = ids_.next();
    status.account_id = account.id;
    status.uri = ctx_->urls.actor(account.username) + "/statuses/" + std::to_string(status.id);
    status.url = ctx_->urls.profile(account.username) + "/" + std::to_string(status.id);
    status.content = "<p>" + text + "</p>";
    status.visibility = visibility;
    status.created_at = core::system_clock().now();
    db_->write([&](storage::Connection& conn) { storage::insert_status(conn, status); });
    return status;
}

core::Account TestNode::insert_remote_follower(const core::Account& account, const std::string& name) {
    core::Account remote;
    remote.id = ids_.next();
    remote.username = name;
    remote.domain = "remote.test";
    remote.uri = "https://remote.test/users/" + name;
    remote.inbox_url = remote.uri + "/inbox";
    remote.created_at = remote.updated_at = core::system_clock().now();
    core::Follow follow;
    follow.id = ids_.next();
    follow.account_id = remote.id;
    follow.target_account_id = account.id;
    follow.uri = remote.uri + "#follow";
    follow.accepted = true;
    follow.created_at = remote.created_at;
    db_->write([&](storage::Connection& conn) {
        storage::insert_account(conn, remote);
        storage::insert_follow(conn, follow);
    });
    return remote;
}

}  // namespace gesso::test
