#pragma once
// What each received activity does. Called by the inbox worker with an activity whose signature was verified
// (the signer is `signer_uri`, and it is the activity's actor).
#include <string>

#include "activitypub/context.hpp"

namespace gesso::activitypub {

// Applies one activity. Throws core::Error: unavailable for transient failures (retried), anything else
// for activities that can never apply (dropped). Unknown or not yet supported types are ignored.
void apply_activity(Context& ctx, const std::string& signer_uri, const std::string& payload);

}  // namespace gesso::activitypub
