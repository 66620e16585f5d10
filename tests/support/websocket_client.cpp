#include "support/websocket_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <stdexcept>

namespace gesso::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// Runs `ioc` until `done` or the timeout; throws on timeout.
void run_until(asio::io_context& ioc, const bool& done, std::chrono::milliseconds timeout, const char* what) {
    ioc.restart();
    auto until = std::chrono::steady_clock::now() + timeout;
    while (!done && std::chrono::steady_clock::now() < until) {
        ioc.run_one_until(until);
    }
    if (!done) throw std::runtime_error(std::string("websocket test client: timed out ") + what);
}

tcp::socket open_socket(asio::io_context& ioc, std::uint16_t port, int receive_buffer) {
    tcp::socket socket(ioc);
    socket.open(tcp::v4());
    if (receive_buffer > 0) socket.set_option(asio::socket_base::receive_buffer_size(receive_buffer));
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    return socket;
}

}  // namespace

struct WebSocketClient::Impl {
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
    beast::flat_buffer buffer;
    websocket::response_type response;
    std::chrono::milliseconds timeout{};
};

WebSocketClient::WebSocketClient(std::uint16_t port, WebSocketOptions options) : impl_(new Impl) {
    impl_->timeout = options.timeout;
    beast::get_lowest_layer(impl_->ws).socket() = open_socket(impl_->ioc, port, options.receive_buffer);
    auto headers = options.headers;
    auto subprotocol = options.subprotocol;
    impl_->ws.set_option(websocket::stream_base::decorator([headers, subprotocol](websocket::request_type& req) {
        for (const auto& [name, value] : headers) req.set(name, value);
        if (!subprotocol.empty()) req.set(beast::http::field::sec_websocket_protocol, subprotocol);
    }));
    bool done = false;
    beast::error_code result;
    impl_->ws.async_handshake(impl_->response, "127.0.0.1:" + std::to_string(port), options.target,
                              [&](beast::error_code ec) {
                                  result = ec;
                                  done = true;
                              });
    try {
        run_until(impl_->ioc, done, impl_->timeout, "in the handshake");
    } catch (...) {
        delete impl_;
        throw;
    }
    if (result) {
        int status = impl_->response.result_int();
        delete impl_;
        throw std::runtime_error("websocket handshake failed (" + std::to_string(status) + "): " + result.message());
    }
}

WebSocketClient::~WebSocketClient() { delete impl_; }

std::string WebSocketClient::response_header(const std::string& lower_name) const {
    for (const auto& field : impl_->response) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == lower_name) return std::string(field.value());
    }
    return {};
}

void WebSocketClient::send(const std::string& text) {
    bool done = false;
    beast::error_code result;
    impl_->ws.text(true);
    impl_->ws.async_write(asio::buffer(text), [&](beast::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    run_until(impl_->ioc, done, impl_->timeout, "sending");
    if (result) throw std::runtime_error("websocket send failed: " + result.message());
}

std::optional<std::string> WebSocketClient::read() {
    bool done = false;
    beast::error_code result;
    impl_->ws.async_read(impl_->buffer, [&](beast::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    run_until(impl_->ioc, done, impl_->timeout, "reading");
    if (result == websocket::error::closed) return std::nullopt;
    if (result) throw std::runtime_error("websocket read failed: " + result.message());
    std::string text = beast::buffers_to_string(impl_->buffer.data());
    impl_->buffer.consume(impl_->buffer.size());
    return text;
}

std::vector<std::string> WebSocketClient::read_until_close() {
    std::vector<std::string> out;
    while (auto msg = read()) out.push_back(std::move(*msg));
    return out;
}

websocket::close_reason WebSocketClient::close_reason() const { return impl_->ws.reason(); }

HttpResult try_upgrade(std::uint16_t port, const WebSocketOptions& options) {
    HttpCall call;
    call.target = options.target;
    call.headers = options.headers;
    call.headers.emplace_back("Connection", "Upgrade");
    call.headers.emplace_back("Upgrade", "websocket");
    call.headers.emplace_back("Sec-WebSocket-Version", "13");
    call.headers.emplace_back("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    if (!options.subprotocol.empty()) call.headers.emplace_back("Sec-WebSocket-Protocol", options.subprotocol);
    return http_request(port, call);
}

}  // namespace gesso::test
