// GET /api/v1/accounts/verify_credentials, GET /api/v1/accounts/:id
#include "core/error.hpp"
#include "core/ids.hpp"
#include "storage/accounts.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

Response verify_credentials(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:accounts");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_account(w, ctx, conn, *caller.account, true); });
    return json_response(w.str());
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::bearer_caller(ctx, req);  // a bad token is refused even where none is needed
    auto id = core::parse_id(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto account = id ? storage::find_account(conn, *id) : std::nullopt;
        if (!account || account->is_suspended() || account->actor_type == "Application") {
            throw Error(Errc::not_found, "Record not found");
        }
        write_account(w, ctx, conn, *account);
    });
    return json_response(w.str());
}

}  // namespace

void add_account_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/accounts/verify_credentials", [&ctx](const Request& req) { return verify_credentials(ctx, req); });
    router.get("/api/v1/accounts/:id", [&ctx](const Request& req) { return show(ctx, req); });
}

}  // namespace gesso::web::mastodon
