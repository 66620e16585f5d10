#pragma once
// Read side of local actors for federation: every document a peer can GET, rendered as AS2 JSON.
// Each throws core::Error(not_found) for an unknown account and core::Error(gone) for a suspended one.
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/ids.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// A local account that may be shown: core::Error(not_found) if unknown, core::Error(gone) if suspended.
core::Account visible_local_account(Context& ctx, std::string_view username);

std::string local_actor_json(Context& ctx, std::string_view username);
std::string instance_actor_json(Context& ctx);

// Which collection of a local actor.
enum class ActorCollection { outbox, followers, following, featured };

// Without `page`, the collection root (OrderedCollection with totalItems and `first`); with it, the page of
// items below `max_id` (OrderedCollectionPage). The featured collection is small and never paged. When the
// account hides its lists (set_collections_hidden), followers and following are only {totalItems}: no `first`,
// and a page request gets the same document without items.
std::string actor_collection_json(Context& ctx, std::string_view username, ActorCollection which, bool page,
                                  std::optional<core::Id> max_id);

// Authorized fetch, per account: core::Error(forbidden) when the local account `username` blocks `requester`
// (the verified signer of a fetch). Nothing happens for anonymous requests or unknown accounts.
void refuse_blocked_requester(Context& ctx, std::string_view username, const std::optional<core::Account>& requester);

// Sets whether the local account `username` hides its follower and following lists from other servers (the
// counts stay visible). core::Error(not_found) for an unknown account.
void set_collections_hidden(Context& ctx, std::string_view username, bool hidden);

// A local account's public or unlisted status as a Note (with @context); core::Error(not_found) for anything
// else (unknown, deleted, another account's, followers-only or direct: those need authorized fetch).
std::string local_status_json(Context& ctx, std::string_view username, core::Id status_id);

// The JRD for a WebFinger `resource` (see webfinger.hpp for the accepted forms).
std::string webfinger_json(Context& ctx, std::string_view resource);

}  // namespace gesso::activitypub
