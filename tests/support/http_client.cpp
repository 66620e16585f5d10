#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <poll.h>
#include <sys/socket.h>

#include <cctype>
#include <stdexcept>

namespace gesso::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

http::request<http::string_body> make_request(std::uint16_t port, const HttpCall& call, bool keep_alive) {
    http::request<http::string_body> req{call.method, call.target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.set(http::field::user_agent, "gesso-tests");
    for (const auto& [name, value] : call.headers) req.set(name, value);
    req.body() = call.body;
    if (!call.body.empty() || call.method == http::verb::post || call.method == http::verb::put) req.prepare_payload();
    req.keep_alive(keep_alive);
    return req;
}

HttpResult to_result(http::response<http::string_body>& res) {
    HttpResult out;
    out.status = res.result_int();
    for (const auto& field : res) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(field.value());
    }
    out.body = std::move(res.body());
    return out;
}

template <class Stream>
HttpResult exchange(Stream& stream, std::uint16_t port, const HttpCall& call, bool keep_alive,
                    beast::flat_buffer& buffer) {
    auto req = make_request(port, call, keep_alive);
    http::write(stream, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(call.method == http::verb::head);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    return to_result(res);
}

tcp::socket connect_local(asio::io_context& ioc, std::uint16_t port) {
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // Never hang a test forever on a silent server.
    timeval tv{30, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return socket;
}

}  // namespace

std::string HttpResult::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

HttpResult http_request(std::uint16_t port, const HttpCall& call) {
    asio::io_context ioc;
    tcp::socket socket = connect_local(ioc, port);
    beast::flat_buffer buffer;
    HttpResult result = exchange(socket, port, call, false, buffer);
    beast::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
    return result;
}

HttpResult http_get(std::uint16_t port, const std::string& target, const std::string& accept) {
    HttpCall call;
    call.target = target;
    if (!accept.empty()) call.headers.emplace_back("Accept", accept);
    return http_request(port, call);
}

HttpResult https_request(std::uint16_t port, const HttpCall& call, const std::string& ca_file,
                         const std::string& host_name) {
    asio::io_context ioc;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.load_verify_file(ca_file);
    tls.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<tcp::socket> stream(connect_local(ioc, port), tls);
    stream.set_verify_callback(asio::ssl::host_name_verification(host_name));
    SSL_set_tlsext_host_name(stream.native_handle(), host_name.c_str());
    stream.handshake(asio::ssl::stream_base::client);
    beast::flat_buffer buffer;
    HttpResult result = exchange(stream, port, call, false, buffer);
    beast::error_code ec;
    stream.shutdown(ec);
    return result;
}

std::vector<HttpResult> http_keep_alive(std::uint16_t port, const std::vector<HttpCall>& calls) {
    asio::io_context ioc;
    tcp::socket socket = connect_local(ioc, port);
    beast::flat_buffer buffer;
    std::vector<HttpResult> results;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        results.push_back(exchange(socket, port, calls[i], i + 1 < calls.size(), buffer));
    }
    return results;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout) {
    asio::io_context ioc;
    tcp::socket socket = connect_local(ioc, port);
    beast::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char chunk[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd pfd{socket.native_handle(), POLLIN, 0};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (::poll(&pfd, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) break;
        auto n = ::recv(socket.native_handle(), chunk, sizeof chunk, 0);
        if (n <= 0) break;
        out.append(chunk, static_cast<std::size_t>(n));
    }
    return out;
}

int raw_status(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
    return std::atoi(response.substr(9, 3).c_str());
}

}  // namespace gesso::test
