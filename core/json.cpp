#include "core/json.hpp"

namespace gesso::core {

std::string json_error_body(std::string_view message) {
    JsonWriter w;
    w.begin_object().field("error", message).end_object();
    return w.str();
}

}  // namespace gesso::core
