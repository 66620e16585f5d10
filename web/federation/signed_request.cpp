// The web side of HTTP signatures: a Beast request as the engine's signature verifier sees it.
#include "web/federation/routes.hpp"

namespace gesso::web::federation {

activitypub::SignedRequest signed_request(const activitypub::Context& ctx, const Request& req) {
    activitypub::SignedRequest out;
    out.method = std::string(req.message.method_string());
    out.target = std::string(req.message.target());
    out.authority = std::string(req.header(http::field::host));
    out.scheme = ctx.urls.scheme;
    for (const auto& field : req.message) {
        out.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    out.body = req.message.body();
    return out;
}

}  // namespace gesso::web::federation
