// Fan-out benchmark: one post by an account with 10,000 remote followers spread over 500 instances (each
// with a shared inbox) is delivered to every instance. The instances are names resolved to one loopback sink
// server that counts deliveries per host. Reports the time from publishing to the last delivery, and
// signatures/s beside `openssl speed rsa2048` sign/s measured in the same run.
//
//   gesso_bench_fanout [followers=10000] [instances=500] [workers=2]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "activitypub/accounts.hpp"
#include "openssl_speed.hpp"
#include "activitypub/outbox.hpp"
#include "core/log.hpp"
#include "server/federation_workers.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/migrations.hpp"
#include "storage/queues.hpp"
#include "web/client.hpp"
#include "web/router.hpp"
#include "web/server.hpp"

namespace {

using namespace gesso;

// prefix + number, appended (GCC 12 warns falsely on "literal" + std::to_string(...), bug 105651).
std::string numbered(const char* prefix, int n) {
    std::string out(prefix);
    out += std::to_string(n);
    return out;
}


}  // namespace

int main(int argc, char** argv) {
    int followers = argc > 1 ? std::atoi(argv[1]) : 10000;
    int instances = argc > 2 ? std::atoi(argv[2]) : 500;
    int workers = argc > 3 ? std::atoi(argv[3]) : 2;
    core::set_log_level(core::LogLevel::warn);

    // The sink: accepts every POST with 202 and remembers which hosts were delivered to.
    std::mutex sink_mutex;
    std::set<std::string> delivered_hosts;
    std::atomic<int> posts{0};
    web::Router sink_router;
    sink_router.add(web::http::verb::post, "/inbox", [&](const web::Request& req) {
        ++posts;
        std::lock_guard lock(sink_mutex);
        delivered_hosts.insert(std::string(req.header(web::http::field::host)));
        web::Response res{web::http::status::accepted, 11};
        res.prepare_payload();
        return res;
    }, 1024 * 1024);
    web::ServerOptions sink_options;
    sink_options.access_log = false;
    sink_options.max_connections = 4096;
    web::HttpServer sink(sink_options, sink_router);
    sink.start();

    auto dir = std::filesystem::temp_directory_path() / ("gesso-bench-fanout-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    int status = 0;
    {
        storage::Database db((dir / "gesso.db").string());
        storage::migrate(db);
        core::IdGenerator ids;
        activitypub::Context ctx(db, ids, core::system_clock(), {"http", "art.bench"});
        core::Account alice = activitypub::create_local_account(ctx, {"alice", "alice@example.test", "correct horse battery"});

        std::cerr << "seeding " << followers << " followers on " << instances << " instances ...\n";
        std::vector<std::string> resolve;
        auto now = core::system_clock().now();
        db.write([&](storage::Connection& conn) {
            for (int i = 0; i < followers; ++i) {
                int host_index = i % instances;
                std::string host = numbered("sink", host_index) + ".test";
                core::Account f;
                f.id = ids.next(now);
                f.username = numbered("f", i);
                f.domain = host;
                f.uri = "http://" + host + "/users/" + f.username;
                f.inbox_url = f.uri + "/inbox";
                f.shared_inbox_url = "http://" + host + "/inbox";
                f.created_at = f.updated_at = now;
                storage::insert_account(conn, f);
                storage::insert_follow(conn, {ids.next(now), f.id, alice.id, f.uri + "#follow", true, now});
            }
        });
        for (int h = 0; h < instances; ++h) {
            resolve.push_back(numbered("sink", h) + ".test=127.0.0.1:" + std::to_string(sink.port()));
        }
        web::ClientOptions client_options;
        client_options.allow_http = true;
        client_options.allow_private_addresses = true;
        client_options.resolve = web::parse_resolve_rules(resolve);
        web::HttpClient client(client_options);
        ctx.transport = &client;

        server::FederationWorkers federation(ctx, workers);
        ctx.wake_workers = [&federation] { federation.wake(); };
        auto started = std::chrono::steady_clock::now();
        activitypub::publish_note(ctx, alice, "<p>a new painting for 10,000 followers</p>");
        for (;;) {
            auto [pending, jobs] = db.read([](storage::Connection& conn) {
                return std::make_pair(storage::count_deliveries(conn), storage::count_pending_jobs(conn, "outbox_jobs"));
            });
            if (pending == 0 && jobs == 0) break;
            if (std::chrono::steady_clock::now() - started > std::chrono::minutes(5)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        ctx.wake_workers = nullptr;
        federation.stop();

        std::size_t hosts = 0;
        {
            std::lock_guard lock(sink_mutex);
            hosts = delivered_hosts.size();
        }
        double sign = bench::openssl_rsa2048_speed().sign_per_second;
        double signs_per_second = posts.load() / seconds;
        std::printf("fan-out: 1 post, %d followers on %d instances, %d federation workers\n", followers, instances,
                    workers);
        std::printf("  delivered: %d POSTs to %zu distinct instances in %.2f s (goal < 2 s)\n", posts.load(), hosts,
                    seconds);
        std::printf("  signed deliveries: %.0f/s; openssl speed rsa2048 sign: %.0f/s on one core (%.2f of it)\n",
                    signs_per_second, sign, sign > 0 ? signs_per_second / sign : 0.0);
        status = hosts == static_cast<std::size_t>(instances) ? 0 : 1;
    }
    sink.stop(std::chrono::seconds(2));
    std::filesystem::remove_all(dir);
    return status;
}
