#pragma once
// WebFinger (RFC 7033) for local accounts: which account a resource names, and its JRD.
#include <string>
#include <string_view>

#include "activitypub/urls.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// The local username a WebFinger `resource` names: `acct:user@domain`, `user@domain`, `@user@domain`, or an
// actor/profile URL of this node (`/users/user`, `/@user`, the instance actor `/actor`). Throws core::Error:
// bad_request for a missing or malformed resource, not_found for another domain's resource or a URL of
// ours that names no actor. The instance actor resolves to the node's host (its preferredUsername).
std::string username_from_resource(std::string_view resource, const NodeUrls& urls);

// The JRD document for a local account (`application/jrd+json`).
std::string render_jrd(const core::Account& account, const NodeUrls& urls);

}  // namespace gesso::activitypub
