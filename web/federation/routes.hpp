#pragma once
// Federation endpoints: WebFinger, host-meta, NodeInfo, actors and their collections.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::federation {

void add_discovery_routes(Router& router, activitypub::Context& ctx);  // webfinger.cpp, nodeinfo.cpp
void add_nodeinfo_routes(Router& router, activitypub::Context& ctx);
void add_actor_routes(Router& router, activitypub::Context& ctx);      // actors.cpp
void add_inbox_routes(Router& router, activitypub::Context& ctx);      // inbox.cpp

}  // namespace gesso::web::federation
