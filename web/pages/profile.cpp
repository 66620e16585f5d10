// GET /@:username — the public profile page (a minimal page until the portfolio pages arrive).
#include "activitypub/accounts.hpp"
#include "activitypub/actors.hpp"
#include "activitypub/protection.hpp"
#include "core/text.hpp"
#include "web/federation/routes.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

namespace {

Response profile(activitypub::Context& ctx, const noai::Surface& surface, const Request& req) {
    core::Account account = activitypub::visible_local_account(ctx, req.param("username"));
    std::string actor = ctx.urls.actor(account.username);
    std::string name = core::html_escape(account.display_name.empty() ? account.username : account.display_name);
    std::string handle = core::html_escape("@" + account.username + "@" + ctx.urls.domain);
    std::string rights = activitypub::local_account_robots_tag(ctx, account.username);
    std::string body =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + surface.meta_tags(rights) +
        "<title>" + name + " (" + handle + ")</title>\n"
        "<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + core::html_escape(actor) + "\">\n"
        "</head><body><main>\n<h1>" + name + "</h1>\n<p>" + handle + "</p>\n"
        "<p>" + core::html_escape(account.note) + "</p>\n</main></body></html>\n";
    Response res = text_response(std::move(body), "text/html; charset=utf-8");
    res.set(http::field::vary, "Accept");
    noai::mark_content_rights(res, rights);
    return res;
}

}  // namespace

void add_profile_routes(Router& router, activitypub::Context& ctx, SurfacePtr surface) {
    router.get("/@:username", [&ctx, surface](const Request& req) {
        // Some peers fetch the profile URL for the actor: negotiate.
        if (wants_activity_json(req.header(http::field::accept))) return federation::actor_document(ctx, req);
        return profile(ctx, *surface, req);
    });
}

}  // namespace gesso::web::pages
