#pragma once
// The WebSocket carrier of a streaming session, over plain TCP or TLS (Stream is beast::tcp_stream or
// beast::ssl_stream<beast::tcp_stream>). Included only by web/server.cpp, which hands an upgraded connection
// to serve_websocket() on the connection's strand.
//
// Outbound frames wait in a bounded queue (HubOptions: messages and bytes). A client that lets it fill is cut
// off: the queue is dropped and, once the write in progress finishes, the socket is closed with 1008 "slow
// consumer"; a write that never finishes gets kStreamCloseGrace before the TCP connection is dropped.
// Beast's idle timeout pings the client and closes a silent one.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>

#include "core/limits.hpp"
#include "core/version.hpp"
#include "web/streaming/hub.hpp"

namespace gesso::web::streaming {

namespace ws_detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

template <class Stream>
class WebSocketSession final : public Session, public std::enable_shared_from_this<WebSocketSession<Stream>> {
public:
    WebSocketSession(Hub& hub, Stream&& stream, Subscriber subscriber)
        : Session(std::move(subscriber)), hub_(hub), ws_(std::move(stream)), grace_(ws_.get_executor()) {}

    websocket::stream<Stream>& socket() { return ws_; }

    // On the strand, after the read loop ended: nothing more is sent; pending handlers only release.
    void finish() {
        closing_ = true;
        close_pending_ = false;
        queue_.clear();
        queued_bytes_ = 0;
        grace_.cancel();
    }
    Hub& hub() { return hub_; }

    void deliver(std::shared_ptr<const Message> message) override {
        asio::post(ws_.get_executor(), [self = this->shared_from_this(), message = std::move(message)]() mutable {
            self->enqueue(std::shared_ptr<const std::string>(message, &message->text));
        });
    }

    void shut_down() override {
        asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
            self->close_with(websocket::close_code::going_away, "server shutting down");
        });
    }

    // On the strand: a reply to the client (an error frame), subject to the same limits.
    void reply(std::string text) { enqueue(std::make_shared<const std::string>(std::move(text))); }

private:
    void enqueue(std::shared_ptr<const std::string> frame) {
        if (closing_) return;
        const HubOptions& o = hub_.options();
        if (queue_.size() >= o.queue_messages || queued_bytes_ + frame->size() > o.queue_bytes) {
            hub_.count_cut_off();
            close_with(websocket::close_code::policy_error, "slow consumer");
            return;
        }
        queued_bytes_ += frame->size();
        queue_.push_back(std::move(frame));
        if (!writing_) write_next();
    }

    void write_next() {
        writing_ = true;
        ws_.text(true);
        ws_.async_write(asio::buffer(*queue_.front()),
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_written(ec); });
    }

    void on_written(beast::error_code ec) {
        writing_ = false;
        if (!queue_.empty()) {
            queued_bytes_ -= queue_.front()->size();
            queue_.pop_front();
        }
        if (ec) {
            closing_ = true;
            drop();
            return;
        }
        if (close_pending_) {
            send_close();
            return;
        }
        if (!closing_ && !queue_.empty()) write_next();
    }

    // Stops accepting frames and closes with `code` as soon as no write is in progress.
    void close_with(websocket::close_code code, std::string_view reason) {
        if (closing_) return;
        closing_ = true;
        queue_.clear();
        queued_bytes_ = 0;
        close_reason_ = websocket::close_reason(code, reason);
        if (!writing_) {
            send_close();
            return;
        }
        close_pending_ = true;
        grace_.expires_after(core::limits::kStreamCloseGrace);
        grace_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
            if (!ec && self->close_pending_) self->drop();
        });
    }

    void send_close() {
        close_pending_ = false;
        grace_.cancel();
        ws_.async_close(close_reason_, [self = this->shared_from_this()](beast::error_code) {});
    }

    // Drops the TCP connection; the read loop ends with an error.
    void drop() {
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().close(ignored);
    }

    Hub& hub_;
    websocket::stream<Stream> ws_;
    asio::steady_timer grace_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    std::size_t queued_bytes_ = 0;
    bool writing_ = false;
    bool closing_ = false;
    bool close_pending_ = false;
    websocket::close_reason close_reason_;
};

template <class Stream, class Body>
asio::awaitable<void> serve(Hub& hub, Stream&& stream, boost::beast::http::request<Body> request,
                            Subscriber subscriber) {
    constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
    beast::get_lowest_layer(stream).expires_never();  // the WebSocket's own timeouts take over
    auto session = std::make_shared<WebSocketSession<Stream>>(hub, std::move(stream), std::move(subscriber));
    auto& ws = session->socket();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = core::limits::kStreamHandshakeTimeout;
    timeouts.idle_timeout = core::limits::kStreamIdleTimeout;
    timeouts.keep_alive_pings = true;
    ws.set_option(timeouts);
    ws.read_message_max(core::limits::kStreamClientMessageBytes);
    std::string protocol = session->subscriber().protocol;
    ws.set_option(websocket::stream_base::decorator([protocol](websocket::response_type& res) {
        res.set(boost::beast::http::field::server, std::string("gesso/") + core::kVersion);
        if (!protocol.empty()) res.set(boost::beast::http::field::sec_websocket_protocol, protocol);
    }));
    auto [accept_ec] = co_await ws.async_accept(request, use_tuple);
    if (accept_ec) co_return;
    if (!hub.attach(session)) {
        co_await ws.async_close(websocket::close_reason(websocket::close_code::try_again_later,
                                                        "too many streaming connections"),
                                use_tuple);
        co_return;
    }
    struct Detach {
        Hub& hub;
        const Session* session;
        ~Detach() { hub.detach(session); }
    } detach{hub, session.get()};
    beast::flat_buffer buffer;
    for (;;) {
        auto [ec, n] = co_await ws.async_read(buffer, use_tuple);
        if (ec) break;
        std::string text = beast::buffers_to_string(buffer.data());
        buffer.consume(buffer.size());
        if (auto error = session->handle_client_message(hub, text)) session->reply(std::move(*error));
    }
    session->finish();
}

}  // namespace ws_detail

// Takes over `stream` (moved into the session, which may outlive this coroutine by a few handlers), completes
// the WebSocket handshake for an admitted `request` and runs the session until it closes.
template <class Stream, class Body>
boost::asio::awaitable<void> serve_websocket(Hub& hub, Stream&& stream, boost::beast::http::request<Body> request,
                                             Subscriber subscriber) {
    return ws_detail::serve(hub, std::move(stream), std::move(request), std::move(subscriber));
}

}  // namespace gesso::web::streaming
