#pragma once
// A small blocking server-sent-events client for tests (Boost.Beast), only ever talking to 127.0.0.1: sends a
// GET, then reads the chunked event stream line by line. Every wait is bounded by a timeout that fails the
// operation instead of hanging the test; nothing sleeps.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace gesso::test {

struct SseOptions {
    std::string target;  // "/api/v1/streaming/user?access_token=..."
    std::vector<std::pair<std::string, std::string>> headers;
    int receive_buffer = 0;  // SO_RCVBUF before connecting (a small one makes a slow reader); 0: default
    std::chrono::milliseconds timeout = std::chrono::seconds(20);
};

// One event as read off the wire: its `event:` and `data:` lines, and the comment lines (":thump") that came
// before it.
struct SseEvent {
    std::string event;
    std::string data;
    std::vector<std::string> comments;
};

class SseClient {
public:
    // Connects and reads the response header. A non-200 answer is kept (status(), body()) and nothing more
    // is read. Throws std::runtime_error when the connection fails or times out.
    SseClient(std::uint16_t port, SseOptions options);
    ~SseClient();
    SseClient(const SseClient&) = delete;
    SseClient& operator=(const SseClient&) = delete;

    int status() const;
    std::string header(const std::string& lower_name) const;
    std::string body() const;  // the whole body of a non-200 answer

    // The next raw line of the event stream (without its "\n"); nullopt when the server ended the stream or
    // closed the connection. Throws std::runtime_error on timeout.
    std::optional<std::string> read_line();
    // The next event (comment lines before it are collected in it); nullopt when the stream ended first.
    std::optional<SseEvent> read_event();
    // Reads until the stream ends; returns the raw lines received until then. Throws on timeout.
    std::vector<std::string> read_until_end();

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace gesso::test
