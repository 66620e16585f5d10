#pragma once
// One protocol-agnostic error type for every layer. The message is safe to show to clients; the detail is
// internal and only logged. web/http_error.cpp maps the code to an HTTP status, in one place.
#include <stdexcept>
#include <string>
#include <string_view>

namespace gesso::core {

enum class Errc {
    bad_request,         // malformed input (400)
    unauthorized,        // missing or invalid credentials or signature (401)
    forbidden,           // authenticated but not allowed (403)
    not_found,           // no such resource (404)
    method_not_allowed,  // the route exists, the method does not (405)
    not_acceptable,      // no representation matches Accept (406)
    conflict,            // already exists (409)
    gone,                // existed, deleted or suspended (410)
    too_large,           // body over its limit (413)
    unprocessable,       // well-formed but invalid values (422)
    too_many_requests,   // rate limited (429)
    header_too_large,    // request headers over their limit (431)
    internal,            // a bug or an unexpected failure (500)
    unavailable,         // overloaded or shutting down (503)
};

std::string_view to_string(Errc code);

class Error : public std::runtime_error {
public:
    // `message` is shown to clients; `detail` goes to the log only.
    Error(Errc code, std::string message, std::string detail = {});
    Errc code() const noexcept { return code_; }
    const std::string& detail() const noexcept { return detail_; }

private:
    Errc code_;
    std::string detail_;
};

}  // namespace gesso::core
