// GET /.well-known/nodeinfo, /nodeinfo/2.0, /nodeinfo/2.1
#include "activitypub/node_profile.hpp"
#include "core/json.hpp"
#include "core/version.hpp"
#include "storage/accounts.hpp"
#include "web/federation/routes.hpp"

namespace gesso::web::federation {

namespace {

constexpr std::string_view kSchema20 = "http://nodeinfo.diaspora.software/ns/schema/2.0";
constexpr std::string_view kSchema21 = "http://nodeinfo.diaspora.software/ns/schema/2.1";

Response discovery(activitypub::Context& ctx, const Request&) {
    core::JsonWriter w;
    w.begin_object().key("links").begin_array();
    w.begin_object().field("rel", kSchema20).field("href", ctx.urls.base() + "/nodeinfo/2.0").end_object();
    w.begin_object().field("rel", kSchema21).field("href", ctx.urls.base() + "/nodeinfo/2.1").end_object();
    w.end_array().end_object();
    Response res = json_response(w.str());
    res.set(http::field::access_control_allow_origin, "*");
    return res;
}

Response document(activitypub::Context& ctx, bool v21) {
    auto usage = ctx.db.read([&](storage::Connection& conn) { return storage::node_usage(conn, ctx.clock.now()); });
    activitypub::NodeProfile profile = activitypub::node_profile(ctx);
    core::JsonWriter w;
    w.begin_object();
    w.field("version", v21 ? "2.1" : "2.0");
    w.key("software").begin_object().field("name", core::kSoftwareName).field("version", core::kVersion);
    w.end_object();
    w.key("protocols").begin_array().value("activitypub").end_array();
    w.key("services").begin_object();
    w.key("inbound").begin_array().end_array().key("outbound").begin_array().end_array();
    w.end_object();
    // Mastodon reports approval-required sign-ups as open too: people can ask to join.
    w.field("openRegistrations", profile.registrations != activitypub::Registrations::closed);
    w.key("usage").begin_object();
    w.key("users").begin_object();
    w.field("total", usage.users_total);
    w.field("activeMonth", usage.users_active_month);
    w.field("activeHalfyear", usage.users_active_halfyear);
    w.end_object();
    w.field("localPosts", usage.local_posts);
    w.end_object();
    w.key("metadata").begin_object();
    w.field("nodeName", profile.title);
    w.field("noAiTraining", true);
    w.end_object();
    w.end_object();
    std::string type = "application/json; profile=\"" + std::string(v21 ? kSchema21 : kSchema20) + "#\"";
    Response res = json_response(w.str(), type);
    res.set(http::field::access_control_allow_origin, "*");
    return res;
}

}  // namespace

void add_nodeinfo_routes(Router& router, activitypub::Context& ctx) {
    router.get("/.well-known/nodeinfo", [&ctx](const Request& req) { return discovery(ctx, req); });
    router.get("/nodeinfo/2.0", [&ctx](const Request&) { return document(ctx, false); });
    router.get("/nodeinfo/2.1", [&ctx](const Request&) { return document(ctx, true); });
}

}  // namespace gesso::web::federation
