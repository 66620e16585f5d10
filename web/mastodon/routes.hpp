#pragma once
// The Mastodon client API (/api/v1, /api/v2), one file per route group.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::mastodon {

void add_instance_routes(Router& router, activitypub::Context& ctx);  // instance.cpp
// accounts.cpp; registers the two groups below first (their literal paths must win over /accounts/:id).
void add_account_routes(Router& router, activitypub::Context& ctx);
void add_status_routes(Router& router, activitypub::Context& ctx);    // statuses.cpp
void add_timeline_routes(Router& router, activitypub::Context& ctx);  // timelines.cpp
void add_notification_routes(Router& router, activitypub::Context& ctx);  // notifications.cpp
void add_admin_policy_routes(Router& router, activitypub::Context& ctx);  // admin_policies.cpp

// Called by add_account_routes, not by the app.
void add_account_search_routes(Router& router, activitypub::Context& ctx);        // account_search.cpp
void add_account_relationship_routes(Router& router, activitypub::Context& ctx);  // account_relationships.cpp
// follow_requests, blocks, mutes, domain_blocks, endorsements, suggestions, preferences.
void add_account_list_routes(Router& router, activitypub::Context& ctx);  // account_lists.cpp
// bookmarks, favourites, favourited_by, reblogged_by.
void add_bookmark_routes(Router& router, activitypub::Context& ctx);  // bookmarks.cpp
void add_list_routes(Router& router, activitypub::Context& ctx);          // lists.cpp
void add_marker_routes(Router& router, activitypub::Context& ctx);        // markers.cpp
void add_filter_routes(Router& router, activitypub::Context& ctx);        // filters.cpp
void add_status_edit_routes(Router& router, activitypub::Context& ctx);   // status_edits.cpp
void add_discovery_routes(Router& router, activitypub::Context& ctx);     // discovery.cpp
void add_search_routes(Router& router, activitypub::Context& ctx);        // search.cpp
void add_poll_and_report_routes(Router& router, activitypub::Context& ctx);  // polls_reports.cpp
void add_scheduled_status_routes(Router& router, activitypub::Context& ctx);  // scheduled_statuses.cpp
void add_conversation_routes(Router& router, activitypub::Context& ctx);  // conversations.cpp
void add_tag_routes(Router& router, activitypub::Context& ctx);           // tags.cpp
void add_media_routes(Router& router, activitypub::Context& ctx);         // media.cpp

}  // namespace gesso::web::mastodon
