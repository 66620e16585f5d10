#pragma once
// Parsing untrusted JSON with written limits: size and nesting depth are checked before RapidJSON builds the
// document, so a hostile body cannot exhaust the stack or memory.
#include <rapidjson/document.h>

#include <cstddef>
#include <string_view>

#include "core/limits.hpp"

namespace gesso::core {

// Throws core::Error(bad_request) naming the problem: too large, nested deeper than `max_depth`, or not JSON.
rapidjson::Document parse_json(std::string_view text, int max_depth = limits::kMaxJsonDepth,
                               std::size_t max_bytes = limits::kInboxBodyBytes);

// The deepest nesting of arrays and objects in `text` (strings are skipped), without parsing it.
int json_nesting_depth(std::string_view text);

}  // namespace gesso::core
