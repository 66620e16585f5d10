#pragma once
// draft-cavage-http-signatures-12: the `Signature` header most fediverse servers still send and expect.
// Signing follows what Mastodon sends; verification follows what peers commonly require (see
// FEDERATION-NOTES.md). Pure functions of their arguments, thread-safe.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/signatures/signed_request.hpp"
#include "activitypub/transport.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub {

// A parsed Signature header.
struct CavageSignature {
    std::string key_id;
    std::string algorithm;             // lowercased; empty when the header has none
    std::vector<std::string> headers;  // lowercased, in order; {"date"} when the parameter is absent (§C.1)
    std::optional<std::int64_t> created;
    std::optional<std::int64_t> expires;
    std::string signature;  // decoded bytes
};

// Parses a Signature header value: comma-separated name="value" parameters (quoted-string escapes allowed,
// commas inside quotes are data), `created` and `expires` also as bare integers, unknown parameters ignored,
// parameter names matched case-insensitively. Throws core::Error(bad_request) naming the problem: too long,
// syntax, a repeated or missing keyId/signature parameter, non-base64 signature, empty or oversized headers list.
CavageSignature parse_cavage_signature(std::string_view value);

// The signing string (draft-cavage-12 §2.3): one "name: value" line per signed header, joined by "\n".
// (request-target) is "<lowercase method> <target>", (created)/(expires) come from the parameters, header
// values are SignedRequest::header(); "host" falls back to SignedRequest::authority when no Host line was
// received (HTTP/2). Throws core::Error(unauthorized) naming the first signed header the request lacks.
std::string cavage_signing_string(const SignedRequest& request, const CavageSignature& signature);

// Checks only the cryptography: the signature over cavage_signing_string with the algorithm the header names
// (rsa-sha256 -> RSASSA-PKCS1-v1_5 SHA-256 and an RSA key; hs2019 or none -> chosen by the key type: RSA ->
// RSASSA-PKCS1-v1_5 SHA-256, Ed25519 -> Ed25519). Throws core::Error(unauthorized) for any other algorithm,
// a key that does not fit, a missing signed header, or a signature that does not verify.
void verify_cavage_signature_value(const SignedRequest& request, const CavageSignature& signature,
                                   const std::string& public_pem);

// Full verification of the request's Signature header with the signer's public key (fetched by the caller
// using parse_cavage_signature(...).key_id). Beyond verify_cavage_signature_value it requires that
// (request-target) is signed, that date or (created) is signed, and digest too when there is a body; that a
// signed Date (and `created`) lies within `max_skew` of `now` in either direction and `expires` has not
// passed; and that Digest matches the body whenever a body or a Digest header is present.
// Throws core::Error(unauthorized) saying what failed, core::Error(bad_request) for malformed headers.
void verify_cavage(const SignedRequest& request, const std::string& public_pem, core::TimePoint now,
                   std::chrono::seconds max_skew);

// Signs `request` in place as Mastodon does: sets Host (from the URL, port only when not the default), Date
// (IMF-fixdate of `now`), Digest (when there is a body or the method is POST) and
// Signature: keyId="...",algorithm="rsa-sha256",headers="(request-target) host date digest content-type",
// signature="..." — digest only when set, content-type only when present; without a digest, accept is signed
// when present. Ed25519 keys sign with algorithm="hs2019". Throws core::Error(bad_request) for a URL that is
// not absolute http(s), core::Error(internal) for an unusable key or a key id containing '"' or '\'.
void sign_cavage(OutgoingRequest& request, const std::string& key_id, const std::string& private_pem,
                 core::TimePoint now);

}  // namespace gesso::activitypub
