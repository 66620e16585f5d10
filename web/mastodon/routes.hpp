#pragma once
// The Mastodon client API (/api/v1, /api/v2), one file per route group.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::mastodon {

void add_instance_routes(Router& router, activitypub::Context& ctx);  // instance.cpp
void add_account_routes(Router& router, activitypub::Context& ctx);   // accounts.cpp
void add_status_routes(Router& router, activitypub::Context& ctx);    // statuses.cpp
void add_timeline_routes(Router& router, activitypub::Context& ctx);  // timelines.cpp
void add_notification_routes(Router& router, activitypub::Context& ctx);  // notifications.cpp
void add_media_routes(Router& router, activitypub::Context& ctx);         // media.cpp

}  // namespace gesso::web::mastodon
