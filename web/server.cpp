#include "web/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "core/version.hpp"
#include "web/router.hpp"
#include "web/streaming/sse_session.hpp"
#include "web/streaming/websocket_session.hpp"

namespace gesso::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
namespace websocket = beast::websocket;
namespace limits = core::limits;
using tcp = asio::ip::tcp;
using core::Errc;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct HttpServer::State {
    State(ServerOptions opts, const Router& r)
        : options(std::move(opts)), router(r), workers(static_cast<std::size_t>(std::max(1, options.worker_threads))),
          acceptor(ioc) {}

    ServerOptions options;
    const Router& router;
    // Declared before the io_context: coroutine frames destroyed with it still decrement these.
    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> in_flight{0};
    std::atomic<bool> stopping{false};
    std::uint16_t port = 0;
    std::unique_ptr<ssl::context> tls;
    asio::io_context ioc;
    asio::thread_pool workers;
    tcp::acceptor acceptor;
    std::vector<std::thread> threads;
};

namespace {

// Increments a counter for the lifetime of the guard.
class CountGuard {
public:
    explicit CountGuard(std::atomic<std::size_t>& counter) : counter_(counter) { ++counter_; }
    ~CountGuard() { --counter_; }
    CountGuard(const CountGuard&) = delete;
    CountGuard& operator=(const CountGuard&) = delete;

private:
    std::atomic<std::size_t>& counter_;
};

bool is_disconnect(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
           ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::broken_pipe ||
           ec == ssl::error::stream_truncated;
}

const std::string& server_header() {
    static const std::string value = std::string("gesso/") + core::kVersion;
    return value;
}

void decorate(Response& res, const std::string& request_id) {
    res.set(http::field::server, server_header());
    res.set("X-Request-Id", request_id);
}

// Request ids: a random prefix drawn once per process and a counter, as 16 hex digits (unique within a run,
// unlikely to repeat across restarts), instead of 8 random bytes per request.
std::string next_request_id() {
    static const std::uint64_t prefix = [] {
        std::uint64_t p = 0;
        for (unsigned char c : core::random_bytes(4)) p = (p << 8) | c;
        return p << 32;
    }();
    static std::atomic<std::uint64_t> counter{0};
    std::uint64_t n = prefix | (counter.fetch_add(1, std::memory_order_relaxed) & 0xffffffffu);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i, n >>= 4) id[static_cast<std::size_t>(i)] = kDigits[n & 0xF];
    return id;
}

// Fills path and query from the request target; false if it is not a valid origin-form target.
bool parse_target(std::string_view target, Request& req) {
    if (target.size() > limits::kMaxTargetBytes) return false;
    // Mastodon clients send array parameters as `types[]=mention` without escaping the brackets, which the URI
    // grammar reserves; browsers and Rails accept them, so escape them before parsing.
    std::string escaped;
    if (target.find_first_of("[]") != std::string_view::npos) {
        for (char c : target) {
            if (c == '[') escaped += "%5B";
            else if (c == ']') escaped += "%5D";
            else escaped += c;
        }
        target = escaped;
    }
    auto url = boost::urls::parse_origin_form(target);
    if (!url) return false;
    req.path = url->path();
    for (auto param : url->params()) req.query.emplace(param.key, param.value);
    return true;
}

template <class Stream>
asio::awaitable<void> write_response(Stream& stream, Response& res) {
    beast::get_lowest_layer(stream).expires_after(limits::kResponseWriteTimeout);
    co_await http::async_write(stream, res, use_tuple);
}

void log_access(const HttpServer::State& s, const Request& req, const std::string& remote, const std::string& method,
                std::string_view target, unsigned status, std::size_t body_size,
                std::chrono::steady_clock::time_point started) {
    if (!s.options.access_log) return;
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    GESSO_LOG(info) << "access " << req.request_id << " " << remote << " " << method << " "
                    << (req.path.empty() ? target.substr(0, 200) : std::string_view(req.path)) << " " << status << " "
                    << body_size << "B " << micros.count() / 1000.0 << "ms";
}

