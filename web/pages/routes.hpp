#pragma once
// Server-rendered HTML pages (web/pages/render.hpp is the framework: templates, layout, headers, error pages).
#include <memory>

#include "activitypub/context.hpp"
#include "web/noai/surface.hpp"
#include "web/pages/password_sign_in.hpp"
#include "web/pages/render.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

// Builds the Site (parses every template: a broken template fails start-up, not a request).
SitePtr make_site(activitypub::Context& ctx, std::shared_ptr<const noai::Surface> surface, SiteSettings settings);

// Each adds its routes to `router`; the handlers share `site`.
void add_profile_routes(Router& router, const SitePtr& site);  // profile.cpp: /@:username
void add_home_routes(Router& router, const SitePtr& site);     // home.cpp: /
void add_asset_routes(Router& router, const SitePtr& site);    // assets.cpp: /static/:name
void add_post_routes(Router& router, const SitePtr& site);     // post.cpp: /@:username/:id
void add_gallery_routes(Router& router, const SitePtr& site);  // gallery.cpp: /public
void add_tag_routes(Router& router, const SitePtr& site);      // tags.cpp: /tags/:tag
// follow_remote.cpp: /remote_follow (follow from your server) and /authorize_interaction (our subscribe template)
void add_follow_remote_routes(Router& router, const SitePtr& site);

// Signed-in pages (session.hpp). `throttle` is shared with the OAuth authorize page.
void add_sign_in_routes(Router& router, const SitePtr& site, SignInThrottlePtr throttle);  // sign_in.cpp
void add_sign_up_routes(Router& router, const SitePtr& site);                              // sign_up.cpp
void add_password_routes(Router& router, const SitePtr& site);             // settings_password.cpp
void add_profile_settings_routes(Router& router, const SitePtr& site);     // settings_profile.cpp
void add_protection_settings_routes(Router& router, const SitePtr& site);  // settings_protection.cpp
void add_app_settings_routes(Router& router, const SitePtr& site);         // settings_apps.cpp
void add_relation_settings_routes(Router& router, const SitePtr& site);    // settings_relations.cpp (blocks, mutes)
void add_compose_routes(Router& router, const SitePtr& site);              // compose.cpp: /compose
void add_post_edit_routes(Router& router, const SitePtr& site);  // post_edit.cpp: /@:username/:id/{edit,delete}

// Admin pages (admin.hpp): for admins only.
void add_admin_overview_routes(Router& router, const SitePtr& site);  // admin_overview.cpp: /admin
void add_admin_account_routes(Router& router, const SitePtr& site);   // admin_accounts.cpp: /admin/accounts
void add_admin_domain_routes(Router& router, const SitePtr& site);    // admin_domains.cpp: /admin/domains
void add_admin_policy_routes(Router& router, const SitePtr& site);    // admin_policy.cpp: /admin/policy
void add_admin_report_routes(Router& router, const SitePtr& site);    // admin_reports.cpp: /admin/reports
void add_admin_crawler_routes(Router& router, const SitePtr& site);   // admin_crawlers.cpp: /admin/crawlers
void add_admin_settings_routes(Router& router, const SitePtr& site);  // admin_settings.cpp: /admin/settings

}  // namespace gesso::web::pages
