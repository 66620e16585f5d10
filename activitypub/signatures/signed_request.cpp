#include "activitypub/signatures/signed_request.hpp"

#include <array>
#include <chrono>

#include "core/error.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

std::optional<std::string> SignedRequest::header(std::string_view name) const {
    std::optional<std::string> joined;
    for (const auto& h : headers) {
        if (!core::iequals_ascii(h.name, name)) continue;
        std::string_view value = core::trim(h.value);
        if (joined) {
            *joined += ", ";
            *joined += value;
        } else {
            joined = std::string(value);
        }
    }
    return joined;
}

std::string normalize_authority(std::string_view authority, std::string_view scheme) {
    std::string out = core::to_lower_ascii(authority);
    std::size_t host_end = 0;
    if (!out.empty() && out.front() == '[') {  // [v6]:port
        host_end = out.find(']');
        if (host_end == std::string::npos) return out;
        ++host_end;
    } else {
        host_end = out.find(':');
        if (host_end == std::string::npos) return out;
    }
    if (host_end >= out.size() || out[host_end] != ':') return out;
    std::string_view port = std::string_view(out).substr(host_end + 1);
    bool is_default = port.empty() || (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
    if (is_default) out.resize(host_end);
    return out;
}

UrlParts split_url(std::string_view url) {
    std::size_t sep = url.find("://");
    if (sep == std::string_view::npos) throw core::Error(core::Errc::bad_request, "URL is not absolute");
    UrlParts parts;
    parts.scheme = core::to_lower_ascii(url.substr(0, sep));
    if (parts.scheme != "http" && parts.scheme != "https") {
        throw core::Error(core::Errc::bad_request, "URL scheme must be http or https");
    }
    std::string_view rest = url.substr(sep + 3);
    std::size_t authority_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authority_end);
    if (authority.empty() || authority.front() == ':') throw core::Error(core::Errc::bad_request, "URL has no host");
    if (authority.find('@') != std::string_view::npos) {
        throw core::Error(core::Errc::bad_request, "URL must not carry user information");
    }
    parts.authority = normalize_authority(authority, parts.scheme);
    std::string_view target = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    target = target.substr(0, target.find('#'));
    if (target.empty() || target.front() == '?') parts.target.push_back('/');
    parts.target += target;
    return parts;
}

SignedRequest signed_request_from(const OutgoingRequest& request) {
    UrlParts parts = split_url(request.url);
    return SignedRequest{request.method, parts.target, parts.authority, parts.scheme, request.headers, request.body};
}

std::optional<core::TimePoint> parse_http_date(std::string_view text) {
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, so parse by position.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
        text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
        return std::nullopt;
    }
    static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    bool day_ok = false;
    for (auto d : kDays) day_ok = day_ok || text.substr(0, 3) == d;
    unsigned month = 0;
    for (unsigned i = 0; i < kMonths.size(); ++i) {
        if (text.substr(8, 3) == kMonths[i]) month = i + 1;
    }
    if (!day_ok || month == 0) return std::nullopt;
    auto number = [&](std::size_t at, std::size_t width) -> int {
        int n = 0;
        for (std::size_t i = at; i < at + width; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            n = n * 10 + (text[i] - '0');
        }
        return n;
    };
    int day = number(5, 2), year = number(12, 4), hour = number(17, 2), minute = number(20, 2), second = number(23, 2);
    if (day < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
        return std::nullopt;
    }
    std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    // The weekday name is not checked against the date: it carries no information and a peer that gets it
    // wrong has still signed the same string we read.
    return core::TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second);
}

}  // namespace gesso::activitypub
