#include "web/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
namespace http = beast::http;
namespace limits = core::limits;
using tcp = asio::ip::tcp;
using activitypub::IncomingResponse;
using activitypub::OutgoingRequest;
using core::Errc;
using core::Error;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct Target {
    bool https = true;
    std::string host;       // without brackets
    std::string port;       // always set
    std::string authority;  // host[:port] as in the URL, lower-case: the Host header and the resolve key
    std::string resource;   // path + query
};

Target parse_target(const std::string& url_text, bool allow_http) {
    if (url_text.size() > limits::kMaxUrlLength) throw Error(Errc::bad_request, "URL is too long");
    auto parsed = boost::urls::parse_absolute_uri(url_text);
    if (!parsed) throw Error(Errc::bad_request, "invalid URL: " + url_text);
    Target t;
    std::string scheme = core::to_lower_ascii(parsed->scheme());
    if (scheme == "http" && !allow_http) throw Error(Errc::forbidden, "refusing plain http: " + url_text);
    if (scheme != "https" && scheme != "http") throw Error(Errc::forbidden, "refusing URL scheme " + scheme);
    t.https = scheme == "https";
    t.host = core::to_lower_ascii(parsed->encoded_host_address());
    if (t.host.size() >= 2 && t.host.front() == '[') t.host = t.host.substr(1, t.host.size() - 2);
    if (t.host.empty()) throw Error(Errc::bad_request, "URL has no host: " + url_text);
    t.port = parsed->has_port() ? std::string(parsed->port()) : (t.https ? "443" : "80");
    t.authority = core::to_lower_ascii(parsed->encoded_authority());
    if (auto at = t.authority.rfind('@'); at != std::string::npos) {
        throw Error(Errc::bad_request, "URLs with credentials are refused");
    }
    t.resource = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
    if (parsed->has_query()) t.resource += "?" + std::string(parsed->encoded_query());
    return t;
}

bool in_v4(std::uint32_t addr, std::uint32_t net, int bits) {
    std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t(0) << (32 - bits);
    return (addr & mask) == (net & mask);
}

bool private_v4(const asio::ip::address_v4& a) {
    std::uint32_t v = a.to_uint();
    static constexpr std::pair<std::uint32_t, int> kRanges[] = {
        {0x00000000, 8},  {0x0A000000, 8},  {0x64400000, 10}, {0x7F000000, 8},  {0xA9FE0000, 16},
        {0xAC100000, 12}, {0xC0000000, 24}, {0xC0000200, 24}, {0xC0A80000, 16}, {0xC6120000, 15},
        {0xC6336400, 24}, {0xCB007100, 24}, {0xE0000000, 4},  {0xF0000000, 4},
    };
    for (auto [net, bits] : kRanges) {
        if (in_v4(v, net, bits)) return true;
    }
    return false;
}

template <class Stream>
asio::awaitable<IncomingResponse> exchange(Stream& stream, const Target& t, const OutgoingRequest& out) {
    http::request<http::string_body> req;
    auto method = http::string_to_verb(out.method);
    if (method == http::verb::unknown) throw Error(Errc::bad_request, "unknown HTTP method " + out.method);
    req.method(method);
    req.target(t.resource);
    req.version(11);
    for (const auto& h : out.headers) req.set(h.name, h.value);
    if (req.find(http::field::host) == req.end()) req.set(http::field::host, t.authority);
    req.body() = out.body;
    if (!out.body.empty() || method == http::verb::post || method == http::verb::put) req.prepare_payload();
    req.keep_alive(false);

    beast::get_lowest_layer(stream).expires_after(limits::kFetchTimeout);
    auto [write_ec, written] = co_await http::async_write(stream, req, use_tuple);
    if (write_ec) throw Error(Errc::unavailable, "sending to " + t.authority + " failed: " + write_ec.message());
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits::kMaxHeaderBytes));
    parser.body_limit(out.max_response_bytes != 0 ? out.max_response_bytes : limits::kMaxFetchBytes);
    parser.skip(method == http::verb::head);
    auto [read_ec, read_n] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (read_ec == http::error::body_limit) {
        throw Error(Errc::too_large, "response from " + t.authority + " is larger than the limit");
    }
    if (read_ec) throw Error(Errc::unavailable, "reading from " + t.authority + " failed: " + read_ec.message());
    auto res = parser.release();
    IncomingResponse result;
    result.status = res.result_int();
    for (const auto& field : res) {
        result.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    result.body = std::move(res.body());
    co_return result;
}

}  // namespace

bool is_private_address(const std::string& address) {
    boost::system::error_code ec;
    auto a = asio::ip::make_address(address, ec);
    if (ec) return true;  // unknown is not safe
    if (a.is_v4()) return private_v4(a.to_v4());
    auto v6 = a.to_v6();
    if (v6.is_v4_mapped()) return private_v4(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
    auto bytes = v6.to_bytes();
    if (v6.is_loopback() || v6.is_unspecified() || v6.is_multicast() || v6.is_link_local()) return true;
    if ((bytes[0] & 0xFE) == 0xFC) return true;                                      // fc00::/7 unique local
    if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8) return true;  // 2001:db8::/32
    if (bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b) return true;     // 64:ff9b::/96
    return false;
}

