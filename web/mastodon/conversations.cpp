// GET /api/v1/conversations: direct statuses grouped by thread (the root of their reply chain), newest thread
// first, each with its other participants and its latest status. Paged by max_id over the latest statuses.
// Gesso keeps no read state for conversations: `unread` is always false.
#include <algorithm>
#include <map>

#include "activitypub/posting.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "storage/timelines.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

namespace {

// Direct statuses read to build one page of conversations.
constexpr int kConversationScan = 400;

Response index(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    storage::IdPage page = read_page(Params::from(req));
    core::Id me = caller.account->id;
    std::vector<core::Id> last_ids;
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        std::vector<core::Id> roots;
        std::map<core::Id, core::Id> latest;  // root -> newest status
        for (core::Id id : storage::direct_statuses_for(conn, me, page.max_id, kConversationScan)) {
            core::Id root = storage::conversation_root(conn, id);
            if (latest.count(root)) continue;
            latest[root] = id;
            roots.push_back(root);
            if (static_cast<int>(roots.size()) >= page.limit) break;
        }
        w.begin_array();
        for (core::Id root : roots) {
            auto status = storage::find_status(conn, latest[root]);
            if (!status || !activitypub::can_see_status(conn, *status, me)) continue;
            last_ids.push_back(status->id);
            std::vector<core::Id> people{status->account_id};
            for (const auto& m : storage::find_mentions(conn, status->id)) {
                if (m.account_id) people.push_back(*m.account_id);
            }
            std::sort(people.begin(), people.end());
            people.erase(std::unique(people.begin(), people.end()), people.end());
            w.begin_object().field("id", std::to_string(root)).field("unread", false).key("accounts").begin_array();
            for (core::Id p : people) {
                if (p == me) continue;
                if (auto a = storage::find_account(conn, p)) write_account(w, ctx, conn, *a);
            }
            w.end_array().key("last_status");
            write_status(w, ctx, conn, *status, me);
            w.end_object();
        }
        w.end_array();
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + "/api/v1/conversations", last_ids);
    return res;
}

}  // namespace

void add_conversation_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/conversations", [&ctx](const Request& req) { return index(ctx, req); });
}

}  // namespace gesso::web::mastodon
