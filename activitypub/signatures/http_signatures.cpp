#include "activitypub/signatures/http_signatures.hpp"

#include "core/error.hpp"

namespace gesso::activitypub {

namespace {
[[noreturn]] void unsigned_request() {
    throw core::Error(core::Errc::unauthorized, "request is not signed (no Signature header)");
}
}  // namespace

HttpSignatureScheme http_signature_scheme(const SignedRequest& request) {
    if (request.header("signature-input")) return HttpSignatureScheme::rfc9421;
    if (request.header("signature")) return HttpSignatureScheme::cavage;
    return HttpSignatureScheme::none;
}

std::string http_signature_key_id(const SignedRequest& request) {
    switch (http_signature_scheme(request)) {
        case HttpSignatureScheme::rfc9421: {
            std::string key_id = parse_rfc9421_signatures(request).front().key_id;
            if (key_id.empty()) throw core::Error(core::Errc::unauthorized, "HTTP message signature has no keyid");
            return key_id;
        }
        case HttpSignatureScheme::cavage: return parse_cavage_signature(*request.header("signature")).key_id;
        case HttpSignatureScheme::none: break;
    }
    unsigned_request();
}

void verify_http_signature(const SignedRequest& request, const std::string& public_pem, core::TimePoint now,
                           std::chrono::seconds max_skew) {
    switch (http_signature_scheme(request)) {
        case HttpSignatureScheme::rfc9421: return verify_rfc9421(request, public_pem, now, max_skew);
        case HttpSignatureScheme::cavage: return verify_cavage(request, public_pem, now, max_skew);
        case HttpSignatureScheme::none: break;
    }
    unsigned_request();
}

}  // namespace gesso::activitypub
