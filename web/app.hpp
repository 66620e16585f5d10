#pragma once
// Every route of the node, in one router.
#include "activitypub/context.hpp"
#include "web/noai/surface.hpp"
#include "web/pages/settings.hpp"
#include "web/router.hpp"

namespace gesso::web {

// Builds the router for `ctx`, with the no-AI surface configured by `surface` and the pages by `pages`; `ctx`
// must outlive it.
Router build_router(activitypub::Context& ctx, noai::SurfaceSettings surface = {}, pages::SiteSettings pages = {});

}  // namespace gesso::web
