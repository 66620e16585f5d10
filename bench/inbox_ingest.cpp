// Inbox ingest benchmark: how many signed Create activities per second a node accepts (HTTP parse, digest,
// RSA signature verification with a cached key, dedupe, durable queue write, 202), over loopback keep-alive
// connections. Reported beside `openssl speed rsa2048` verify/s measured in the same run, the ceiling for
// the signature check alone on this machine. With proofs=1 every activity also carries an eddsa-jcs-2022
// object integrity proof (FEP-8b32) that the inbox verifies as well (Ed25519 key cached too).
//
//   gesso_bench_inbox [activities=20000] [connections=8] [proofs=0]
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "activitypub/accounts.hpp"
#include "openssl_speed.hpp"
#include "activitypub/keys.hpp"
#include "activitypub/signatures/cavage.hpp"
#include "activitypub/signatures/object_proof.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/migrations.hpp"
#include "storage/queues.hpp"
#include "web/app.hpp"
#include "web/server.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using namespace gesso;


std::string create_json(const std::string& actor, int i) {
    std::string id = actor + "/statuses/" + std::to_string(i);
    core::JsonWriter w;
    w.begin_object();
    activitypub::write_context(w);
    w.field("id", id + "/activity").field("type", "Create").field("actor", actor);
    w.key("to").begin_array().value(activitypub::kPublic).end_array();
    w.key("object").begin_object().field("id", id).field("type", "Note").field("attributedTo", actor);
    w.field("content", "<p>benchmark post " + std::to_string(i) + "</p>");
    w.key("to").begin_array().value(activitypub::kPublic).end_array().end_object();
    w.end_object();
    return w.str();
}

}  // namespace

int main(int argc, char** argv) {
    int activities = argc > 1 ? std::atoi(argv[1]) : 20000;
    int connections = argc > 2 ? std::atoi(argv[2]) : 8;
    bool proofs = argc > 3 && std::atoi(argv[3]) != 0;
    core::set_log_level(core::LogLevel::warn);

    auto dir = std::filesystem::temp_directory_path() / ("gesso-bench-inbox-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    int status = 0;
    {
        storage::Database db((dir / "gesso.db").string());
        storage::migrate(db);
        core::IdGenerator ids;
        activitypub::Context ctx(db, ids, core::system_clock(), {"http", "pending"});
        web::Router router = web::build_router(ctx);
        web::ServerOptions options;
        options.access_log = false;
        web::HttpServer server(options, router);
        server.start();
        ctx.urls.domain = "127.0.0.1:" + std::to_string(server.port());
        activitypub::create_local_account(ctx, {"alice", "alice@example.test", "correct horse battery"});

        // A remote actor whose key is already cached: ingest measures verification, not key fetching.
        const std::string actor = "https://remote.test/users/bob";
        activitypub::PemKeyPair key = activitypub::generate_rsa_key();
        activitypub::PemKeyPair ed_key = activitypub::generate_ed25519_key();
        core::Account bob;
        bob.id = ids.next();
        bob.username = "bob";
        bob.domain = "remote.test";
        bob.uri = actor;
        bob.inbox_url = actor + "/inbox";
        bob.created_at = bob.updated_at = core::system_clock().now();
        db.write([&](storage::Connection& conn) {
            storage::upsert_remote_account(conn, bob, core::system_clock().now());
            storage::upsert_public_key(conn, {ids.next(), bob.id, core::KeyType::rsa, actor + "#main-key", key.public_pem, ""});
            storage::upsert_public_key(
                conn, {ids.next(), bob.id, core::KeyType::ed25519, actor + "#ed25519-key", ed_key.public_pem, ""});
        });

        std::cerr << "signing " << activities << " activities ...\n";
        std::vector<std::string> wire(static_cast<std::size_t>(activities));
        for (int i = 0; i < activities; ++i) {
            activitypub::OutgoingRequest r;
            r.method = "POST";
            r.url = "http://" + ctx.urls.domain + "/inbox";
            r.body = create_json(actor, i);
            if (proofs) {
                rapidjson::Document doc = core::parse_json(r.body);
                activitypub::add_proof(doc, actor + "#ed25519-key", ed_key.private_pem, core::system_clock().now());
                rapidjson::StringBuffer buffer;
                rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
                doc.Accept(writer);
                r.body.assign(buffer.GetString(), buffer.GetSize());
            }
            r.set_header("Content-Type", "application/activity+json");
            activitypub::sign_cavage(r, actor + "#main-key", key.private_pem, core::system_clock().now());
            http::request<http::string_body> req{http::verb::post, "/inbox", 11};
            for (const auto& h : r.headers) req.set(h.name, h.value);
            req.body() = r.body;
            req.prepare_payload();
            std::ostringstream out;
            out << req;
            wire[static_cast<std::size_t>(i)] = out.str();
        }

        std::cerr << "sending over " << connections << " keep-alive connections ...\n";
        std::atomic<int> next{0}, accepted{0}, other{0};
        auto started = std::chrono::steady_clock::now();
        std::vector<std::thread> clients;
        for (int c = 0; c < connections; ++c) {
            clients.emplace_back([&] {
                asio::io_context ioc;
                asio::ip::tcp::socket socket(ioc);
                socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
                beast::flat_buffer buffer;
                for (int i = next++; i < activities; i = next++) {
                    asio::write(socket, asio::buffer(wire[static_cast<std::size_t>(i)]));
                    http::response<http::string_body> res;
                    http::read(socket, buffer, res);
                    (res.result_int() == 202 ? accepted : other)++;
                    if (!res.keep_alive()) {
                        socket.close();
                        socket = asio::ip::tcp::socket(ioc);
                        socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
                    }
                }
            });
        }
        for (auto& t : clients) t.join();
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        server.stop(std::chrono::seconds(5));
        auto queued = db.read([](storage::Connection& conn) { return storage::count_pending_jobs(conn, "inbox_jobs"); });

        double rate = activities / seconds;
        double verify = bench::openssl_rsa2048_speed().verify_per_second;
        std::printf("inbox ingest: %d signed Create activities%s in %.2f s over %d connections\n", activities,
                    proofs ? " with object integrity proofs" : "", seconds, connections);
        std::printf("  accepted (202): %d, other: %d, queued jobs: %lld\n", accepted.load(), other.load(),
                    static_cast<long long>(queued));
        std::printf("  ingest: %.0f activities/s (goal >= 5000)\n", rate);
        std::printf("  openssl speed rsa2048 verify: %.0f/s on one core; ingest is %.2f of it\n", verify,
                    verify > 0 ? rate / verify : 0.0);
        status = (accepted.load() == activities && queued == activities) ? 0 : 1;
    }
    std::filesystem::remove_all(dir);
    return status;
}
