// The baseline for bench/timeline.sh: the smallest keep-alive HTTP/1.1 server Boost.Beast makes, answering
// every request with 200 "Hello, world!", on THREADS I/O threads (Gesso's default is 2), so the timeline's
// req/s can be read as a fraction of what Beast itself does on this machine in the same run.
//
//   gesso_bench_hello_world PORT [THREADS=2]
//
// Listens on 127.0.0.1:PORT (0: a free port), prints "listening on PORT" once ready, runs until SIGINT or
// SIGTERM.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr int kMaxThreads = 64;

class Session : public std::enable_shared_from_this<Session> {
public:
    explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}
    void start() { read(); }

private:
    void read() {
        req_ = {};
        http::async_read(stream_, buffer_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            self->respond();
        });
    }
    void respond() {
        res_ = {};
        res_.result(http::status::ok);
        res_.version(req_.version());
        res_.set(http::field::content_type, "text/plain");
        res_.body() = "Hello, world!";
        res_.keep_alive(req_.keep_alive());
        res_.prepare_payload();
        http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec || !self->res_.keep_alive()) return;
            self->read();
        });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> req_;
    http::response<http::string_body> res_;
};

void accept(tcp::acceptor& acceptor) {
    acceptor.async_accept(asio::make_strand(acceptor.get_executor()), [&acceptor](beast::error_code ec, tcp::socket s) {
        if (!ec) std::make_shared<Session>(std::move(s))->start();
        accept(acceptor);
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: gesso_bench_hello_world PORT [THREADS=2]\n";
        return 2;
    }
    const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
    int threads = argc > 2 ? std::stoi(argv[2]) : 2;
    if (threads < 1 || threads > kMaxThreads) {
        std::cerr << "THREADS must be 1.." << kMaxThreads << "\n";
        return 2;
    }
    asio::io_context io(threads);
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](beast::error_code, int) { io.stop(); });
    accept(acceptor);
    std::cout << "listening on " << acceptor.local_endpoint().port() << std::endl;
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool) t.join();
    return 0;
}
