#pragma once
// The server-sent-events carrier of a streaming session (GET /api/v1/streaming/user, /public, ...), over plain
// TCP or TLS (Stream is beast::tcp_stream or beast::ssl_stream<beast::tcp_stream>). Included only by
// web/server.cpp, which hands an admitted request's connection to serve_sse() on the connection's strand.
//
// The response is what Mastodon's streaming server writes: 200, `Content-Type: text/event-stream`, chunked;
// a ":)" comment line first, then "event: <name>\ndata: <payload>\n\n" per event and a ":thump" comment line
// every HubOptions::heartbeat. Events wait in the same bounded queue as on a WebSocket (HubOptions: messages
// and bytes); a client that lets it fill, or that has not taken a write by the next heartbeat, is cut off
// (the connection is closed: server-sent events have no close frame). The client sends nothing after its
// request; the connection ends when it closes its side or sends anything.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <cstdio>
#include <deque>

#include "core/version.hpp"
#include "web/streaming/hub.hpp"

namespace gesso::web::streaming {

namespace sse_detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

// `data` as one HTTP/1.1 chunk: hex size, CRLF, data, CRLF.
inline std::shared_ptr<const std::string> chunk(std::string_view data) {
    std::array<char, 20> size{};
    int n = std::snprintf(size.data(), size.size(), "%zx\r\n", data.size());
    auto out = std::make_shared<std::string>();
    out->reserve(static_cast<std::size_t>(n) + data.size() + 2);
    out->append(size.data(), static_cast<std::size_t>(n)).append(data).append("\r\n");
    return out;
}

template <class Stream>
class SseSession final : public Session, public std::enable_shared_from_this<SseSession<Stream>> {
public:
    SseSession(Hub& hub, Stream&& stream, Subscriber subscriber)
        : Session(std::move(subscriber)), hub_(hub), stream_(std::move(stream)), heartbeat_(stream_.get_executor()) {}

    Stream& stream() { return stream_; }

    void deliver(std::shared_ptr<const Message> message) override {
        asio::post(stream_.get_executor(), [self = this->shared_from_this(), message = std::move(message)] {
            self->enqueue(chunk(sse_event(*message)));
        });
    }

    void shut_down() override {
        asio::post(stream_.get_executor(), [self = this->shared_from_this()] { self->end(); });
    }

    // On the strand, once the response header is out: the opening comment, queued events, the heartbeat.
    void start() {
        started_ = true;
        writing_ = false;
        enqueue(chunk(":)\n"));
        arm_heartbeat();
    }

    // On the strand, after the read side ended: nothing more is sent; pending handlers only release.
    void finish() {
        closing_ = true;
        queue_.clear();
        queued_bytes_ = 0;
        heartbeat_.cancel();
        drop();
    }

    // Until start(): events queue up behind the response header.
    void hold() { writing_ = true; }

private:
    void enqueue(std::shared_ptr<const std::string> data) {
        if (closing_) return;
        const HubOptions& o = hub_.options();
        if (queue_.size() >= o.queue_messages || queued_bytes_ + data->size() > o.queue_bytes) {
            cut_off();
            return;
        }
        queued_bytes_ += data->size();
        queue_.push_back(std::move(data));
        if (!writing_) write_next();
    }

    void write_next() {
        writing_ = true;
        ++writes_started_;
        asio::async_write(stream_, asio::buffer(*queue_.front()),
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_written(ec);
                          });
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
        if (ending_ && queue_.empty()) {
            drop();
            return;
        }
        if (!queue_.empty()) write_next();
    }

