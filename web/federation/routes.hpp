#pragma once
// Federation endpoints: WebFinger, host-meta, NodeInfo, actors and their collections.
#include "activitypub/context.hpp"
#include "activitypub/signatures/signed_request.hpp"
#include "web/router.hpp"

namespace gesso::web::federation {

void add_discovery_routes(Router& router, activitypub::Context& ctx);  // webfinger.cpp, nodeinfo.cpp
void add_nodeinfo_routes(Router& router, activitypub::Context& ctx);
void add_actor_routes(Router& router, activitypub::Context& ctx);      // actors.cpp
void add_inbox_routes(Router& router, activitypub::Context& ctx);      // inbox.cpp

// The actor document of the local account `:username` for an ActivityPub client, after the authorized-fetch
// check (actors.cpp). The profile page route negotiates to it too.
Response actor_document(activitypub::Context& ctx, const Request& req);
// The Note of the local account `:username`'s status `:id` (public or unlisted) for an ActivityPub client, after
// the same check; the post page route negotiates to it.
Response status_document(activitypub::Context& ctx, const Request& req);

// `req` as an HTTP signature covers it (signed_request.cpp): method, target, Host, every header, the body.
activitypub::SignedRequest signed_request(const activitypub::Context& ctx, const Request& req);

}  // namespace gesso::web::federation
