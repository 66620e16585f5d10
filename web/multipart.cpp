#include "web/multipart.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::web {

using core::Errc;
using core::Error;
namespace limits = core::limits;

namespace {

constexpr std::string_view kCrlf = "\r\n";

[[noreturn]] void malformed(const std::string& why) { throw Error(Errc::bad_request, "malformed multipart body: " + why); }

// RFC 2046 bcharsnospace plus space (not last).
bool boundary_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// Reads `;`-separated parameters after the first value of a header (name=value or name="quoted").
// Returns the value of `key` (case-insensitive), if present.
std::optional<std::string> header_param(std::string_view value, std::string_view key) {
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        std::size_t eq = value.find('=', i);
        if (eq == std::string_view::npos) return std::nullopt;
        std::string_view name = core::trim(value.substr(i, eq - i));
        std::size_t j = eq + 1;
        std::string param;
        if (j < value.size() && value[j] == '"') {
            ++j;
            bool closed = false;
            for (; j < value.size(); ++j) {
                if (value[j] == '\\' && j + 1 < value.size()) {
                    param += value[++j];
                } else if (value[j] == '"') {
                    closed = true;
                    ++j;
                    break;
                } else {
                    param += value[j];
                }
            }
            if (!closed) malformed("unterminated quoted parameter");
            i = value.find(';', j);
        } else {
            std::size_t end = value.find(';', j);
            param = std::string(core::trim(value.substr(j, end == std::string_view::npos ? std::string_view::npos : end - j)));
            i = end;
        }
        if (core::iequals_ascii(name, key)) return param;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    std::string_view type = core::trim(content_type.substr(0, content_type.find(';')));
    if (!core::iequals_ascii(type, "multipart/form-data")) return std::nullopt;
    auto boundary = header_param(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > limits::kMaxMultipartBoundaryBytes ||
        boundary->back() == ' ') {
        throw Error(Errc::bad_request, "multipart/form-data needs a boundary of 1 to 70 characters");
    }
    for (char c : *boundary) {
        if (!boundary_char(c)) throw Error(Errc::bad_request, "the multipart boundary has a character RFC 2046 forbids");
    }
    return boundary;
}

std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary) {
    const std::string dash_boundary = "--" + std::string(boundary);
    const std::string delimiter = "\r\n" + dash_boundary;
    // The first boundary may start the body, or follow a preamble ending in CRLF.
    std::size_t pos;
    if (body.starts_with(dash_boundary)) {
        pos = dash_boundary.size();
    } else {
        pos = body.find(delimiter);
        if (pos == std::string_view::npos) malformed("no boundary");
        pos += delimiter.size();
    }
    std::vector<MultipartPart> parts;
    for (;;) {
        // After a boundary: "--" closes the body, otherwise optional whitespace then CRLF starts a part.
        if (body.substr(pos, 2) == "--") return parts;
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
        if (body.substr(pos, 2) != kCrlf) malformed("boundary not followed by CRLF");
        pos += 2;
        if (parts.size() >= limits::kMaxMultipartParts) {
            throw Error(Errc::too_large, "more than " + std::to_string(limits::kMaxMultipartParts) + " form parts");
        }
        std::size_t header_end = body.find("\r\n\r\n", pos);
        if (pos < body.size() && body.substr(pos, 2) == kCrlf) header_end = pos - 2;  // no headers at all
        if (header_end == std::string_view::npos) malformed("part headers without an end");
        if (header_end + 2 > pos + limits::kMaxMultipartPartHeaderBytes) {
            throw Error(Errc::too_large, "a form part's headers are larger than " +
                                             std::to_string(limits::kMaxMultipartPartHeaderBytes) + " bytes");
        }
        MultipartPart part;
        bool disposition = false;
        std::string_view headers = header_end + 2 > pos ? body.substr(pos, header_end + 2 - pos) : std::string_view();
        while (!headers.empty()) {
            std::size_t eol = headers.find(kCrlf);
            std::string_view line = headers.substr(0, eol);
            headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
            std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) malformed("a part header without a colon");
            std::string_view name = core::trim(line.substr(0, colon));
            std::string_view value = core::trim(line.substr(colon + 1));
            if (core::iequals_ascii(name, "Content-Disposition")) {
                if (!core::iequals_ascii(core::trim(value.substr(0, value.find(';'))), "form-data")) {
                    malformed("a part that is not form-data");
                }
                auto field = header_param(value, "name");
                if (!field || field->empty()) malformed("a part without a name");
                part.name = *field;
                part.filename = header_param(value, "filename");
                disposition = true;
            } else if (core::iequals_ascii(name, "Content-Type")) {
                part.content_type = std::string(value);
            }
        }
        if (!disposition) malformed("a part without Content-Disposition");
        std::size_t start = header_end + 4;
        std::size_t end = body.find(delimiter, start);
        if (end == std::string_view::npos) malformed("a part without its closing boundary");
        part.body = body.substr(start, end - start);
        if (!part.filename && part.body.size() > limits::kMaxMultipartFieldBytes) {
            throw Error(Errc::too_large, "form field " + part.name + " is larger than " +
                                             std::to_string(limits::kMaxMultipartFieldBytes) + " bytes");
        }
        parts.push_back(std::move(part));
        pos = end + delimiter.size();
    }
}

}  // namespace gesso::web
