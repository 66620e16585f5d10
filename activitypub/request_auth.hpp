#pragma once
// Who sent a request: the one HTTP-signature check shared by inbox POSTs and authorized fetch (signed GETs).
#include <optional>

#include "activitypub/context.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/signatures/signed_request.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// Verifies the HTTP signature (draft-cavage or RFC 9421) of `request` and returns the key and its owner.
// In order: the request must be signed and its keyId a URL (core::Error(unauthorized)); the keyId's host must
// not be refused by the domain policies (forbidden: suspended, or not allowlisted in allowlist mode); the key
// is looked up (fetched through the transport when unknown) and the signature verified; when that fails with a
// cached key, the owner is fetched once more (key rotation) and the signature verified again (unauthorized).
// Date and digest headers are the caller's business (the inbox checks them before this).
VerificationKey authenticate_signed_request(Context& ctx, const SignedRequest& request);

// Authorized fetch: decides whether a GET of an actor, object or collection may be answered, and by whom.
// Unsigned: core::Error(unauthorized) when ctx.settings.authorized_fetch is on, else nullopt (anonymous).
// Signed (whatever the setting): the signature is checked as authenticate_signed_request() does, and the
// verified actor returned; forbidden when its domain is refused or the actor is suspended here.
std::optional<core::Account> authorize_fetch(Context& ctx, const SignedRequest& request);

}  // namespace gesso::activitypub
