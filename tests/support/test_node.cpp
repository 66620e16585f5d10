#include "support/test_node.hpp"

#include "activitypub/accounts.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/signatures/http_signatures.hpp"
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
    settings.rate_limits = options.rate_limits;
    bool tls = !options.tls_cert_file.empty();
    const core::Clock& clock = options.clock ? *options.clock : core::system_clock();
    ctx_ = std::make_unique<activitypub::Context>(*db_, ids_, clock,
                                                  activitypub::NodeUrls{tls ? "https" : "http", "pending"}, settings);
    media_ = std::make_unique<media::MediaStore>(dir_.path() / "media", options.media_cache_bytes);
    ctx_->media = media_.get();
    router_ = std::make_unique<web::Router>(web::build_router(*ctx_, options.surface, options.pages));
    hub_ = std::make_unique<web::streaming::Hub>(*ctx_, options.streaming);
    ctx_->events = hub_.get();
    web::ServerOptions server_options;
    server_options.address = "127.0.0.1";
    server_options.port = 0;
    server_options.io_threads = 2;
    server_options.worker_threads = 2;
    server_options.max_connections = options.max_connections;
    server_options.tls_cert_file = options.tls_cert_file;
    server_options.tls_key_file = options.tls_key_file;
    server_options.access_log = false;
    server_options.streaming = hub_.get();
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

namespace {
const activitypub::PemKeyPair& shared_signing_key() {
    static const activitypub::PemKeyPair key = activitypub::generate_rsa_key();
    return key;
}
}  // namespace

TestNode::Signer TestNode::remote_signer(const std::string& host, const std::string& name) {
    core::Account remote;
    remote.id = ids_.next();
    remote.username = name;
    remote.domain = host;
    remote.uri = "https://" + host + "/users/" + name;
    remote.inbox_url = remote.uri + "/inbox";
    remote.created_at = remote.updated_at = ctx_->clock.now();
    core::KeyPair key;
    key.id = ids_.next();
    key.type = core::KeyType::rsa;
    key.key_id = remote.uri + "#main-key";
    key.public_pem = shared_signing_key().public_pem;
    core::Account stored = db_->write([&](storage::Connection& conn) {
        core::Account a = storage::upsert_remote_account(conn, remote, ctx_->clock.now());
        key.account_id = a.id;
        storage::upsert_public_key(conn, key);
        return a;
    });
    return Signer{stored, key.key_id, shared_signing_key().private_pem};
}

const TestNode::Signer& TestNode::reader() {
    if (!reader_) reader_ = remote_signer("reader.test", "reader");
    return *reader_;
}

HttpResult TestNode::get_activity(const std::string& target) {
    const Signer& signer = reader();
    return get_activity_signed(target, signer.key_id, signer.private_pem);
}

HttpResult TestNode::get_activity_signed(const std::string& target, const std::string& key_id,
                                         const std::string& private_pem, bool rfc9421) {
    activitypub::OutgoingRequest request;
    request.method = "GET";
    request.url = base() + target;
    request.set_header("Accept", "application/activity+json");
    if (rfc9421) activitypub::sign_rfc9421(request, key_id, private_pem, ctx_->clock.now());
    else activitypub::sign_cavage(request, key_id, private_pem, ctx_->clock.now());
    HttpCall call;
    call.target = target;
    for (const auto& h : request.headers) call.headers.emplace_back(h.name, h.value);
    return http_request(port(), call);
}

}  // namespace gesso::test
