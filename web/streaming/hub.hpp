#pragma once
// The streaming hub: admits streaming connections, keeps the registry of open sessions, and turns engine
// events (activitypub/events.hpp) into frames for the sessions that may see them. Thread-safe.
//
// Broadcast follows Beast's chat example: the registry is copied under the lock and frames are rendered and
// handed to sessions outside it; each session has its own bounded queue on its own strand.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "activitypub/context.hpp"
#include "activitypub/events.hpp"
#include "core/limits.hpp"
#include "web/http.hpp"
#include "web/streaming/session.hpp"

namespace gesso::web::streaming {

struct HubOptions {
    std::size_t queue_messages = core::limits::kStreamQueueMessages;
    std::size_t queue_bytes = core::limits::kStreamQueueBytes;
    std::size_t connections_per_token = core::limits::kStreamConnectionsPerToken;
    std::size_t connections_total = core::limits::kStreamConnectionsTotal;
    std::chrono::milliseconds heartbeat = core::limits::kStreamHeartbeat;  // server-sent events' ":thump"
};

// Whether `path` is the WebSocket endpoint (/api/v1/streaming, with or without a trailing slash).
bool is_websocket_path(std::string_view path);

class Hub final : public activitypub::EventSink {
public:
    explicit Hub(activitypub::Context& ctx, HubOptions options = {});
    ~Hub() override;

    const HubOptions& options() const { return options_; }

    // Authenticates a streaming request (token in `access_token`, `Authorization: Bearer` or
    // `Sec-WebSocket-Protocol`) and validates its `stream` parameter. Runs SQL: call it off the I/O threads.
    // Throws core::Error: unauthorized without a valid user token, forbidden when the token lacks the stream's
    // scope, bad_request for an unknown stream, not_found for a list that is not the caller's, unavailable
    // over the per-token or total connection caps.
    Subscriber admit(const Request& req);
    // The same with the stream named by the caller (server-sent events name it in the path), with the request's
    // `tag` and `list` parameters; an empty `stream` subscribes to nothing.
    Subscriber admit(const Request& req, std::string_view stream);
    // Throws as admit() when `subscriber` may not subscribe to `spec`.
    void check_subscription(const Subscriber& subscriber, const StreamSpec& spec);

    // Registers an accepted session; false (the caller closes it with 1013) when a cap was reached meanwhile.
    bool attach(const std::shared_ptr<Session>& session);
    void detach(const Session* session);
    // Closes every session with 1001 (going away). New sessions are refused from then on.
    void shut_down_all();
    std::size_t session_count() const;
    // Sessions closed for falling behind (slow consumers), since start.
    std::size_t cut_off_count() const { return cut_off_.load(); }
    void count_cut_off() { ++cut_off_; }

    // activitypub::EventSink: renders and delivers `event` to the sessions entitled to it.
    void publish(const activitypub::Event& event) noexcept override;

private:
    std::vector<std::shared_ptr<Session>> snapshot() const;
    void deliver_event(storage::Connection& conn, const activitypub::Event& event,
                       const std::vector<std::shared_ptr<Session>>& sessions);

    activitypub::Context& ctx_;
    HubOptions options_;
    mutable std::mutex mutex_;
    std::map<const Session*, std::weak_ptr<Session>> sessions_;
    std::map<core::Id, std::size_t> per_token_;
    bool closed_ = false;
    std::atomic<std::size_t> cut_off_{0};
};

}  // namespace gesso::web::streaming
