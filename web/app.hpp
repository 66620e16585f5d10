#pragma once
// Every route of the node, in one router.
#include "activitypub/context.hpp"
#include "web/noai/surface.hpp"
#include "web/router.hpp"

namespace gesso::web {

// Builds the router for `ctx`, with the no-AI surface configured by `surface`; `ctx` must outlive it.
Router build_router(activitypub::Context& ctx, noai::SurfaceSettings surface = {});

}  // namespace gesso::web
