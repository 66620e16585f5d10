// GET / — the node's front page (minimal until the public gallery arrives).
#include "core/text.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

void add_home_routes(Router& router, activitypub::Context& ctx, SurfacePtr surface) {
    router.get("/", [&ctx, surface](const Request&) {
        std::string title = core::html_escape(ctx.settings.title);
        std::string body =
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + surface->meta_tags() +
            "<title>" + title + "</title>\n</head><body><main>\n<h1>" + title + "</h1>\n"
            "<p>An art community on the fediverse, running Gesso. The works here are not for AI training.</p>\n"
            "</main></body></html>\n";
        return text_response(std::move(body), "text/html; charset=utf-8");
    });
}

}  // namespace gesso::web::pages
