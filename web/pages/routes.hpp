#pragma once
// Server-rendered HTML pages.
#include <memory>

#include "activitypub/context.hpp"
#include "web/noai/surface.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

// Pages carry the <meta> tags of their content's rights reservation (`surface`).
using SurfacePtr = std::shared_ptr<const noai::Surface>;
void add_profile_routes(Router& router, activitypub::Context& ctx, SurfacePtr surface);  // profile.cpp
void add_home_routes(Router& router, activitypub::Context& ctx, SurfacePtr surface);     // home.cpp

}  // namespace gesso::web::pages
