#pragma once
// One streaming connection as the Hub sees it, whatever carries it (WebSocket or server-sent events, over TCP
// or TLS). Thread-safe:
// the Hub calls deliver() and shut_down() from any thread; the subscription set is guarded by a mutex.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "web/oauth/scopes.hpp"
#include "web/streaming/streams.hpp"

namespace gesso::web::streaming {

// Who opened the connection and what it asked for first; decided by Hub::admit().
struct Subscriber {
    core::Id account_id = 0;
    core::Id token_id = 0;
    oauth::ScopeSet scopes;
    std::optional<StreamSpec> initial;  // from ?stream=...; none: the client subscribes by message
    std::string protocol;               // Sec-WebSocket-Protocol to echo (the token, when sent that way)
};

class Hub;

class Session {
public:
    explicit Session(Subscriber subscriber) : subscriber_(std::move(subscriber)) {
        if (subscriber_.initial) streams_.insert(*subscriber_.initial);
    }
    virtual ~Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const Subscriber& subscriber() const { return subscriber_; }

    // Queues an event. When the queue is over its limits the connection is cut off instead (WebSocket: close
    // code 1008).
    virtual void deliver(std::shared_ptr<const Message> message) = 0;
    // Closes (WebSocket: 1001, going away): the node is shutting down.
    virtual void shut_down() = 0;

    std::set<StreamSpec> streams() const {
        std::lock_guard lock(mutex_);
        return streams_;
    }
    bool subscribed_to(const StreamSpec& spec) const {
        std::lock_guard lock(mutex_);
        return streams_.count(spec) != 0;
    }

    // Applies a client's text message; returns an error frame to send back, or nothing.
    std::optional<std::string> handle_client_message(Hub& hub, std::string_view text);

private:
    Subscriber subscriber_;
    mutable std::mutex mutex_;
    std::set<StreamSpec> streams_;
};

}  // namespace gesso::web::streaming
