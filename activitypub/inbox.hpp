#pragma once
// Receiving activities: the inbox endpoint's engine side, and the worker that applies queued activities.
#include <optional>
#include <string>

#include "activitypub/context.hpp"
#include "activitypub/signatures/signed_request.hpp"

namespace gesso::activitypub {

// Checks an inbox POST and queues it. Cheap checks first (JSON size and depth, shape, Digest, Date), then the
// HTTP signature (fetching an unknown key through the transport; with a cached key that fails, the actor is
// fetched again once, for key rotation), then who the activity is from: with an object integrity proof
// (FEP-8b32), the actor the verified proof authenticates, whoever signed the request (a present proof that
// does not verify rejects it); without one, the signer, who must be the activity's actor. Then dedupe by
// activity id. A request signed with RFC 9421 makes its host's deliveries use RFC 9421 first. `username` is the local actor whose inbox was addressed (nullopt for the shared inbox).
// Returns normally when the activity was queued or was a duplicate; throws core::Error otherwise
// (bad_request, unprocessable, unauthorized, forbidden for blocked domains, not_found for an unknown inbox).
// Nothing is stored unless every check passed.
void receive_inbox_post(Context& ctx, const SignedRequest& request, const std::optional<std::string>& username);

// Applies up to `limit` queued inbox activities. Returns how many jobs were handled.
int process_inbox(Context& ctx, int limit);

}  // namespace gesso::activitypub
