#include "activitypub/media_intake.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "web/media/routes.hpp"

namespace gesso::web::media_files {

using core::Errc;
using core::Error;

namespace {

void reserve_rights(Response& res) {
    res.set("X-Robots-Tag", "noai, noimageai");
    res.set("tdm-reservation", "1");
    res.set("X-Content-Type-Options", "nosniff");
}

Response serve(activitypub::Context& ctx, const Request& req) {
    auto found = activitypub::find_served_media(ctx, req.param("name"));
    if (!found) throw Error(Errc::not_found, "Record not found");
    if (!found->remote_url.empty()) {
        Response res = redirect_response(found->remote_url, http::status::found);
        reserve_rights(res);
        return res;
    }
    std::string etag = strong_etag(found->bytes);
    std::string cache = "public, max-age=";
    cache += std::to_string(core::limits::kMediaMaxAgeSeconds);
    cache += ", immutable";
    Response res;
    if (req.header(http::field::if_none_match) == etag) {
        res.result(http::status::not_modified);
    } else {
        res.result(http::status::ok);
        res.set(http::field::content_type, found->mime_type);
        res.body() = std::move(found->bytes);
    }
    res.version(11);
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, cache);
    reserve_rights(res);
    res.prepare_payload();
    return res;
}

}  // namespace

void add_media_file_routes(Router& router, activitypub::Context& ctx) {
    router.get("/media/:name", [&ctx](const Request& req) { return serve(ctx, req); });
}

}  // namespace gesso::web::media_files