    void arm_heartbeat() {
        heartbeat_.expires_after(hub_.options().heartbeat);
        heartbeat_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
            if (!ec) self->on_heartbeat();
        });
    }

    void on_heartbeat() {
        if (closing_) return;
        // The same write still in progress a whole interval later: the reader has stalled.
        if (writing_ && writes_started_ == writes_at_last_beat_) {
            cut_off();
            return;
        }
        writes_at_last_beat_ = writes_started_;
        enqueue(chunk(":thump\n"));
        if (!closing_) arm_heartbeat();
    }

    void cut_off() {
        hub_.count_cut_off();
        closing_ = true;
        queue_.clear();
        queued_bytes_ = 0;
        heartbeat_.cancel();
        drop();
    }

    // Node shutdown: the last chunk after what is being written, then the connection closes.
    void end() {
        if (closing_) return;
        closing_ = true;
        heartbeat_.cancel();
        if (!started_) {  // the response header (hold()) is still being written
            drop();
            return;
        }
        std::shared_ptr<const std::string> in_flight;
        if (writing_) in_flight = queue_.front();
        queue_.clear();
        queued_bytes_ = 0;
        if (in_flight) {
            queued_bytes_ = in_flight->size();
            queue_.push_back(std::move(in_flight));
        }
        auto last = std::make_shared<const std::string>("0\r\n\r\n");
        queued_bytes_ += last->size();
        queue_.push_back(std::move(last));
        ending_ = true;
        if (!writing_) write_next();
    }

    // Closes the TCP connection; the read side ends with an error and the session detaches.
    void drop() {
        beast::error_code ignored;
        beast::get_lowest_layer(stream_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(stream_).socket().close(ignored);
    }

    Hub& hub_;
    Stream stream_;
    asio::steady_timer heartbeat_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    std::size_t queued_bytes_ = 0;
    std::uint64_t writes_started_ = 0;
    std::uint64_t writes_at_last_beat_ = 0;
    bool writing_ = false;
    bool closing_ = false;
    bool ending_ = false;
    bool started_ = false;
};

template <class Stream>
asio::awaitable<void> serve(Hub& hub, Stream&& stream, Subscriber subscriber, std::string request_id) {
    constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
    beast::get_lowest_layer(stream).expires_never();  // the heartbeat and the queue limits take over
    auto session = std::make_shared<SseSession<Stream>>(hub, std::move(stream), std::move(subscriber));
    session->hold();
    if (!hub.attach(session)) {
        Response res = error_response(core::Errc::unavailable, "Too many streaming connections, try again later");
        res.set(bhttp::field::server, std::string("gesso/") + core::kVersion);
        res.set("X-Request-Id", request_id);
        res.keep_alive(false);
        res.prepare_payload();
        beast::get_lowest_layer(session->stream()).expires_after(core::limits::kStreamCloseGrace);
        co_await bhttp::async_write(session->stream(), res, use_tuple);
        session->finish();
        co_return;
    }
    struct Detach {
        Hub& hub;
        const Session* session;
        ~Detach() { hub.detach(session); }
    } detach{hub, session.get()};

    bhttp::response<bhttp::empty_body> res{bhttp::status::ok, 11};
    res.set(bhttp::field::server, std::string("gesso/") + core::kVersion);
    res.set(bhttp::field::content_type, "text/event-stream");
    res.set(bhttp::field::cache_control, "private, no-store");
    res.set("X-Accel-Buffering", "no");  // nginx in front: pass events on as they come
    res.set(bhttp::field::access_control_allow_origin, "*");
    res.set("X-Request-Id", request_id);
    res.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{res};
    auto [header_ec, header_n] = co_await bhttp::async_write_header(session->stream(), serializer, use_tuple);
    if (header_ec) {
        session->finish();
        co_return;
    }
    session->start();
    std::array<char, 64> scratch{};
    for (;;) {
        auto [ec, n] = co_await session->stream().async_read_some(asio::buffer(scratch), use_tuple);
        if (ec || n > 0) break;
    }
    session->finish();
}

}  // namespace sse_detail

// Takes over `stream` (moved into the session, which may outlive this coroutine by a few handlers), answers an
// admitted server-sent-events request and runs the session until either side ends it.
template <class Stream>
boost::asio::awaitable<void> serve_sse(Hub& hub, Stream&& stream, Subscriber subscriber, std::string request_id) {
    return sse_detail::serve(hub, std::move(stream), std::move(subscriber), std::move(request_id));
}

}  // namespace gesso::web::streaming
