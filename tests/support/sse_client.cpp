#include "support/sse_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <cctype>
#include <stdexcept>

namespace gesso::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct SseClient::Impl {
    asio::io_context ioc;
    tcp::socket socket{ioc};
    beast::flat_buffer buffer;
    http::response_parser<http::buffer_body> parser;
    std::chrono::milliseconds timeout{};
    std::string pending;  // body bytes not yet split into lines
    std::string error_body;
    bool ended = false;

    // Runs the io_context until `done` or the timeout; throws on timeout.
    void run_until(const bool& done, const char* what) {
        ioc.restart();
        auto until = std::chrono::steady_clock::now() + timeout;
        while (!done && std::chrono::steady_clock::now() < until) ioc.run_one_until(until);
        if (!done) throw std::runtime_error(std::string("sse test client: timed out ") + what);
    }

    // Reads some more of the body into `pending`; false when the body ended or the connection closed.
    bool read_more() {
        if (ended || parser.is_done()) {
            ended = true;
            return false;
        }
        std::array<char, 4096> chunk{};
        parser.get().body().data = chunk.data();
        parser.get().body().size = chunk.size();
        bool done = false;
        beast::error_code result;
        http::async_read_some(socket, buffer, parser, [&](beast::error_code ec, std::size_t) {
            result = ec;
            done = true;
        });
        run_until(done, "reading the event stream");
        pending.append(chunk.data(), chunk.size() - parser.get().body().size);
        if (result && result != http::error::need_buffer) {
            ended = true;
            return !pending.empty();
        }
        return true;
    }
};

SseClient::SseClient(std::uint16_t port, SseOptions options) : impl_(new Impl) {
    try {
        impl_->timeout = options.timeout;
        impl_->socket.open(tcp::v4());
        if (options.receive_buffer > 0) {
            impl_->socket.set_option(asio::socket_base::receive_buffer_size(options.receive_buffer));
        }
        impl_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        std::string request = "GET " + options.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        for (const auto& [name, value] : options.headers) request.append(name).append(": ").append(value).append("\r\n");
        request.append("\r\n");
        asio::write(impl_->socket, asio::buffer(request));
        impl_->parser.body_limit(boost::none);
        bool done = false;
        beast::error_code result;
        http::async_read_header(impl_->socket, impl_->buffer, impl_->parser, [&](beast::error_code ec, std::size_t) {
            result = ec;
            done = true;
        });
        impl_->run_until(done, "waiting for the response header");
        if (result) throw std::runtime_error("sse test client: " + result.message());
        if (status() != 200) {
            while (impl_->read_more()) {
            }
            impl_->error_body = std::move(impl_->pending);
            impl_->pending.clear();
        }
    } catch (...) {
        delete impl_;
        throw;
    }
}

SseClient::~SseClient() { delete impl_; }

int SseClient::status() const { return impl_->parser.get().result_int(); }

std::string SseClient::header(const std::string& lower_name) const {
    for (const auto& field : impl_->parser.get()) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == lower_name) return std::string(field.value());
    }
    return {};
}

std::string SseClient::body() const { return impl_->error_body; }

std::optional<std::string> SseClient::read_line() {
    for (;;) {
        auto nl = impl_->pending.find('\n');
        if (nl != std::string::npos) {
            std::string line = impl_->pending.substr(0, nl);
            impl_->pending.erase(0, nl + 1);
            return line;
        }
        if (!impl_->read_more()) return std::nullopt;
    }
}

std::optional<SseEvent> SseClient::read_event() {
    SseEvent e;
    bool any = false;
    for (;;) {
        auto line = read_line();
        if (!line) return std::nullopt;
        if (line->empty()) {
            if (any) return e;
            continue;
        }
        if ((*line)[0] == ':') {
            e.comments.push_back(line->substr(1));
        } else if (line->starts_with("event: ")) {
            e.event = line->substr(7);
            any = true;
        } else if (line->starts_with("data: ")) {
            e.data = line->substr(6);
            any = true;
        } else {
            throw std::runtime_error("sse test client: not an event-stream line: " + *line);
        }
    }
}

std::vector<std::string> SseClient::read_until_end() {
    std::vector<std::string> lines;
    while (auto line = read_line()) lines.push_back(std::move(*line));
    return lines;
}

}  // namespace gesso::test
