#include "web/pages/assets.hpp"

#include "core/error.hpp"
#include "web/pages/embedded.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

std::string_view content_type_of(std::string_view name) {
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (name.ends_with(".svg")) return "image/svg+xml";
    if (name.ends_with(".png")) return "image/png";
    return "application/octet-stream";
}

// "gesso.css" + "\"3f2a9c01d4e5...\"" → "gesso.3f2a9c01d4e5.css".
std::string hashed_name(std::string_view name, std::string_view etag) {
    std::string hash(etag.substr(1, 12));
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return std::string(name) + "." + hash;
    std::string out(name.substr(0, dot));
    out += '.';
    out += hash;
    out += name.substr(dot);
    return out;
}

}  // namespace

Assets::Assets() {
    for (const EmbeddedFile& file : embedded_static_files()) {
        std::string etag = strong_etag(file.content);
        std::string hashed = hashed_name(file.name, etag);
        urls_.emplace(std::string(file.name), "/static/" + hashed);
        by_hashed_name_.emplace(hashed, Asset{file.content, std::string(content_type_of(file.name)), etag});
    }
}

std::string Assets::url(std::string_view file) const {
    auto it = urls_.find(file);
    if (it == urls_.end()) throw Error(Errc::internal, "internal error", "no embedded static file " + std::string(file));
    return it->second;
}

Response Assets::serve(const Request& req, std::string_view hashed) const {
    auto it = by_hashed_name_.find(hashed);
    if (it == by_hashed_name_.end()) throw Error(Errc::not_found, "Not found");
    const Asset& asset = it->second;
    Response res;
    if (req.header(http::field::if_none_match) == asset.etag) {
        res.result(http::status::not_modified);
    } else {
        res.result(http::status::ok);
        res.set(http::field::content_type, asset.content_type);
        res.body() = std::string(asset.content);
    }
    res.version(11);
    res.set(http::field::etag, asset.etag);
    res.set(http::field::cache_control, "public, max-age=31536000, immutable");
    res.set("X-Content-Type-Options", "nosniff");
    res.prepare_payload();
    return res;
}

void add_asset_routes(Router& router, const SitePtr& site) {
    router.get("/static/:name", site->route([site = site.get()](const Request& req) {
        return site->assets().serve(req, req.param("name"));
    }));
}

}  // namespace gesso::web::pages