// Serves requests on one connection until it closes, times out, errs, or the server stops. Returns true when
// the connection was upgraded to a streaming WebSocket and `stream` was moved into (and served by) its session.
template <class Stream>
asio::awaitable<bool> serve_http(HttpServer::State& s, Stream& stream, const std::string& remote) {
    beast::flat_buffer buffer;
    for (int served = 0; served < limits::kMaxRequestsPerConnection && !s.stopping; ++served) {
        beast::get_lowest_layer(stream).expires_after(served == 0 ? limits::kRequestReadTimeout
                                                                  : limits::kKeepAliveIdleTimeout);
        http::request_parser<http::empty_body> header_parser;
        header_parser.header_limit(static_cast<std::uint32_t>(limits::kMaxHeaderBytes));
        header_parser.body_limit(boost::none);  // the route's limit is applied below
        auto [ec, read_n] = co_await http::async_read_header(stream, buffer, header_parser, use_tuple);
        if (ec) {
            if (is_disconnect(ec) || (ec == http::error::partial_message && buffer.size() == 0)) co_return false;
            Errc code = ec == http::error::header_limit ? Errc::header_too_large : Errc::bad_request;
            Response res = error_response(
                code, code == Errc::header_too_large ? "request headers are too large" : "malformed request");
            decorate(res, next_request_id());
            res.keep_alive(false);
            co_await write_response(stream, res);
            co_return false;
        }
        std::optional<CountGuard> request_guard(std::in_place, s.in_flight);
        auto started = std::chrono::steady_clock::now();

        Request req;
        req.request_id = next_request_id();
        req.remote_address = remote;
        const auto& header = header_parser.get();
        std::string method(header.method_string());
        std::string target(header.target());

        Response res;
        bool close_after = false;
        bool dispatched = false;  // dispatch() finishes its responses; the server's own answers are finished below
        bool parsed = parse_target(target, req);
        // Streaming: a WebSocket upgrade of /api/v1/streaming, or a GET of a server-sent-events stream
        // (/api/v1/streaming/user, ...) that names its stream in the path.
        bool upgrade = parsed && s.options.streaming && websocket::is_upgrade(header) &&
                       streaming::is_websocket_path(req.path);
        std::optional<std::string> sse_stream;
        if (parsed && s.options.streaming && !upgrade && header.method() == http::verb::get) {
            auto only_media = req.query_param("only_media");
            sse_stream = streaming::sse_stream_name(
                req.path, only_media && (*only_media == "true" || *only_media == "1" || *only_media == "True"));
        }
        if (upgrade || sse_stream) {
            // Authenticate on the worker pool (SQL), then hand the connection to the hub.
            req.message = http::request<http::string_body>(header.base());
            std::optional<streaming::Subscriber> subscriber;
            res = co_await asio::co_spawn(
                s.workers,
                [&]() -> asio::awaitable<Response> {
                    try {
                        subscriber = upgrade ? s.options.streaming->admit(req)
                                             : s.options.streaming->admit(req, *sse_stream);
                        co_return Response{};
                    } catch (const core::Error& e) {
                        co_return error_response(e.code(), e.what());
                    } catch (const std::exception& e) {
                        GESSO_LOG(error) << req.request_id << " streaming admission failed: " << e.what();
                        co_return error_response(Errc::internal, "internal error");
                    }
                },
                asio::use_awaitable);
            if (subscriber) {
                log_access(s, req, remote, method, target, upgrade ? 101 : 200, 0, started);
                request_guard.reset();  // a stream is not a request in flight; the hub closes streams at stop
                if (upgrade) {
                    co_await streaming::serve_websocket(*s.options.streaming, std::move(stream),
                                                        std::move(req.message), std::move(*subscriber));
                } else {
                    co_await streaming::serve_sse(*s.options.streaming, std::move(stream), std::move(*subscriber),
                                                  req.request_id);
                }
                co_return true;
            }
            close_after = true;
        } else if (!parsed) {
            res = error_response(Errc::bad_request, "malformed request target");
            close_after = true;
        } else {
            Router::Match match = s.router.match(header.method(), req.path);
            // Beast checks Content-Length against the body limit only while parsing the header, before the
            // route (and so its limit) is known: check it here. Chunked bodies are counted as they arrive.
            auto declared = header_parser.content_length();
            http::request_parser<http::string_body> parser(std::move(header_parser));
            parser.body_limit(match.body_limit);
            beast::error_code body_ec = http::error::body_limit;
            if (parser.is_done()) {
                body_ec = {};  // no body (most GETs): nothing to read
            } else if (!declared || *declared <= match.body_limit) {
                beast::get_lowest_layer(stream).expires_after(limits::kRequestReadTimeout);
                std::tie(body_ec, std::ignore) = co_await http::async_read(stream, buffer, parser, use_tuple);
            }
            if (body_ec == http::error::body_limit) {
                res = error_response(Errc::too_large, "request body is too large");
                close_after = true;
            } else if (body_ec) {
                if (is_disconnect(body_ec)) co_return false;
                res = error_response(Errc::bad_request, "malformed request body");
                close_after = true;
            } else {
                req.message = parser.release();
                if (s.router.runs_on_io_thread(req, match)) {
                    res = s.router.dispatch(req, match);  // a route answered from memory (router.hpp RunsOn)
                } else if (auto answered = s.router.answer_from_memory(req, match)) {
                    res = std::move(*answered);  // a cached answer (router.hpp MemoryAnswer)
                } else {
                    res = co_await asio::co_spawn(
                        s.workers, [&]() -> asio::awaitable<Response> { co_return s.router.dispatch(req, match); },
                        asio::use_awaitable);
                }
                close_after = !req.message.keep_alive();
                dispatched = true;
            }
        }

        if (!dispatched) s.router.finish(req, res);
        decorate(res, req.request_id);
        res.keep_alive(!close_after && !s.stopping && served + 1 < limits::kMaxRequestsPerConnection);
        std::size_t body_size = res.body().size();
        if (method == "HEAD") {
            res.body().clear();
            res.content_length(body_size);
        }
        co_await write_response(stream, res);
        log_access(s, req, remote, method, target, res.result_int(), body_size, started);
        if (!res.keep_alive()) co_return false;
    }
    co_return false;
}

