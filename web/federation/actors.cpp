// GET /users/:username (+ outbox, followers, following, collections/featured, statuses/:id), GET /actor.
// Authorized fetch: every ActivityPub document here except the instance actor's must be asked for with a valid
// HTTP signature (activitypub/request_auth.hpp); browsers asking for HTML get pages or redirects as before.
#include "activitypub/actors.hpp"
#include "activitypub/collections.hpp"
#include "activitypub/request_auth.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/ids.hpp"
#include "web/federation/routes.hpp"
#include "web/noai/surface.hpp"

namespace gesso::web::federation {

namespace {

using activitypub::ActorCollection;

Response activity_json(std::string body) {
    Response res = json_response(std::move(body), "application/activity+json; charset=utf-8");
    res.set(http::field::vary, "Accept");
    return res;
}

// authenticate: the verified requester (nullopt when anonymous fetches are allowed); throws 401, or 403 for a
// refused domain, a suspended actor, or one the owner of the `:username` documents blocks.
std::optional<core::Account> requester(activitypub::Context& ctx, const Request& req) {
    auto who = activitypub::authorize_fetch(ctx, signed_request(ctx, req));
    activitypub::refuse_blocked_requester(ctx, req.param("username"), who);
    return who;
}

Response actor(activitypub::Context& ctx, const Request& req) {
    // negotiate: browsers go to the profile page; ActivityPub clients get the actor.
    if (!wants_activity_json(req.header(http::field::accept))) {
        activitypub::local_actor_json(ctx, req.param("username"));  // 404/410 for browsers too
        Response res = redirect_response(ctx.urls.profile(req.param("username")));
        res.set(http::field::vary, "Accept");
        return res;
    }
    return actor_document(ctx, req);
}

Response collection(activitypub::Context& ctx, const Request& req, ActorCollection which) {
    requester(ctx, req);  // collections are ActivityPub JSON whatever the Accept header says
    bool page = req.query_param("page").has_value() || req.query_param("max_id").has_value();
    std::optional<core::Id> max_id;
    if (auto raw = req.query_param("max_id")) {
        max_id = core::parse_id(*raw);
        if (!max_id) throw core::Error(core::Errc::bad_request, "max_id must be a decimal id");
    }
    Response res = activity_json(activitypub::actor_collection_json(ctx, req.param("username"), which, page, max_id));
    noai::mark_account_rights(ctx, res, req.param("username"));
    return res;
}

Response status(activitypub::Context& ctx, const Request& req) {
    auto id = core::parse_id(req.param("id"));
    if (!id) throw core::Error(core::Errc::not_found, "no such status");
    if (!wants_activity_json(req.header(http::field::accept))) {
        activitypub::local_status_json(ctx, req.param("username"), *id);  // 404 for browsers too
        // People read the post page (web/pages/post.cpp), at the status's url.
        Response res = redirect_response(ctx.urls.profile(req.param("username")) + "/" + std::to_string(*id));
        res.set(http::field::vary, "Accept");
        return res;
    }
    return status_document(ctx, req);
}

}  // namespace

Response status_document(activitypub::Context& ctx, const Request& req) {
    auto id = core::parse_id(req.param("id"));
    if (!id) throw core::Error(core::Errc::not_found, "no such status");
    requester(ctx, req);
    Response res = activity_json(activitypub::local_status_json(ctx, req.param("username"), *id));
    noai::mark_account_rights(ctx, res, req.param("username"));
    res.set(http::field::vary, "Accept");
    return res;
}

Response actor_document(activitypub::Context& ctx, const Request& req) {
    requester(ctx, req);
    Response res = activity_json(activitypub::local_actor_json(ctx, req.param("username")));
    noai::mark_account_rights(ctx, res, req.param("username"));
    return res;
}

void add_actor_routes(Router& router, activitypub::Context& ctx) {
    router.get("/users/:username", [&ctx](const Request& req) { return actor(ctx, req); });
    router.get("/actor", [&ctx](const Request&) { return activity_json(activitypub::instance_actor_json(ctx)); });
    router.get("/actor/outbox", [&ctx](const Request&) {
        return activity_json(activitypub::render_collection_inline(ctx.urls.instance_actor() + "/outbox", {}));
    });
    router.get("/users/:username/statuses/:id", [&ctx](const Request& req) { return status(ctx, req); });
    const std::pair<const char*, ActorCollection> collections[] = {
        {"/users/:username/outbox", ActorCollection::outbox},
        {"/users/:username/followers", ActorCollection::followers},
        {"/users/:username/following", ActorCollection::following},
        {"/users/:username/collections/featured", ActorCollection::featured},
    };
    for (auto [pattern, which] : collections) {
        router.get(pattern, [&ctx, which = which](const Request& req) { return collection(ctx, req, which); });
    }
}

}  // namespace gesso::web::federation
