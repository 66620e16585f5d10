#pragma once
// multipart/form-data (RFC 7578, RFC 2046 section 5.1) as Mastodon clients send uploads. Bounded: parts per
// body (limits::kMaxMultipartParts), header block per part (kMaxMultipartPartHeaderBytes), bytes of a field
// that is not a file (kMaxMultipartFieldBytes); the body itself is bounded by the route's body limit. A part's
// own Content-Type and file name are kept for information only: what a file is gets decided by its bytes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gesso::web {

struct MultipartPart {
    std::string name;                     // form field name (Content-Disposition name)
    std::optional<std::string> filename;  // set when the part is a file (even an empty file name)
    std::string content_type;             // as declared by the client; may be empty
    std::string_view body;                // into the parsed body: valid while that body lives
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type; nullopt for any other type. Throws
// core::Error(bad_request) when the type is multipart/form-data but the boundary is missing or malformed.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Splits `body` into its parts. Throws core::Error(bad_request) for a malformed body (no closing delimiter,
// a part without Content-Disposition form-data name, a header block without its blank line) and
// core::Error(too_large) when a limit is exceeded.
std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace gesso::web
