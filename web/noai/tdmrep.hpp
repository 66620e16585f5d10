#pragma once
// /.well-known/tdmrep.json (W3C TDMRep; PROTECTION.md): the node reserves text and data mining everywhere
// except where an artist opted in.
#include <string>

#include "activitypub/context.hpp"

namespace gesso::web::noai {

// The TDMRep array, most specific first (first match wins): posts whose DataMining choice differs from their
// author's (their page and ActivityPub paths), media files whose marks allow mining, accounts that allow AI
// training (profile, posts and ActivityPub paths), then "/*" reserved with `policy_url`. At most
// limits::kMaxTdmrepEntries entries before the catch-all; when the reservations alone do not fit, every
// opt-in is left out (what is dropped falls back to the reservation).
std::string tdmrep_json(activitypub::Context& ctx, const std::string& policy_url);

}  // namespace gesso::web::noai
