#pragma once
// Server-rendered HTML pages.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

void add_profile_routes(Router& router, activitypub::Context& ctx);  // profile.cpp
void add_home_routes(Router& router, activitypub::Context& ctx);     // home.cpp

}  // namespace gesso::web::pages
