#include "activitypub/request_auth.hpp"

#include "activitypub/signatures/http_signatures.hpp"
#include "core/error.hpp"
#include "storage/domain_blocks.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

VerificationKey authenticate_signed_request(Context& ctx, const SignedRequest& request) {
    if (http_signature_scheme(request) == HttpSignatureScheme::none) {
        throw Error(Errc::unauthorized, "the request is not signed");
    }
    std::string key_id = http_signature_key_id(request);
    std::string host = url_authority(key_id);
    if (host.empty()) throw Error(Errc::unauthorized, "the signature's keyId is not a URL");
    bool refused = ctx.db.read([&](storage::Connection& conn) {
        return storage::federation_refused(conn, host, ctx.settings.federation_mode);
    });
    if (refused) throw Error(Errc::forbidden, "this server does not federate with " + host);

    VerificationKey key = verification_key(ctx, key_id, FetchMode::cached);
    try {
        verify_http_signature(request, key.public_pem, ctx.clock.now(), ctx.settings.signature_max_skew);
    } catch (const Error&) {
        // The actor may have rotated its key since we cached it: fetch once more, then decide.
        key = verification_key(ctx, key_id, FetchMode::refresh);
        verify_http_signature(request, key.public_pem, ctx.clock.now(), ctx.settings.signature_max_skew);
    }
    return key;
}

std::optional<core::Account> authorize_fetch(Context& ctx, const SignedRequest& request) {
    if (http_signature_scheme(request) == HttpSignatureScheme::none) {
        if (!ctx.settings.authorized_fetch) return std::nullopt;
        throw Error(Errc::unauthorized, "this server answers only signed requests (authorized fetch)");
    }
    VerificationKey key = authenticate_signed_request(ctx, request);
    if (!key.owner.is_local() && key.owner.is_suspended()) {
        throw Error(Errc::forbidden, "the requesting actor is suspended on this server");
    }
    // (Blocks by the owner of the document asked for: refuse_blocked_requester() in actors.hpp.)
    return key.owner;
}

}  // namespace gesso::activitypub
