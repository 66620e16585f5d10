#include "activitypub/signatures/digest.hpp"

#include <openssl/crypto.h>

#include <optional>

#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signature_limits.hpp"
#include "activitypub/signatures/structured_fields.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

namespace {

// The digest of `body` for an algorithm name (already lowercased), or nullopt if we do not support it.
std::optional<std::string> digest_for(std::string_view algorithm, std::string_view body) {
    if (algorithm == "sha-256") return sha256(body);
    if (algorithm == "sha-512") return sha512(body);
    return std::nullopt;
}

// Constant-time comparison: the digest is public, but there is no reason to leak how much of it matched.
bool same_bytes(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void check_length(std::string_view value, const char* field) {
    if (value.size() > signature_limits::kMaxSignatureHeaderBytes) {
        throw core::Error(core::Errc::bad_request, std::string(field) + " header is too long");
    }
}

}  // namespace

std::string digest_header(std::string_view body) { return "SHA-256=" + base64_encode(sha256(body)); }

std::string content_digest_header(std::string_view body) { return "sha-256=:" + base64_encode(sha256(body)) + ":"; }

void check_digest_header(std::string_view value, std::string_view body) {
    check_length(value, "Digest");
    bool understood = false;
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t comma = value.find(',', start);
        std::string_view entry = core::trim(value.substr(start, comma == std::string_view::npos ? comma : comma - start));
        start = comma == std::string_view::npos ? value.size() + 1 : comma + 1;
        // Split at the first '=' only: base64 padding is '=' too.
        std::size_t eq = entry.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            throw core::Error(core::Errc::bad_request, "Digest header is malformed (expected algorithm=base64)");
        }
        std::string algorithm = core::to_lower_ascii(core::trim(entry.substr(0, eq)));
        std::optional<std::string> expected = digest_for(algorithm, body);
        if (!expected) continue;
        std::optional<std::string> given = base64_decode(core::trim(entry.substr(eq + 1)));
        if (!given) throw core::Error(core::Errc::bad_request, "Digest header value is not valid base64");
        if (!same_bytes(*given, *expected)) {
            throw core::Error(core::Errc::unauthorized, "Digest " + algorithm + " does not match the request body");
        }
        understood = true;
    }
    if (!understood) {
        throw core::Error(core::Errc::unauthorized, "Digest header has no supported algorithm (SHA-256 or SHA-512)");
    }
}

void check_content_digest_header(std::string_view value, std::string_view body) {
    check_length(value, "Content-Digest");
    bool understood = false;
    for (const auto& member : sf::parse_dictionary(value, "Content-Digest")) {
        std::optional<std::string> expected = digest_for(member.key, body);
        if (!expected) continue;
        const auto* item = std::get_if<sf::Item>(&member.value);
        const auto* bytes = item ? std::get_if<sf::ByteSequence>(&item->value) : nullptr;
        if (!bytes) {
            throw core::Error(core::Errc::bad_request, "Content-Digest " + member.key + " is not a byte sequence");
        }
        if (!same_bytes(bytes->bytes, *expected)) {
            throw core::Error(core::Errc::unauthorized, "Content-Digest " + member.key + " does not match the request body");
        }
        understood = true;
    }
    if (!understood) {
        throw core::Error(core::Errc::unauthorized,
                          "Content-Digest header has no supported algorithm (sha-256 or sha-512)");
    }
}

}  // namespace gesso::activitypub
