#pragma once
// A small blocking WebSocket client for tests (Boost.Beast), only ever talking to 127.0.0.1. Every wait is
// bounded by a timeout that fails the operation instead of hanging the test; nothing sleeps.
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace gesso::test {

struct WebSocketOptions {
    std::string target = "/api/v1/streaming";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string subprotocol;  // sent as Sec-WebSocket-Protocol when set
    int receive_buffer = 0;   // SO_RCVBUF before connecting (a small one makes a slow reader); 0: default
    std::chrono::milliseconds timeout = std::chrono::seconds(20);
};

class WebSocketClient {
public:
    // Connects and completes the handshake. Throws std::runtime_error when the server refuses the upgrade
    // (see try_upgrade) or the connection fails.
    WebSocketClient(std::uint16_t port, WebSocketOptions options);
    ~WebSocketClient();
    WebSocketClient(const WebSocketClient&) = delete;
    WebSocketClient& operator=(const WebSocketClient&) = delete;

    // A header of the 101 response (lower-case name), empty when absent.
    std::string response_header(const std::string& lower_name) const;

    void send(const std::string& text);
    // The next message; nullopt when the server closed the connection (see close_reason()). Throws
    // std::runtime_error on timeout or a transport error.
    std::optional<std::string> read();
    // Reads until the server closes; returns every message received before the close.
    std::vector<std::string> read_until_close();
    // The close frame the server sent (code 0 if none yet).
    boost::beast::websocket::close_reason close_reason() const;

private:
    struct Impl;
    Impl* impl_;
};

// Sends a WebSocket upgrade to `options.target` expecting a refusal; returns the HTTP response (status 101
// means it was accepted, and the connection is dropped).
HttpResult try_upgrade(std::uint16_t port, const WebSocketOptions& options);

}  // namespace gesso::test
