#include "web/http.hpp"

#include <openssl/evp.h>

#include "core/json.hpp"
#include "core/text.hpp"

namespace gesso::web {

using core::Errc;

std::optional<std::string> Request::query_param(std::string_view name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

const std::string& Request::param(std::string_view name) const {
    auto it = params.find(name);
    if (it == params.end()) throw core::Error(Errc::internal, "internal error", "missing path parameter");
    return it->second;
}

std::string_view Request::header(http::field field) const {
    auto it = message.find(field);
    if (it == message.end()) return {};
    return {it->value().data(), it->value().size()};
}

http::status status_for(Errc code) {
    switch (code) {
        case Errc::bad_request: return http::status::bad_request;
        case Errc::unauthorized: return http::status::unauthorized;
        case Errc::forbidden: return http::status::forbidden;
        case Errc::not_found: return http::status::not_found;
        case Errc::method_not_allowed: return http::status::method_not_allowed;
        case Errc::not_acceptable: return http::status::not_acceptable;
        case Errc::conflict: return http::status::conflict;
        case Errc::gone: return http::status::gone;
        case Errc::too_large: return http::status::payload_too_large;
        case Errc::unprocessable: return http::status::unprocessable_entity;
        case Errc::too_many_requests: return http::status::too_many_requests;
        case Errc::header_too_large: return http::status::request_header_fields_too_large;
        case Errc::internal: return http::status::internal_server_error;
        case Errc::unavailable: return http::status::service_unavailable;
    }
    return http::status::internal_server_error;
}

Response error_response(Errc code, std::string_view message, unsigned version) {
    Response res{status_for(code), version};
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.body() = core::json_error_body(message);
    res.prepare_payload();
    return res;
}

Response json_response(std::string body, std::string_view content_type, http::status status) {
    return text_response(std::move(body), content_type, status);
}

std::string strong_etag(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw core::Error(core::Errc::internal, "internal error", "EVP_Digest failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string tag = "\"";
    for (unsigned int i = 0; i < 16 && i < length; ++i) {
        tag += kHex[digest[i] >> 4];
        tag += kHex[digest[i] & 0xF];
    }
    tag += '"';
    return tag;
}

Response text_response(std::string body, std::string_view content_type, http::status status) {
    Response res{status, 11};
    res.set(http::field::content_type, content_type);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response redirect_response(const std::string& location, http::status status) {
    Response res{status, 11};
    res.set(http::field::location, location);
    res.set(http::field::content_type, "text/html; charset=utf-8");
    res.body() = "<a href=\"" + core::html_escape(location) + "\">" + core::html_escape(location) + "</a>\n";
    res.prepare_payload();
    return res;
}

bool wants_activity_json(std::string_view accept) {
    std::string lower = core::to_lower_ascii(accept);
    return lower.find("application/activity+json") != std::string::npos ||
           lower.find("application/ld+json") != std::string::npos ||
           lower.find("application/json") != std::string::npos;
}

bool prefers_html(std::string_view accept) {
    return core::to_lower_ascii(accept).find("text/html") != std::string::npos;
}

}  // namespace gesso::web
