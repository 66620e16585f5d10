#include "web/app.hpp"

#include "web/federation/routes.hpp"
#include "web/mastodon/routes.hpp"
#include "web/media/routes.hpp"
#include "web/oauth/routes.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/rate_limit.hpp"
#include "web/streaming/routes.hpp"

namespace gesso::web {

Router build_router(activitypub::Context& ctx, noai::SurfaceSettings surface_settings, pages::SiteSettings page_settings) {
    Router router;
    auto surface = std::make_shared<const noai::Surface>(ctx, std::move(surface_settings));
    noai::install(router, surface);
    federation::add_discovery_routes(router, ctx);
    federation::add_nodeinfo_routes(router, ctx);
    federation::add_actor_routes(router, ctx);
    federation::add_inbox_routes(router, ctx);
    oauth::add_app_routes(router, ctx);
    oauth::add_token_routes(router, ctx);
    // The HTML pages' site, with the session layer telling it who is signed in.
    pages::SitePtr site = pages::make_site(ctx, surface, std::move(page_settings));
    site->set_viewer_resolver([&ctx](const Request& req) { return pages::site_viewer(ctx, req); });
    auto sign_in_throttle = std::make_shared<pages::SignInThrottle>(ctx.clock);
    oauth::add_authorize_routes(router, site, sign_in_throttle);
    mastodon::add_instance_routes(router, ctx);
    mastodon::add_account_routes(router, ctx);
    mastodon::add_status_routes(router, ctx);
    mastodon::add_status_edit_routes(router, ctx);
    mastodon::add_list_routes(router, ctx);
    mastodon::add_marker_routes(router, ctx);
    mastodon::add_filter_routes(router, ctx);
    mastodon::add_discovery_routes(router, ctx);
    mastodon::add_search_routes(router, ctx);
    mastodon::add_poll_and_report_routes(router, ctx);
    mastodon::add_scheduled_status_routes(router, ctx);
    mastodon::add_conversation_routes(router, ctx);
    mastodon::add_tag_routes(router, ctx);
    mastodon::add_timeline_routes(router, ctx);
    mastodon::add_notification_routes(router, ctx);
    mastodon::add_admin_policy_routes(router, ctx);
    mastodon::add_account_list_routes(router, ctx);
    mastodon::add_bookmark_routes(router, ctx);
    mastodon::add_media_routes(router, ctx);
    media_files::add_media_file_routes(router, ctx);
    streaming::add_streaming_routes(router, ctx);
    pages::add_sign_in_routes(router, site, sign_in_throttle);
    pages::add_sign_up_routes(router, site);
    pages::add_password_routes(router, site);
    pages::add_profile_settings_routes(router, site);
    pages::add_protection_settings_routes(router, site);
    pages::add_app_settings_routes(router, site);
    pages::add_relation_settings_routes(router, site);
    pages::add_compose_routes(router, site);
    pages::add_post_edit_routes(router, site);
    pages::add_admin_overview_routes(router, site);
    pages::add_admin_account_routes(router, site);
    pages::add_admin_domain_routes(router, site);
    pages::add_admin_policy_routes(router, site);
    pages::add_admin_report_routes(router, site);
    pages::add_admin_crawler_routes(router, site);
    pages::add_admin_settings_routes(router, site);
    pages::add_asset_routes(router, site);
    pages::add_profile_routes(router, site);
    pages::add_home_routes(router, site);
    pages::add_post_routes(router, site);
    pages::add_gallery_routes(router, site);
    pages::add_tag_routes(router, site);
    pages::add_follow_remote_routes(router, site);
    // A path no route knows: browsers get the site's HTML 404 page, API clients (and any /api/ path) the JSON one.
    router.set_not_found([site](const Request& req) {
        if (req.path.starts_with("/api/") || !prefers_html(req.header(http::field::accept))) {
            return error_response(core::Errc::not_found, "not found");
        }
        return site->error_page(req, core::Errc::not_found, "There is no page at this address.");
    });
    router.set_middleware(rate_limit_middleware(ctx.settings.rate_limits, std::make_shared<RateLimiter>(ctx.clock)));
    return router;
}

}  // namespace gesso::web
