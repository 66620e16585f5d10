#pragma once
// Every route of the node, in one router.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web {

// Builds the router for `ctx`; `ctx` must outlive it.
Router build_router(activitypub::Context& ctx);

}  // namespace gesso::web
