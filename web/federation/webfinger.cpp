// GET /.well-known/webfinger, GET /.well-known/host-meta
#include "activitypub/actors.hpp"
#include "core/text.hpp"
#include "web/federation/routes.hpp"

namespace gesso::web::federation {

namespace {

Response webfinger(activitypub::Context& ctx, const Request& req) {
    // authenticate: public. negotiate: JRD only. parse:
    auto resource = req.query_param("resource");
    if (!resource) throw core::Error(core::Errc::bad_request, "the resource parameter is required");
    // engine + render:
    Response res = json_response(activitypub::webfinger_json(ctx, *resource), "application/jrd+json; charset=utf-8");
    res.set(http::field::access_control_allow_origin, "*");
    res.set(http::field::vary, "Accept");
    return res;
}

Response host_meta(activitypub::Context& ctx, const Request&) {
    std::string tmpl = core::xml_escape(ctx.urls.base() + "/.well-known/webfinger?resource={uri}");
    std::string body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
        "  <Link rel=\"lrdd\" template=\"" + tmpl + "\"/>\n"
        "</XRD>\n";
    Response res = text_response(std::move(body), "application/xrd+xml; charset=utf-8");
    res.set(http::field::access_control_allow_origin, "*");
    return res;
}

}  // namespace

void add_discovery_routes(Router& router, activitypub::Context& ctx) {
    router.get("/.well-known/webfinger", [&ctx](const Request& req) { return webfinger(ctx, req); });
    router.get("/.well-known/host-meta", [&ctx](const Request& req) { return host_meta(ctx, req); });
}

}  // namespace gesso::web::federation
