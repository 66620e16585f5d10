#pragma once
// The HTTP(S) listener: Boost.Beast with C++20 coroutines on `io_threads` threads (a strand per connection),
// handlers run on a separate pool of `worker_threads` so blocking work (SQLite, RSA) never stalls I/O.
// Enforces header and body limits, timeouts and a connection cap (limits.hpp); writes one access-log line
// per request. start()/stop() may be called from any thread, once each.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace gesso::web {

class Router;
namespace streaming {
class Hub;
}

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: the kernel picks one; see HttpServer::port()
    int io_threads = 2;
    int worker_threads = 4;
    std::size_t max_connections = 1024;
    std::string tls_cert_file;  // both set: serve HTTPS
    std::string tls_key_file;
    bool access_log = true;
    // The streaming API: WebSocket upgrades of /api/v1/streaming go to this hub (must outlive the server).
    // Null: such requests reach the router like any other.
    streaming::Hub* streaming = nullptr;
};

class HttpServer {
public:
    HttpServer(ServerOptions options, const Router& router);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts the threads. Throws core::Error(unavailable) if the address cannot be bound
    // or the TLS files cannot be loaded.
    void start();
    // The bound port (after start()).
    std::uint16_t port() const;
    // Stops accepting, closes streaming connections (1001) and lets in-flight requests finish for up to
    // `deadline`, then stops every thread. Idle keep-alive connections are closed. Safe to call more than once.
    void stop(std::chrono::milliseconds deadline);
    // Number of requests being handled right now.
    std::size_t in_flight() const;

    struct State;  // implementation detail, defined in server.cpp

private:
    std::unique_ptr<State> state_;
};

}  // namespace gesso::web