// The accept loop has already counted this connection (so the cap check cannot race); release it here.
asio::awaitable<void> run_connection(HttpServer::State& s, tcp::socket socket) {
    struct Release {
        std::atomic<std::size_t>& count;
        ~Release() { --count; }
    } release{s.connections};
    beast::error_code ec;
    auto endpoint = socket.remote_endpoint(ec);
    std::string remote = ec ? "-" : endpoint.address().to_string();
    if (s.tls) {
        beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *s.tls);
        beast::get_lowest_layer(stream).expires_after(limits::kTlsHandshakeTimeout);
        auto [hs_ec] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
        if (hs_ec) co_return;
        if (co_await serve_http(s, stream, remote)) co_return;
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
        co_await stream.async_shutdown(use_tuple);
    } else {
        beast::tcp_stream stream(std::move(socket));
        if (co_await serve_http(s, stream, remote)) co_return;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
}

// Over the connection cap: answer 503 and close, without reading the request.
asio::awaitable<void> reject_connection(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    Response res = error_response(Errc::unavailable, "too many connections, try again later");
    decorate(res, next_request_id());
    res.set(http::field::retry_after, "5");
    res.keep_alive(false);
    co_await write_response(stream, res);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> accept_loop(HttpServer::State& s) {
    for (;;) {
        auto [ec, socket] = co_await s.acceptor.async_accept(asio::make_strand(s.ioc), use_tuple);
        if (ec) {
            if (s.stopping || ec == asio::error::operation_aborted) co_return;
            GESSO_LOG(warn) << "accept failed: " << ec.message();
            continue;
        }
        auto executor = socket.get_executor();
        if (s.connections.load() >= s.options.max_connections) {
            asio::co_spawn(executor, reject_connection(std::move(socket)), asio::detached);
            continue;
        }
        ++s.connections;
        asio::co_spawn(executor, run_connection(s, std::move(socket)), asio::detached);
    }
}

std::unique_ptr<ssl::context> load_tls(const ServerOptions& options) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ec;
    ctx->use_certificate_chain_file(options.tls_cert_file, ec);
    if (ec) throw core::Error(Errc::unavailable, "cannot load tls_cert " + options.tls_cert_file + ": " + ec.message());
    ctx->use_private_key_file(options.tls_key_file, ssl::context::pem, ec);
    if (ec) throw core::Error(Errc::unavailable, "cannot load tls_key " + options.tls_key_file + ": " + ec.message());
    return ctx;
}

}  // namespace

HttpServer::HttpServer(ServerOptions options, const Router& router)
    : state_(std::make_unique<State>(std::move(options), router)) {}

HttpServer::~HttpServer() { stop(std::chrono::milliseconds(0)); }

void HttpServer::start() {
    State& s = *state_;
    if (!s.options.tls_cert_file.empty() || !s.options.tls_key_file.empty()) s.tls = load_tls(s.options);
    beast::error_code ec;
    auto address = asio::ip::make_address(s.options.address, ec);
    if (ec) throw core::Error(Errc::unavailable, "invalid listen address '" + s.options.address + "'");
    tcp::endpoint endpoint(address, s.options.port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(endpoint, ec);
    if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        throw core::Error(Errc::unavailable, "cannot listen on " + s.options.address + ":" +
                                                 std::to_string(s.options.port) + ": " + ec.message());
    }
    s.port = s.acceptor.local_endpoint().port();
    asio::co_spawn(s.acceptor.get_executor(), accept_loop(s), asio::detached);
    for (int i = 0; i < std::max(1, s.options.io_threads); ++i) {
        s.threads.emplace_back([&s] { s.ioc.run(); });
    }
    GESSO_LOG(info) << "listening on " << (s.tls ? "https://" : "http://") << s.options.address << ":" << s.port;
}

std::uint16_t HttpServer::port() const { return state_->port; }

std::size_t HttpServer::in_flight() const { return state_->in_flight.load(); }

void HttpServer::stop(std::chrono::milliseconds deadline) {
    State& s = *state_;
    if (s.stopping.exchange(true)) return;
    // Close the listening socket on the I/O threads (the accept loop uses it there) and wait until it is
    // closed, so no connection is accepted after stop() returns.
    auto close_acceptor = [&s] {
        beast::error_code ec;
        s.acceptor.close(ec);
    };
    if (s.threads.empty()) {
        close_acceptor();
    } else {
        std::promise<void> closed;
        asio::post(s.acceptor.get_executor(), [&] {
            close_acceptor();
            closed.set_value();
        });
        closed.get_future().wait();
    }
    auto until = std::chrono::steady_clock::now() + deadline;
    if (s.options.streaming) {
        s.options.streaming->shut_down_all();
        while (s.options.streaming->session_count() > 0 && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    while (s.in_flight.load() > 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (s.in_flight.load() > 0) GESSO_LOG(warn) << s.in_flight.load() << " requests still running at shutdown";
    s.ioc.stop();
    for (auto& t : s.threads) {
        if (t.joinable()) t.join();
    }
    s.workers.stop();
    s.workers.join();
}

}  // namespace gesso::web
