#include "web/streaming/session.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
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

}  // namespace gesso::web::streaming
