#pragma once
// What a signature verifier needs to know about an incoming request, independent of Beast, plus the URL and
// date helpers that signing and verifying share. Plain values: safe to copy between threads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/transport.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub {

struct SignedRequest {
    std::string method;     // as sent, e.g. "POST"
    std::string target;     // origin-form request target as sent: path plus "?query"
    std::string authority;  // the Host the request was sent to, host[:port]
    std::string scheme;     // "https" or "http": how the request reached us, for @scheme and @target-uri
    std::vector<HttpHeader> headers;
    std::string body;

    // The value of header `name` (case-insensitive) as a signature covers it: each field line trimmed of
    // surrounding whitespace, repeated lines joined with ", " in order. nullopt when there is no such header.
    std::optional<std::string> header(std::string_view name) const;
};

// The parts of an absolute http(s) URL that requests are signed over.
struct UrlParts {
    std::string scheme;     // lowercase "http" or "https"
    std::string authority;  // normalised: lowercase host, port kept only when not the scheme's default
    std::string target;     // path (at least "/") plus "?query"; no fragment
};

// Splits `url`. Throws core::Error(bad_request) if it is not an absolute http or https URL with a host.
UrlParts split_url(std::string_view url);

// Normalises an authority as RFC 9110 §4.2.3 compares them: lowercase, default port (80 for http, 443 for
// https) removed. Used for Host and @authority on both sides.
std::string normalize_authority(std::string_view authority, std::string_view scheme);

// The request as the receiving server will see it: scheme, authority and target from the URL, same headers
// and body. Lets tests (and loopback delivery) verify what sign_cavage / sign_rfc9421 produced.
SignedRequest signed_request_from(const OutgoingRequest& request);

// Parses an HTTP date in IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110 §5.6.7), the only form
// peers send. nullopt for anything else, including the obsolete RFC 850 and asctime forms.
std::optional<core::TimePoint> parse_http_date(std::string_view text);

}  // namespace gesso::activitypub
