#pragma once
// Server-rendered HTML pages.
#include <memory>

#include "activitypub/context.hpp"
#include "web/noai/surface.hpp"
#include "web/pages/password_sign_in.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

// Pages carry the <meta> tags of their content's rights reservation (`surface`).
using SurfacePtr = std::shared_ptr<const noai::Surface>;
void add_profile_routes(Router& router, activitypub::Context& ctx, SurfacePtr surface);  // profile.cpp
void add_home_routes(Router& router, activitypub::Context& ctx, SurfacePtr surface);     // home.cpp

// Signed-in pages (session.hpp). `throttle` is shared with the OAuth authorize page.
void add_sign_in_routes(Router& router, activitypub::Context& ctx, SignInThrottlePtr throttle);  // sign_in.cpp
void add_sign_up_routes(Router& router, activitypub::Context& ctx);                              // sign_up.cpp
void add_password_routes(Router& router, activitypub::Context& ctx);          // settings_password.cpp
void add_profile_settings_routes(Router& router, activitypub::Context& ctx);  // settings_profile.cpp
void add_protection_settings_routes(Router& router, activitypub::Context& ctx);  // settings_protection.cpp
void add_app_settings_routes(Router& router, activitypub::Context& ctx);      // settings_apps.cpp
void add_relation_settings_routes(Router& router, activitypub::Context& ctx);  // settings_relations.cpp (blocks, mutes)

}  // namespace gesso::web::pages
