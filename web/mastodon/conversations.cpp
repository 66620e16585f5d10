// GET /api/v1/conversations: direct statuses grouped by thread (the root of their reply chain), newest thread
// first, each with its other participants and its latest status. Paged (max_id, since_id, min_id) over the
// latest statuses' ids, read from the conversation memberships kept as direct statuses arrive.
// POST /api/v1/conversations/:id/read marks one read; DELETE /api/v1/conversations/:id removes it from the
// list until a newer status arrives in it (storage/conversations.hpp keeps the read state).
#include "web/mastodon/conversations.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "activitypub/posting.hpp"
#include "core/limits.hpp"
#include "storage/accounts.hpp"
#include "storage/conversations.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

namespace {

using core::Errc;
using core::Error;

struct Conversation {
    core::Id root = 0;
    core::Status last;
};

// Whether the reader shows conversation `root` whose newest status is `last`: still visible to them and not
// removed since.
std::optional<core::Status> shown_last(storage::Connection& conn, core::Id me, core::Id root, core::Id last) {
    auto status = storage::find_status(conn, last);
    if (!status || !activitypub::can_see_status(conn, *status, me)) return std::nullopt;
    if (storage::find_conversation_state(conn, me, root).hidden_through_id >= last) return std::nullopt;
    return status;
}

Conversation find_conversation(storage::Connection& conn, core::Id me, core::Id root) {
    auto last = storage::conversation_last_status(conn, me, root);
    auto status = last ? shown_last(conn, me, root, *last) : std::nullopt;
    if (!status) throw Error(Errc::not_found, "Record not found");
    return {root, std::move(*status)};
}

// The reader's conversations, newest first, as an index range over their conversation memberships
// (storage/conversations.hpp) paged by the newest status's id; removed ones are skipped while scanning.
Response index(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:statuses");
    storage::IdPage page = read_page(Params::from(req));
    core::Id me = caller.account->id;
    std::vector<core::Id> last_ids;
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        storage::ReadSnapshot snapshot(conn);  // one WAL read lock for the page
        std::map<core::Id, core::Id> root_of;  // newest status id -> root
        std::map<core::Id, core::Status> shown;
        last_ids = scan_page(
            page,
            [&](const storage::IdPage& p) {
                auto rows = storage::conversations_page(conn, me, p);
                for (const auto& r : rows) root_of[r.key] = r.value;
                return storage::page_keys(rows);
            },
            [&](core::Id last) {
                auto status = shown_last(conn, me, root_of[last], last);
                if (status) shown.emplace(last, std::move(*status));
                return status.has_value();
            });
        w.begin_array();
        for (core::Id last : last_ids) write_conversation(w, ctx, conn, me, root_of[last], shown.at(last));
        w.end_array();
    });
    Response res = json_response(w.str());
    set_link_header(res, ctx.urls.base() + "/api/v1/conversations", last_ids);
    return res;
}

Response mark_read(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:conversations");
    core::Id root = id_param(req.param("id"));
    core::Id me = caller.account->id;
    core::JsonWriter w;
    ctx.db.write([&](storage::Connection& conn) {
        Conversation c = find_conversation(conn, me, root);
        storage::mark_conversation_read(conn, me, root, c.last.id);
        write_conversation(w, ctx, conn, me, root, c.last);
    });
    return json_response(w.str());
}

Response remove(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:conversations");
    core::Id root = id_param(req.param("id"));
    core::Id me = caller.account->id;
    ctx.db.write([&](storage::Connection& conn) {
        Conversation c = find_conversation(conn, me, root);
        storage::hide_conversation(conn, me, root, c.last.id);
    });
    return json_response("{}");
}

}  // namespace

void write_conversation(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, core::Id viewer,
                        core::Id root, const core::Status& last) {
    std::vector<core::Id> people{last.account_id};
    for (const auto& m : storage::find_mentions(conn, last.id)) {
        if (m.account_id) people.push_back(*m.account_id);
    }
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    bool unread = storage::conversation_unread(storage::find_conversation_state(conn, viewer, root), viewer, last.id,
                                               last.account_id);
    w.begin_object().field("id", std::to_string(root)).field("unread", unread).key("accounts").begin_array();
    for (core::Id p : people) {
        if (p == viewer) continue;
        if (auto a = storage::find_account(conn, p)) write_account(w, ctx, conn, *a);
    }
    w.end_array().key("last_status");
    write_status(w, ctx, conn, last, viewer);
    w.end_object();
}

void add_conversation_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/conversations", [&ctx](const Request& req) { return index(ctx, req); });
    router.add(http::verb::post, "/api/v1/conversations/:id/read",
               [&ctx](const Request& req) { return mark_read(ctx, req); });
    router.add(http::verb::delete_, "/api/v1/conversations/:id", [&ctx](const Request& req) { return remove(ctx, req); });
}

}  // namespace gesso::web::mastodon
