#include "activitypub/transport.hpp"

#include "core/text.hpp"

namespace gesso::activitypub {

namespace {
std::optional<std::string> find_header(const std::vector<HttpHeader>& headers, std::string_view name) {
    for (const auto& h : headers) {
        if (core::iequals_ascii(h.name, name)) return h.value;
    }
    return std::nullopt;
}
}  // namespace

std::optional<std::string> OutgoingRequest::header(std::string_view name) const { return find_header(headers, name); }

void OutgoingRequest::set_header(std::string name, std::string value) {
    std::erase_if(headers, [&](const HttpHeader& h) { return core::iequals_ascii(h.name, name); });
    headers.push_back({std::move(name), std::move(value)});
}

std::optional<std::string> IncomingResponse::header(std::string_view name) const { return find_header(headers, name); }

}  // namespace gesso::activitypub
