// GET /api/v1/tags/:name, POST /api/v1/tags/:name/follow and /unfollow, GET /api/v1/followed_tags.
// A valid name is a tag whether or not anyone used it yet (Mastodon answers an unused one too); following one
// brings its public statuses, local and received, into the follower's home timeline from then on.
#include "web/mastodon/tags.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/tags.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

std::string tag_key(const Request& req) {
    auto key = storage::valid_tag_key(req.param("name"));
    if (!key) throw Error(Errc::not_found, "Record not found");
    return *key;
}

Response show(activitypub::Context& ctx, const Request& req) {
    std::string key = tag_key(req);
    auto caller = oauth::bearer_caller(ctx, req);
    std::optional<core::Id> viewer;
    if (caller && caller->account) viewer = caller->account->id;
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_tag(w, ctx, conn, key, viewer); });
    return json_response(w.str());
}

Response follow(activitypub::Context& ctx, const Request& req, bool on) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:follows");
    std::string key = tag_key(req);
    core::Id me = caller.account->id;
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        if (on) {
            std::string name = req.param("name");
            if (!name.empty() && name.front() == '#') name.erase(0, 1);
            storage::follow_tag(conn, ctx.ids.next(), me, key, name, ctx.clock.now());
        } else {
            storage::unfollow_tag(conn, me, key);
        }
        write_tag(w, ctx, conn, key, me);
    });
    return json_response(w.str());
}

Response followed(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:follows");
    storage::IdPage page = read_page(Params::from(req), 100, 200);
    std::vector<core::Id> ids;
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& t : storage::followed_tags_page(conn, caller.account->id, page)) {
            ids.push_back(t.id);
            write_tag(w, ctx, conn, t.key, caller.account->id);
        }
        w.end_array();
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + "/api/v1/followed_tags", ids);
    return res;
}

}  // namespace

void write_tag(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, std::string_view key,
               std::optional<core::Id> viewer) {
    std::string name(key);
    w.begin_object().field("name", name).field("url", ctx.urls.base() + "/tags/" + name).key("history").begin_array();
    for (const auto& d : storage::tag_history(conn, key, ctx.clock.now(), core::limits::kTagHistoryDays)) {
        w.begin_object()
            .field("day", std::to_string(d.day))
            .field("uses", std::to_string(d.uses))
            .field("accounts", std::to_string(d.accounts))
            .end_object();
    }
    w.end_array();
    if (viewer) w.field("following", storage::follows_tag(conn, *viewer, key));
    w.end_object();
}

void add_tag_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/tags/:name", [&ctx](const Request& req) { return show(ctx, req); });
    router.add(http::verb::post, "/api/v1/tags/:name/follow", [&ctx](const Request& req) { return follow(ctx, req, true); });
    router.add(http::verb::post, "/api/v1/tags/:name/unfollow",
               [&ctx](const Request& req) { return follow(ctx, req, false); });
    router.get("/api/v1/followed_tags", [&ctx](const Request& req) { return followed(ctx, req); });
}

}  // namespace gesso::web::mastodon
