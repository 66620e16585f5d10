// POST /users/:username/inbox, POST /inbox — receiving activities from other servers.
#include "activitypub/inbox.hpp"
#include "core/limits.hpp"
#include "web/federation/routes.hpp"

namespace gesso::web::federation {

namespace {

Response inbox(activitypub::Context& ctx, const Request& req, std::optional<std::string> username) {
    // authenticate + parse + engine: the engine verifies the signature and queues the activity.
    activitypub::receive_inbox_post(ctx, signed_request(ctx, req), username);
    Response res{http::status::accepted, 11};
    res.prepare_payload();
    return res;
}

}  // namespace

void add_inbox_routes(Router& router, activitypub::Context& ctx) {
    router.add(http::verb::post, "/users/:username/inbox",
               [&ctx](const Request& req) { return inbox(ctx, req, req.param("username")); },
               core::limits::kInboxBodyBytes);
    router.add(http::verb::post, "/inbox", [&ctx](const Request& req) { return inbox(ctx, req, std::nullopt); },
               core::limits::kInboxBodyBytes);
    // The instance actor's inbox: some servers deliver to it (relays, Follow of the instance); it is shared.
    router.add(http::verb::post, "/actor/inbox", [&ctx](const Request& req) { return inbox(ctx, req, std::nullopt); },
               core::limits::kInboxBodyBytes);
}

}  // namespace gesso::web::federation
