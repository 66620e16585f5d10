#include "activitypub/as2/url_check.hpp"

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/utf8.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/text.hpp"

namespace gesso::activitypub::as2 {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Characters that are never legal in a URL and that turn into markup or parser confusion if one slips through.
bool is_forbidden(char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '\\' || c == '<' || c == '>' || c == '"' || c == '`';
}

bool valid_port(std::string_view port) {
    if (port.empty() || port.size() > 5) return false;
    unsigned value = 0;
    for (char c : port) {
        if (!is_digit(c)) return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value >= 1 && value <= 65535;
}

bool valid_authority(std::string_view authority) {
    if (authority.empty()) return false;
    std::string_view host = authority;
    std::string_view port;
    if (authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos || close < 3) return false;
        for (char c : authority.substr(1, close - 1)) {
            if (!is_hex(c) && c != ':' && c != '.') return false;
        }
        std::string_view rest = authority.substr(close + 1);
        if (rest.empty()) return true;
        if (rest.front() != ':') return false;
        return valid_port(rest.substr(1));
    }
    if (auto colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (!valid_port(port)) return false;
    }
    if (host.empty() || host.front() == '.' || host.front() == '-') return false;
    for (char c : host) {
        if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.' && c != '_') return false;
    }
    return true;
}

}  // namespace

bool is_absolute_http_url(std::string_view url) {
    if (url.empty() || url.size() > limits::kMaxUrlBytes) return false;
    for (char c : url) {
        if (is_forbidden(c)) return false;
    }
    if (!is_valid_utf8(url)) return false;
    std::string_view rest;
    if (core::starts_with_icase(url, "https://"))
        rest = url.substr(8);
    else if (core::starts_with_icase(url, "http://"))
        rest = url.substr(7);
    else
        return false;
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    return valid_authority(authority);
}

std::string_view normalise_public(std::string_view address) { return is_public_address(address) ? kPublic : address; }

}  // namespace gesso::activitypub::as2
