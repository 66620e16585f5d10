#pragma once
// OAuth 2 for client apps: app registration, the authorize page, tokens, revocation, server metadata.
#include "activitypub/context.hpp"
#include "web/pages/password_sign_in.hpp"
#include "web/pages/render.hpp"
#include "web/router.hpp"

namespace gesso::web::oauth {

void add_app_routes(Router& router, activitypub::Context& ctx);        // apps.cpp
void add_token_routes(Router& router, activitypub::Context& ctx);      // token.cpp
// The authorize page signs in like /auth/sign_in, counting failures in the same `throttle`.
void add_authorize_routes(Router& router, const pages::SitePtr& site, pages::SignInThrottlePtr throttle);  // authorize.cpp

}  // namespace gesso::web::oauth
