#include "web/streaming/session.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/filters.hpp"
#include "web/streaming/hub.hpp"

namespace gesso::web::streaming {

std::optional<std::string> Session::handle_client_message(Hub& hub, std::string_view text) {
    try {
        ClientMessage msg = parse_client_message(text);
        if (!msg.subscribe) {
            std::lock_guard lock(mutex_);
            streams_.erase(msg.stream);
            return std::nullopt;
        }
        hub.check_subscription(subscriber_, msg.stream);  // SQL for lists; not under our lock
        std::lock_guard lock(mutex_);
        if (streams_.size() >= core::limits::kStreamSubscriptions && !streams_.count(msg.stream)) {
            throw core::Error(core::Errc::unprocessable, "Too many subscriptions on this connection");
        }
        streams_.insert(msg.stream);
        return std::nullopt;
    } catch (const core::Error& e) {
        return error_frame(e.what(), static_cast<int>(status_for(e.code())));
    }
}

std::shared_ptr<const activitypub::ActiveFilters> Session::filters(storage::Connection& conn, const std::string& context,
                                                                   core::TimePoint now) {
    const std::uint64_t generation = storage::filters_generation();  // read before loading what it guards
    {
        std::lock_guard lock(filters_mutex_);
        auto it = filters_.find(context);
        if (it != filters_.end() && it->second.generation == generation &&
            (!it->second.expires || now < *it->second.expires)) {
            return it->second.filters;
        }
    }
    auto loaded = std::make_shared<const activitypub::ActiveFilters>(
        activitypub::ActiveFilters::load(conn, subscriber_.account_id, context, now));
    std::lock_guard lock(filters_mutex_);
    filters_[context] = CachedFilters{generation, loaded->next_expiry(), loaded};
    return loaded;
}

}  // namespace gesso::web::streaming
