#pragma once
// HTTP signatures, both schemes peers use, behind one entry point for the inbox and for signed fetches:
// RFC 9421 (Signature-Input present) and draft-cavage-12 (Signature only). Include this header to get all of
// digest.hpp, cavage.hpp and rfc9421.hpp. Thread-safe.
//
// Inbound, the web layer builds a SignedRequest, asks http_signature_key_id() which key to fetch (through the
// transport, cached), then calls verify_http_signature(); any failure is a core::Error to answer with 401/400.
// Outbound, sign with sign_rfc9421() first and, if the peer answers 401, retry with sign_cavage() (Fedify's
// "double knock", remembered per server).
#include <chrono>
#include <string>

#include "activitypub/signatures/cavage.hpp"
#include "activitypub/signatures/digest.hpp"
#include "activitypub/signatures/rfc9421.hpp"
#include "activitypub/signatures/signature_limits.hpp"
#include "activitypub/signatures/signed_request.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub {

enum class HttpSignatureScheme { none, cavage, rfc9421 };

// rfc9421 when a Signature-Input header is present, cavage when only Signature is, none otherwise.
HttpSignatureScheme http_signature_scheme(const SignedRequest& request);

// The key id of the signature verify_http_signature() checks (for RFC 9421, the first one). Throws
// core::Error(unauthorized) for an unsigned request or a signature without keyid, bad_request when malformed.
std::string http_signature_key_id(const SignedRequest& request);

// verify_rfc9421() or verify_cavage(), by scheme. Throws core::Error(unauthorized) for an unsigned request
// and as those functions do.
void verify_http_signature(const SignedRequest& request, const std::string& public_pem, core::TimePoint now,
                           std::chrono::seconds max_skew = signature_limits::kDefaultMaxSkew);

}  // namespace gesso::activitypub
