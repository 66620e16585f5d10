#pragma once
// For the HTTP signature tests (draft-cavage and RFC 9421): requests built by hand or read from
// tests/fixtures/signatures/, and the key pairs a round-trip suite signs with.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "activitypub/keys.hpp"
#include "activitypub/signatures/rfc9421.hpp"
#include "activitypub/signatures/signed_request.hpp"
#include "activitypub/signatures/structured_fields.hpp"
#include "activitypub/transport.hpp"
#include "core/clock.hpp"
#include "support/fixtures.hpp"

namespace gesso::test {

// An outgoing request; named fields so new members of OutgoingRequest keep their defaults.
inline activitypub::OutgoingRequest make_request(std::string method, std::string url,
                                                 std::vector<activitypub::HttpHeader> headers, std::string body) {
    activitypub::OutgoingRequest r;
    r.method = std::move(method);
    r.url = std::move(url);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

// An HTTP/1.1 message fixture in tests/fixtures/signatures/ ("#" comment lines first) as the server would see
// it over https.
inline activitypub::SignedRequest read_request(std::string_view name) {
    std::string text = read_fixture("signatures", name);
    while (text.rfind('#', 0) == 0) text.erase(0, text.find('\n') + 1);
    std::size_t head_end = text.find("\n\n");
    std::string head = text.substr(0, head_end);
    activitypub::SignedRequest r;
    r.scheme = "https";
    r.body = text.substr(head_end + 2);
    std::size_t line_end = head.find('\n');
    std::string request_line = head.substr(0, line_end);
    r.method = request_line.substr(0, request_line.find(' '));
    r.target = request_line.substr(r.method.size() + 1, request_line.rfind(' ') - r.method.size() - 1);
    for (std::size_t pos = line_end + 1; pos < head.size();) {
        std::size_t end = head.find('\n', pos);
        std::string line = head.substr(pos, end == std::string::npos ? end : end - pos);
        pos = end == std::string::npos ? head.size() : end + 1;
        std::size_t colon = line.find(':');
        r.headers.push_back({line.substr(0, colon), line.substr(colon + 2)});
    }
    r.authority = r.header("host").value_or("");
    return r;
}

// Replaces every header named exactly `name` with one carrying `value`.
inline void set_header(activitypub::SignedRequest& r, const std::string& name, const std::string& value) {
    std::erase_if(r.headers, [&](const activitypub::HttpHeader& h) { return h.name == name; });
    r.headers.push_back({name, value});
}

// The time `unix_seconds` seconds after the epoch.
inline core::TimePoint at(std::int64_t unix_seconds) { return core::from_unix_ms(unix_seconds * 1000); }

// An RFC 9421 signature covering `components` without parameters (and without a signature value).
inline activitypub::Rfc9421Signature covering(std::vector<std::string> components) {
    activitypub::Rfc9421Signature sig;
    for (const auto& c : components) sig.covered.items.push_back(activitypub::sf::Item{c, {}});
    sig.components = std::move(components);
    sig.signature_params = activitypub::sf::serialize_inner_list(sig.covered);
    return sig;
}

// A fixture whose suite shares key pairs generated once: `rsa` and `other` (RSA) and `ed` (Ed25519).
class SigningKeys : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        rsa = new activitypub::PemKeyPair(activitypub::generate_rsa_key());
        other = new activitypub::PemKeyPair(activitypub::generate_rsa_key());
        ed = new activitypub::PemKeyPair(activitypub::generate_ed25519_key());
    }
    static void TearDownTestSuite() {
        delete rsa;
        delete other;
        delete ed;
    }
    static inline activitypub::PemKeyPair* rsa = nullptr;
    static inline activitypub::PemKeyPair* other = nullptr;
    static inline activitypub::PemKeyPair* ed = nullptr;
};

}  // namespace gesso::test
