#pragma once
// The request and response types every handler sees. Handlers are pure: Request in, Response out; they
// never touch sockets. Errors are thrown as core::Error and rendered by render_error() in one place.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/url_view.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace gesso::web {

namespace http = boost::beast::http;

using Response = http::response<http::string_body>;

struct Request {
    http::request<http::string_body> message;
    std::string path;  // percent-decoded, without the query
    std::map<std::string, std::string, std::less<>> params;  // path parameters (":name" segments)
    std::multimap<std::string, std::string, std::less<>> query;  // decoded query parameters
    std::string request_id;
    std::string remote_address;
    // The bearer token's hash once computed (web/oauth/tokens.hpp bearer_token_hash), so the rate limiter and
    // the authentication of one request hash it once. Set only from this request's own Authorization header.
    mutable std::optional<std::string> bearer_hash;

    // First value of a query parameter.
    std::optional<std::string> query_param(std::string_view name) const;
    // A path parameter; the router guarantees those of the matched route exist.
    const std::string& param(std::string_view name) const;
    std::string_view header(http::field field) const;
};

// The HTTP status for an error code (the one mapping in the code base).
http::status status_for(core::Errc code);

// {"error": message} with the status of `code`.
Response error_response(core::Errc code, std::string_view message, unsigned version = 11);

Response json_response(std::string body, std::string_view content_type = "application/json; charset=utf-8",
                       http::status status = http::status::ok);
Response text_response(std::string body, std::string_view content_type, http::status status = http::status::ok);
Response redirect_response(const std::string& location, http::status status = http::status::found);

// A strong validator for `bytes`: the first 128 bits of their SHA-256 in hex, quoted (an ETag value).
std::string strong_etag(std::string_view bytes);

// True when the Accept header asks for ActivityStreams (activity+json, ld+json, or plain JSON).
bool wants_activity_json(std::string_view accept);
// True when the Accept header names text/html (a browser's navigation); API clients send JSON, */* or nothing.
bool prefers_html(std::string_view accept);

}  // namespace gesso::web
