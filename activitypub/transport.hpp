#pragma once
// The engine's only window on the network. The web layer implements it with Beast (web/client); tests can
// hand the engine a fake. Blocking: called from worker threads, never from I/O threads.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gesso::activitypub {

struct HttpHeader {
    std::string name;
    std::string value;
};

struct OutgoingRequest {
    std::string method = "GET";
    std::string url;  // absolute http(s) URL
    std::vector<HttpHeader> headers;
    std::string body;
    // Called by the transport just before each send, redirect hops included, after it has set Host for the
    // hop's URL: the place to add Date and an HTTP signature, which cover the exact target and host.
    std::function<void(OutgoingRequest&)> sign;
    // Largest response body accepted; 0: limits::kMaxFetchBytes (documents). Media fetches raise it to
    // limits::kMaxImageBytes.
    std::size_t max_response_bytes = 0;

    // First header named `name` (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
    void set_header(std::string name, std::string value);  // replaces any header of that name
};

struct IncomingResponse {
    int status = 0;
    std::vector<HttpHeader> headers;
    std::string body;
    std::string final_url;  // after redirects

    std::optional<std::string> header(std::string_view name) const;
};

class Transport {
public:
    virtual ~Transport() = default;
    // Sends `request` and returns the response (any status). Throws core::Error: forbidden when the
    // destination is refused (private address, blocked scheme), unavailable for connection failures and
    // timeouts, too_large when the response exceeds the size limit.
    virtual IncomingResponse send(const OutgoingRequest& request) = 0;
};

}  // namespace gesso::activitypub
