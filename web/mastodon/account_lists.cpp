// GET /api/v1/follow_requests, POST /api/v1/follow_requests/:id/{authorize,reject}, GET /api/v1/blocks,
// GET /api/v1/mutes, GET/POST/DELETE /api/v1/domain_blocks, GET /api/v1/endorsements, GET /api/v1/suggestions
// and /api/v2/suggestions, GET /api/v1/preferences
#include "activitypub/personal_filters.hpp"
#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"
#include "storage/relations.hpp"
#include "web/mastodon/account_views.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

// A paged list of accounts owned by the caller: `rows_of` reads the page inside the read transaction.
template <typename RowsOf>
Response account_page(activitypub::Context& ctx, const Request& req, const char* scope, const char* path,
                      RowsOf rows_of) {
    oauth::Caller caller = oauth::require_caller(ctx, req, scope);
    storage::IdPage page =
        read_page(Params::from(req), core::limits::kDefaultAccountPage, core::limits::kMaxAccountPage);
    core::JsonWriter w;
    std::vector<core::Id> keys;
    ctx.db.read([&](storage::Connection& conn) {
        std::vector<storage::PageRow> rows = rows_of(conn, caller.account->id, page);
        keys = storage::page_keys(rows);
        write_account_list(w, ctx, conn, storage::page_values(rows));
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + path, keys);
    return res;
}

Response answer_request(activitypub::Context& ctx, const Request& req, bool accept) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:follows");
    core::Account requester =
        ctx.db.read([&](storage::Connection& conn) { return shown_account(conn, req.param("id")); });
    if (accept)
        activitypub::authorize_follow_request(ctx, *caller.account, requester.id);
    else
        activitypub::reject_follow_request(ctx, *caller.account, requester.id);
    return relationship_response(ctx, caller.account->id, requester.id);
}

Response domain_blocks(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:blocks");
    storage::IdPage page = read_page(Params::from(req), 100, 200);
    core::JsonWriter w;
    std::vector<core::Id> keys;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& row : storage::account_domain_blocks_page(conn, caller.account->id, page)) {
            keys.push_back(row.key);
            w.value(row.domain);
        }
        w.end_array();
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + "/api/v1/domain_blocks", keys);
    return res;
}

Response change_domain_block(activitypub::Context& ctx, const Request& req, bool block) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:blocks");
    auto domain = Params::from(req).get("domain");
    if (!domain || domain->empty()) throw Error(Errc::unprocessable, "Validation failed: Domain can't be blank");
    if (block)
        activitypub::block_domain_for(ctx, *caller.account, *domain);
    else
        activitypub::unblock_domain_for(ctx, *caller.account, *domain);
    return json_response("{}");
}

Response empty_list(activitypub::Context& ctx, const Request& req, const char* scope) {
    oauth::require_caller(ctx, req, scope);
    return json_response("[]");
}

Response preferences(activitypub::Context& ctx, const Request& req) {
    oauth::require_caller(ctx, req, "read:accounts");
    // The same defaults the account's `source` shows (web/mastodon/entities.cpp): public, not sensitive, no
    // language chosen; media and content warnings collapsed as Mastodon's defaults.
    core::JsonWriter w;
    w.begin_object();
    w.field("posting:default:visibility", "public").field("posting:default:sensitive", false);
    w.key("posting:default:language").null();
    w.field("reading:expand:media", "default").field("reading:expand:spoilers", false);
    w.field("reading:autoplay:gifs", false);
    w.end_object();
    return json_response(w.str());
}

}  // namespace

void add_account_list_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/follow_requests", [&ctx](const Request& req) {
        return account_page(ctx, req, "read:follows", "/api/v1/follow_requests", storage::follow_requests_page);
    });
    router.add(http::verb::post, "/api/v1/follow_requests/:id/authorize",
               [&ctx](const Request& req) { return answer_request(ctx, req, true); });
    router.add(http::verb::post, "/api/v1/follow_requests/:id/reject",
               [&ctx](const Request& req) { return answer_request(ctx, req, false); });
    router.get("/api/v1/blocks", [&ctx](const Request& req) {
        return account_page(ctx, req, "read:blocks", "/api/v1/blocks", storage::blocks_page);
    });
    router.get("/api/v1/mutes", [&ctx](const Request& req) {
        auto now = ctx.clock.now();
        return account_page(ctx, req, "read:mutes", "/api/v1/mutes",
                            [now](storage::Connection& conn, core::Id id, const storage::IdPage& page) {
                                return storage::mutes_page(conn, id, page, now);
                            });
    });
    router.get("/api/v1/domain_blocks", [&ctx](const Request& req) { return domain_blocks(ctx, req); });
    router.add(
        http::verb::post, "/api/v1/domain_blocks",
        [&ctx](const Request& req) { return change_domain_block(ctx, req, true); }, core::limits::kMaxFormBodyBytes);
    router.add(
        http::verb::delete_, "/api/v1/domain_blocks",
        [&ctx](const Request& req) { return change_domain_block(ctx, req, false); }, core::limits::kMaxFormBodyBytes);
    router.get("/api/v1/endorsements", [&ctx](const Request& req) { return empty_list(ctx, req, "read:accounts"); });
    router.get("/api/v1/suggestions", [&ctx](const Request& req) { return empty_list(ctx, req, "read"); });
    router.get("/api/v2/suggestions", [&ctx](const Request& req) { return empty_list(ctx, req, "read"); });
    router.get("/api/v1/preferences", [&ctx](const Request& req) { return preferences(ctx, req); });
}

}  // namespace gesso::web::mastodon
