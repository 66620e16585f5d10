#pragma once
// One streaming connection as the Hub sees it, whatever carries it (WebSocket or server-sent events, over TCP
// or TLS). Thread-safe:
// the Hub calls deliver() and shut_down() from any thread; the subscription set is guarded by a mutex.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "activitypub/status_filters.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"
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

    // The subscriber's filters (v2) of `context` ("home", "public", "notifications"), loaded on first use and
    // kept until a filter is written (storage::filters_generation) or one of them expires: one load per
    // session, not one per event.
    std::shared_ptr<const activitypub::ActiveFilters> filters(storage::Connection& conn, const std::string& context,
                                                            core::TimePoint now);

private:
    struct CachedFilters {
        std::uint64_t generation = 0;
        std::optional<core::TimePoint> expires;
        std::shared_ptr<const activitypub::ActiveFilters> filters;
    };

    Subscriber subscriber_;
    mutable std::mutex mutex_;
    std::set<StreamSpec> streams_;
    std::mutex filters_mutex_;
    std::map<std::string, CachedFilters> filters_;
};

}  // namespace gesso::web::streaming
