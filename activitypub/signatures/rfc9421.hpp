#pragma once
// RFC 9421 HTTP Message Signatures for requests: the Signature-Input / Signature pair that Fedify 1.6+ sends
// first and Mastodon 4.4+ verifies. Derived components supported: @method, @target-uri, @authority, @scheme,
// @request-target, @path, @query; plus any header field. Component parameters (;sf, ;key, ;bs, ;req, ;name)
// are not supported and make a signature unverifiable. Pure functions, thread-safe.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activitypub/signatures/signed_request.hpp"
#include "activitypub/signatures/signing_keys.hpp"
#include "activitypub/signatures/structured_fields.hpp"
#include "activitypub/transport.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub {

// One signature of a request: a Signature-Input member and the Signature member with the same label.
struct Rfc9421Signature {
    std::string label;
    sf::InnerList covered;               // component identifiers (sf strings) with the signature parameters
    std::vector<std::string> components; // the identifiers' names, in order, e.g. "@method", "content-digest"
    std::optional<std::int64_t> created;
    std::optional<std::int64_t> expires;
    std::string key_id;  // keyid parameter; empty if absent
    std::string alg;     // alg parameter; empty if absent
    std::string signature_params;  // serialised `covered`: the value of the "@signature-params" line
    std::string signature;         // decoded signature bytes
};

// Every signature in the request's Signature-Input that also has a Signature member, in Signature-Input order.
// Throws core::Error(unauthorized) if Signature-Input or Signature is absent or no label appears in both, and
// core::Error(bad_request) if either is malformed: too long, not an RFC 8941 dictionary, a member of the wrong
// type, a component identifier that is not a string, or a parameter of the wrong type.
std::vector<Rfc9421Signature> parse_rfc9421_signatures(const SignedRequest& request);

// The signature base (RFC 9421 §2.5) of `signature` over `request`: one `"<identifier>": <value>` line per
// covered component, then the "@signature-params" line, joined by "\n" with no trailing newline. Header values
// are SignedRequest::header(); @authority is SignedRequest::authority (or the Host header when that is empty)
// normalised by normalize_authority. Throws core::Error(unauthorized) for a covered header the request lacks,
// an unsupported derived component or component parameter; core::Error(bad_request) for an identifier listed
// twice or a header name that is not lowercase.
std::string rfc9421_signature_base(const SignedRequest& request, const Rfc9421Signature& signature);

// Checks only the cryptography. The algorithm is the `alg` parameter (rsa-v1_5-sha256, rsa-pss-sha512 or
// ed25519); without one, `key_algorithm` (what the key is registered for, RFC 9421 §3.2) or else the key type
// decides (RSA -> rsa-v1_5-sha256, Ed25519 -> ed25519). Throws core::Error(unauthorized) for an unknown alg,
// an alg that contradicts `key_algorithm`, a key that does not fit, or a signature that does not verify.
void verify_rfc9421_signature_value(const SignedRequest& request, const Rfc9421Signature& signature,
                                    const std::string& public_pem,
                                    std::optional<SignatureAlgorithm> key_algorithm = std::nullopt);

// Full verification of one signature with the signer's public key. Beyond verify_rfc9421_signature_value it
// requires @method to be covered; @target-uri, or @authority with @path or @request-target; content-digest
// when there is a body, with Content-Digest matching the body (checked whenever the header is present); a
// `created` within `max_skew` of `now` (or, without `created`, a covered Date within `max_skew`); a covered
// Date within `max_skew`; and an `expires` not in the past. Throws core::Error(unauthorized) saying what
// failed, bad_request for malformed headers.
void verify_rfc9421(const SignedRequest& request, const Rfc9421Signature& signature, const std::string& public_pem,
                    core::TimePoint now, std::chrono::seconds max_skew,
                    std::optional<SignatureAlgorithm> key_algorithm = std::nullopt);

// Verifies the first signature parse_rfc9421_signatures returns (its key_id names the key to fetch).
void verify_rfc9421(const SignedRequest& request, const std::string& public_pem, core::TimePoint now,
                    std::chrono::seconds max_skew);

// Signs `request` in place as Fedify does: sets Host, Date, Content-Digest (sha-256, when there is a body or
// the method is POST), then Signature-Input: sig1=("@method" "@target-uri" "@authority" "host" "date"
// ["content-digest"]);alg="...";keyid="...";created=<now> and Signature: sig1=:<base64>:, alg being
// rsa-v1_5-sha256 for RSA keys and ed25519 for Ed25519 keys. Throws core::Error(bad_request) for a URL that is
// not absolute http(s), core::Error(internal) for an unusable key or a key id that is not printable ASCII.
void sign_rfc9421(OutgoingRequest& request, const std::string& key_id, const std::string& private_pem,
                  core::TimePoint now);

}  // namespace gesso::activitypub
