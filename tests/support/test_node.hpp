#pragma once
// A real Gesso node in this process: a fresh data directory with a real SQLite file, the real router and
// HTTP server on 127.0.0.1 with a kernel-chosen port, and the node's domain set to 127.0.0.1:PORT.
#include <memory>
#include <optional>
#include <string>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/database.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "web/noai/surface.hpp"
#include "web/pages/settings.hpp"
#include "web/router.hpp"
#include "web/client.hpp"
#include "web/server.hpp"
#include "web/streaming/hub.hpp"

namespace gesso::test {

struct TestNodeOptions {
    activitypub::Registrations registrations = activitypub::Registrations::closed;
    std::string tls_cert_file, tls_key_file;  // set both to serve HTTPS
    std::size_t max_connections = 64;
    std::string domain_host = "127.0.0.1";  // the domain is domain_host:PORT
    const core::Clock* clock = nullptr;      // default: the system clock
    std::uint64_t media_cache_bytes = 64ULL * 1024 * 1024;  // bound of the remote media cache
    web::streaming::HubOptions streaming;    // queue and connection limits of the streaming API
    // API rate limits; off unless a test turns them on (tests log in and post far faster than people).
    activitypub::RateLimitSettings rate_limits = [] {
        activitypub::RateLimitSettings off;
        off.enabled = false;
        return off;
    }();
    web::noai::SurfaceSettings surface;      // the no-AI web surface (crawler gate, noarchive, robots changes)
    web::pages::SiteSettings pages;          // the HTML pages (public gallery on or off)
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
    media::MediaStore& media() { return *media_; }
    const std::filesystem::path& data_dir() const { return dir_.path(); }

    // A local account with e-mail NAME@example.test and password "correct horse battery".
    core::Account create_account(const std::string& username, bool admin = false);
    // Inserts a public status by `account` directly in storage (the API arrives later).
    core::Status insert_status(const core::Account& account, const std::string& text,
                               core::Visibility visibility = core::Visibility::public_);
    // Inserts a remote account that follows (or is followed by) `account`.
    core::Account insert_remote_follower(const core::Account& account, const std::string& name);

    HttpResult get(const std::string& target, const std::string& accept = "") { return http_get(port(), target, accept); }
    // A GET for ActivityPub JSON signed (draft-cavage) by reader(), as another server fetches under authorized
    // fetch; get_activity_unsigned() sends the same without a signature.
    HttpResult get_activity(const std::string& target);
    HttpResult get_activity_unsigned(const std::string& target) { return get(target, "application/activity+json"); }
    // The same GET signed with `private_pem` under `key_id`, by draft-cavage or RFC 9421.
    HttpResult get_activity_signed(const std::string& target, const std::string& key_id,
                                   const std::string& private_pem, bool rfc9421 = false);

    // A remote actor https://reader.test/users/reader whose RSA key this node already knows (no fetch needed),
    // stored on first use. The key pair is generated once per test process.
    struct Signer {
        core::Account account;
        std::string key_id;
        std::string private_pem;
    };
    const Signer& reader();
    // Stores a remote actor https://HOST/users/NAME with the shared key, as if fetched (see reader()).
    Signer remote_signer(const std::string& host, const std::string& name);

    // Lets the node reach other nodes: an outbound client trusting `ca_file`, with `resolve` rules
    // ("host:port=127.0.0.1:port") and private addresses allowed (everything is on loopback).
    void enable_federation(const std::string& ca_file, const std::vector<std::string>& resolve);
    web::HttpClient& client() { return *client_; }
    web::streaming::Hub& streaming() { return *hub_; }

    void stop();

private:
    std::unique_ptr<web::HttpClient> client_;
    TempDir dir_;
    std::unique_ptr<storage::Database> db_;
    core::IdGenerator ids_;
    std::unique_ptr<activitypub::Context> ctx_;
    std::unique_ptr<media::MediaStore> media_;
    std::unique_ptr<web::Router> router_;
    std::unique_ptr<web::streaming::Hub> hub_;
    std::unique_ptr<web::HttpServer> server_;
    std::optional<Signer> reader_;
};

}  // namespace gesso::test