std::map<std::string, std::string> parse_resolve_rules(const std::vector<std::string>& rules) {
    std::map<std::string, std::string> out;
    for (const auto& rule : rules) {
        auto eq = rule.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == rule.size()) {
            throw Error(Errc::bad_request, "resolve rule '" + rule + "' must look like host[:port]=address:port");
        }
        out[core::to_lower_ascii(rule.substr(0, eq))] = rule.substr(eq + 1);
    }
    return out;
}

struct HttpClient::Impl {
    explicit Impl(ClientOptions o) : options(std::move(o)), tls(ssl::context::tls_client) {
        tls.set_default_verify_paths();
        if (!options.extra_ca_file.empty()) {
            beast::error_code ec;
            tls.load_verify_file(options.extra_ca_file, ec);
            if (ec) throw Error(Errc::unavailable, "cannot load extra_ca_file " + options.extra_ca_file + ": " + ec.message());
        }
        tls.set_verify_mode(ssl::verify_peer);
    }

    // Where to connect for `t`: the resolve override, or DNS; then the SSRF guard on every address.
    asio::awaitable<std::vector<tcp::endpoint>> endpoints_for(const Target& t) {
        std::vector<tcp::endpoint> out;
        auto override_it = options.resolve.find(t.authority);
        if (override_it == options.resolve.end()) override_it = options.resolve.find(t.host);
        if (override_it != options.resolve.end()) {
            const std::string& target = override_it->second;
            auto colon = target.rfind(':');
            boost::system::error_code ec;
            auto address = asio::ip::make_address(target.substr(0, colon), ec);
            if (ec || colon == std::string::npos) throw Error(Errc::bad_request, "bad resolve target " + target);
            out.emplace_back(address, static_cast<unsigned short>(std::stoi(target.substr(colon + 1))));
        } else {
            tcp::resolver resolver(co_await asio::this_coro::executor);
            auto [ec, results] = co_await resolver.async_resolve(t.host, t.port, use_tuple);
            if (ec) throw Error(Errc::unavailable, "cannot resolve " + t.host + ": " + ec.message());
            for (const auto& entry : results) out.push_back(entry.endpoint());
        }
        if (!options.allow_private_addresses) {
            for (const auto& endpoint : out) {
                if (is_private_address(endpoint.address().to_string())) {
                    throw Error(Errc::forbidden, "refusing to connect to " + t.host + ": private address " +
                                                     endpoint.address().to_string());
                }
            }
        }
        co_return out;
    }

    asio::awaitable<IncomingResponse> send_once(OutgoingRequest request) {
        Target t = parse_target(request.url, options.allow_http);
        request.set_header("Host", t.authority);
        if (!request.header("User-Agent")) request.set_header("User-Agent", options.user_agent);
        if (request.sign) request.sign(request);
        auto endpoints = co_await endpoints_for(t);
        auto executor = co_await asio::this_coro::executor;
        beast::tcp_stream tcp_stream(executor);
        tcp_stream.expires_after(limits::kFetchConnectTimeout);
        auto [connect_ec, connected] = co_await tcp_stream.async_connect(endpoints, use_tuple);
        if (connect_ec) throw Error(Errc::unavailable, "cannot connect to " + t.authority + ": " + connect_ec.message());
        if (!t.https) co_return co_await exchange(tcp_stream, t, request);

        beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), tls);
        if (!SSL_set_tlsext_host_name(stream.native_handle(), t.host.c_str())) {
            throw Error(Errc::unavailable, "cannot set TLS server name for " + t.host);
        }
        stream.set_verify_callback(ssl::host_name_verification(t.host));
        beast::get_lowest_layer(stream).expires_after(limits::kFetchConnectTimeout);
        auto [hs_ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
        if (hs_ec) throw Error(Errc::unavailable, "TLS with " + t.authority + " failed: " + hs_ec.message());
        co_return co_await exchange(stream, t, request);
    }

    IncomingResponse send(const OutgoingRequest& request) {
        OutgoingRequest current = request;
        for (int hop = 0;; ++hop) {
            asio::io_context ioc;
            auto future = asio::co_spawn(ioc, send_once(current), asio::use_future);
            ioc.run();
            IncomingResponse response = future.get();
            response.final_url = current.url;
            bool redirect = response.status == 301 || response.status == 302 || response.status == 303 ||
                            response.status == 307 || response.status == 308;
            auto location = response.header("Location");
            if (!redirect || !location || current.method != "GET" || hop >= limits::kMaxRedirects) return response;
            auto base = boost::urls::parse_absolute_uri(current.url);
            auto ref = boost::urls::parse_uri_reference(*location);
            if (!base || !ref) return response;
            boost::urls::url next;
            if (boost::urls::resolve(*base, *ref, next).has_error()) return response;
            current.url = std::string(next.buffer());
        }
    }

    ClientOptions options;
    ssl::context tls;
};

HttpClient::HttpClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpClient::~HttpClient() = default;

IncomingResponse HttpClient::send(const OutgoingRequest& request) { return impl_->send(request); }

}  // namespace gesso::web
