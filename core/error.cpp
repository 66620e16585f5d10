#include "core/error.hpp"

#include <utility>

namespace gesso::core {

Error::Error(Errc code, std::string message, std::string detail)
    : std::runtime_error(std::move(message)), code_(code), detail_(std::move(detail)) {}

std::string_view to_string(Errc code) {
    switch (code) {
        case Errc::bad_request: return "bad_request";
        case Errc::unauthorized: return "unauthorized";
        case Errc::forbidden: return "forbidden";
        case Errc::not_found: return "not_found";
        case Errc::method_not_allowed: return "method_not_allowed";
        case Errc::not_acceptable: return "not_acceptable";
        case Errc::conflict: return "conflict";
        case Errc::gone: return "gone";
        case Errc::too_large: return "too_large";
        case Errc::unprocessable: return "unprocessable";
        case Errc::too_many_requests: return "too_many_requests";
        case Errc::header_too_large: return "header_too_large";
        case Errc::internal: return "internal";
        case Errc::unavailable: return "unavailable";
    }
    return "internal";
}

}  // namespace gesso::core
