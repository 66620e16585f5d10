#include "server/serve.hpp"

#include <csignal>
#include <iostream>

#include "activitypub/accounts.hpp"
#include "activitypub/assertion_keys.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "server/node.hpp"
#include "web/streaming/hub.hpp"
#include "storage/accounts.hpp"
#include "storage/queues.hpp"
#include "core/version.hpp"
#include "server/federation_workers.hpp"
#include "web/app.hpp"
#include "web/client.hpp"
#include "web/server.hpp"

namespace gesso::server {

namespace {

// First run: without any admin nobody could run the node from the browser. Create one and show the
// password exactly once.
void bootstrap_admin(activitypub::Context& ctx) {
    bool has_admin = ctx.db.read([](storage::Connection& conn) { return storage::any_admin(conn); });
    if (has_admin) return;
    std::string password = core::random_password();
    activitypub::NewLocalAccount input{"admin", "admin@" + ctx.urls.host(), password, true, true};
    activitypub::create_local_account(ctx, input);
    std::cout << "\n  Created the admin account 'admin' with password: " << password
              << "\n  (shown once; change it with: gesso admin account reset-password admin)\n\n"
              << std::flush;
}

}  // namespace

int serve(const Config& config) {
    // Block the shutdown signals in every thread; the main thread waits for them with sigwait.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Node node(config);
    // One process owns a SQLite data directory: leases still held were held by a process that died.
    int released = node.database().write([](storage::Connection& conn) { return storage::release_all_leases(conn); });
    if (released > 0) GESSO_LOG(info) << "resuming " << released << " interrupted federation jobs";
    activitypub::ensure_instance_actor(node.context());
    // Accounts from before Ed25519 keys (object integrity proofs) get theirs now, so their actors advertise them.
    if (int keys = activitypub::backfill_ed25519_keys(node.context()); keys > 0) {
        GESSO_LOG(info) << "created Ed25519 keys for " << keys << " accounts";
    }
    bootstrap_admin(node.context());
    web::noai::SurfaceSettings surface;
    surface.block_crawlers = config.block_ai_crawlers;
    surface.crawler_allow = agent_list(config.ai_crawler_allow);
    surface.robots_add = agent_list(config.robots_disallow);
    surface.robots_remove = agent_list(config.robots_allow);
    surface.noarchive = config.noarchive;
    web::pages::SiteSettings pages;
    pages.public_gallery = config.public_gallery;
    pages.require_alt_text = config.require_alt_text;
    web::Router router = web::build_router(node.context(), std::move(surface), std::move(pages));
    web::streaming::Hub streaming(node.context());
    node.context().events = &streaming;
    ListenAddress listen = parse_listen(config.listen);
    web::ServerOptions options;
    options.address = listen.address;
    options.port = listen.port;
    options.io_threads = config.threads;
    options.worker_threads = config.workers;
    options.max_connections = static_cast<std::size_t>(config.max_connections);
    options.tls_cert_file = config.tls_cert;
    options.tls_key_file = config.tls_key;
    options.streaming = &streaming;
    web::HttpServer server(options, router);

    web::ClientOptions client_options;
    client_options.allow_http = config.insecure_http;
    client_options.allow_private_addresses = config.allow_private_addresses;
    client_options.extra_ca_file = config.extra_ca_file;
    client_options.resolve = web::parse_resolve_rules(config.resolve);
    client_options.user_agent = std::string("gesso/") + core::kVersion + " (+" + node.context().urls.base() + "/)";
    web::HttpClient client(client_options);
    node.context().transport = &client;
    FederationWorkers federation(node.context(), config.federation_workers);
    node.context().wake_workers = [&federation] { federation.wake(); };

    server.start();
    std::cout << "gesso " << "serving " << node.context().urls.base() << " on " << listen.address << ":"
              << server.port() << std::endl;

    int received = 0;
    sigwait(&signals, &received);
    GESSO_LOG(info) << "received " << (received == SIGTERM ? "SIGTERM" : "SIGINT") << ", shutting down";
    server.stop(std::chrono::seconds(config.shutdown_timeout));
    node.context().wake_workers = nullptr;
    federation.stop();
    node.context().events = nullptr;
    node.database().close();
    GESSO_LOG(info) << "stopped cleanly";
    return 0;
}

}  // namespace gesso::server
