#pragma once
// A small blocking HTTP/1.1 client for tests (Boost.Beast), plus a raw-bytes client for malformed input.
// Only ever talks to 127.0.0.1.
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gesso::test {

namespace http = boost::beast::http;

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& lower_name) const;
};

struct HttpCall {
    http::verb method = http::verb::get;
    std::string target = "/";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// One request on a new connection (Connection: close). Throws std::runtime_error on transport failure.
HttpResult http_request(std::uint16_t port, const HttpCall& call);
HttpResult http_get(std::uint16_t port, const std::string& target, const std::string& accept = "");

// The same over TLS, trusting only `ca_file`, verifying the certificate for `host_name`.
HttpResult https_request(std::uint16_t port, const HttpCall& call, const std::string& ca_file,
                         const std::string& host_name);

// Several requests on one keep-alive connection; returns each response in order.
std::vector<HttpResult> http_keep_alive(std::uint16_t port, const std::vector<HttpCall>& calls);

// Sends `bytes` as they are and returns everything the server writes until it closes the connection
// (or `timeout` passes).
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Parses the status code out of a raw HTTP response ("HTTP/1.1 404 ..."); 0 if none.
int raw_status(const std::string& response);

}  // namespace gesso::test
