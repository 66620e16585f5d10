#pragma once
// Server-rendered HTML pages.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

void add_profile_routes(Router& router, activitypub::Context& ctx);  // profile.cpp

}  // namespace gesso::web::pages
