// GET/POST /api/v1/lists, GET/PUT/DELETE /api/v1/lists/:id, GET/POST/DELETE /api/v1/lists/:id/accounts,
// GET /api/v1/accounts/:id/lists. Lists hold accounts the owner follows; their timelines are filled where home
// timelines are (storage::add_to_home_timeline).
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/lists.hpp"
#include "web/mastodon/char_count.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

// Statuses of a newly added member copied from the owner's home timeline into the list.
constexpr int kListBackfill = 400;

void write_list(core::JsonWriter& w, const storage::List& l) {
    w.begin_object().field("id", std::to_string(l.id)).field("title", l.title).field("replies_policy", l.replies_policy);
    w.field("exclusive", l.exclusive).end_object();
}

// Reads title, replies_policy and exclusive over `l`, keeping what the request does not name (a new list has
// no title, so it must name one).
void read_list_fields(const Params& p, storage::List& l) {
    if (auto title = p.get("title")) l.title = std::string(core::trim(*title));
    if (l.title.empty()) throw Error(Errc::unprocessable, "Validation failed: Title can't be blank");
    if (char_count(l.title) > core::limits::kMaxListTitleChars) {
        throw Error(Errc::unprocessable, "Validation failed: Title is too long");
    }
    if (auto policy = p.get("replies_policy")) {
        if (*policy != "followed" && *policy != "list" && *policy != "none") {
            throw Error(Errc::unprocessable, "Validation failed: Replies policy is not included in the list");
        }
        l.replies_policy = *policy;
    }
    if (auto exclusive = p.boolean("exclusive")) l.exclusive = *exclusive;
}

Response index(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:lists");
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& l : storage::lists_of(conn, caller.account->id)) write_list(w, l);
        w.end_array();
    });
    return json_response(w.str());
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:lists");
    core::Id id = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto l = storage::find_list(conn, caller.account->id, id);
        if (!l) throw Error(Errc::not_found, "Record not found");
        write_list(w, *l);
    });
    return json_response(w.str());
}

Response create(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:lists");
    storage::List l;
    l.account_id = caller.account->id;
    read_list_fields(Params::from(req), l);
    auto now = ctx.clock.now();
    l.id = ctx.ids.next(now);
    ctx.db.write([&](storage::Connection& conn) {
        if (storage::count_lists(conn, l.account_id) >= core::limits::kMaxListsPerAccount) {
            throw Error(Errc::unprocessable, "Validation failed: You have reached the maximum number of lists");
        }
        storage::insert_list(conn, l, now);
    });
    core::JsonWriter w;
    write_list(w, l);
    return json_response(w.str());
}

Response update(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:lists");
    core::Id id = id_param(req.param("id"));
    Params params = Params::from(req);
    storage::List l = ctx.db.write([&](storage::Connection& conn) {
        auto found = storage::find_list(conn, caller.account->id, id);
        if (!found) throw Error(Errc::not_found, "Record not found");
        read_list_fields(params, *found);
        storage::update_list(conn, *found);
        return *found;
    });
    core::JsonWriter w;
    write_list(w, l);
    return json_response(w.str());
}

Response remove(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:lists");
    core::Id id = id_param(req.param("id"));
    bool gone = ctx.db.write([&](storage::Connection& conn) { return storage::delete_list(conn, caller.account->id, id); });
    if (!gone) throw Error(Errc::not_found, "Record not found");
    return json_response("{}");
}

Response members(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:lists");
    core::Id id = id_param(req.param("id"));
    Params params = Params::from(req);
    // limit=0 answers every member (Mastodon's convention), otherwise at most 80.
    std::int64_t limit = params.integer("limit").value_or(40);
    limit = limit <= 0 ? core::limits::kMaxAccountsPerList : std::min<std::int64_t>(limit, 80);
    core::Id after = 0;
    if (auto since = params.get("since_id")) after = core::parse_id(*since).value_or(0);
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        if (!storage::find_list(conn, caller.account->id, id)) throw Error(Errc::not_found, "Record not found");
        w.begin_array();
        for (core::Id member : storage::list_members(conn, id, after, static_cast<int>(limit))) {
            if (auto a = storage::find_account(conn, member)) write_account(w, ctx, conn, *a);
        }
        w.end_array();
    });
    return json_response(w.str());
}

std::vector<core::Id> account_ids(const Params& params) {
    std::vector<core::Id> out;
    for (const auto& text : params.all("account_ids")) {
        auto id = core::parse_id(text);
        if (!id) throw Error(Errc::not_found, "Record not found");
        out.push_back(*id);
    }
    if (out.empty()) throw Error(Errc::unprocessable, "Validation failed: account_ids is missing");
    if (out.size() > static_cast<std::size_t>(core::limits::kMaxAccountsPerList)) {
        throw Error(Errc::unprocessable, "Validation failed: too many accounts");
    }
    return out;
}

Response add_members(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:lists");
    core::Id id = id_param(req.param("id"));
    auto ids = account_ids(Params::from(req));
    ctx.db.write([&](storage::Connection& conn) {
        auto l = storage::find_list(conn, caller.account->id, id);
        if (!l) throw Error(Errc::not_found, "Record not found");
        for (core::Id member : ids) {
            if (!storage::find_account(conn, member)) throw Error(Errc::not_found, "Record not found");
            auto f = storage::find_follow(conn, caller.account->id, member);
            if (!f || !f->accepted) throw Error(Errc::unprocessable, "Validation failed: Account has not been followed");
        }
        if (storage::count_list_members(conn, id) + static_cast<int>(ids.size()) > core::limits::kMaxAccountsPerList) {
            throw Error(Errc::unprocessable, "Validation failed: the list is full");
        }
        for (core::Id member : ids) storage::add_list_member(conn, *l, member, kListBackfill);
    });
    return json_response("{}");
}

Response remove_members(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:lists");
    core::Id id = id_param(req.param("id"));
    auto ids = account_ids(Params::from(req));
    ctx.db.write([&](storage::Connection& conn) {
        if (!storage::find_list(conn, caller.account->id, id)) throw Error(Errc::not_found, "Record not found");
        for (core::Id member : ids) storage::remove_list_member(conn, id, member);
    });
    return json_response("{}");
}

Response lists_with_account(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:lists");
    core::Id member = id_param(req.param("id"));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        if (!storage::find_account(conn, member)) throw Error(Errc::not_found, "Record not found");
        w.begin_array();
        for (const auto& l : storage::lists_containing(conn, caller.account->id, member)) write_list(w, l);
        w.end_array();
    });
    return json_response(w.str());
}

}  // namespace

void add_list_routes(Router& router, activitypub::Context& ctx) {
    auto route = [&ctx](Response (*fn)(activitypub::Context&, const Request&)) {
        return [&ctx, fn](const Request& req) { return fn(ctx, req); };
    };
    router.get("/api/v1/lists", route(index));
    router.add(http::verb::post, "/api/v1/lists", route(create));
    router.get("/api/v1/lists/:id", route(show));
    router.add(http::verb::put, "/api/v1/lists/:id", route(update));
    router.add(http::verb::delete_, "/api/v1/lists/:id", route(remove));
    router.get("/api/v1/lists/:id/accounts", route(members));
    router.add(http::verb::post, "/api/v1/lists/:id/accounts", route(add_members));
    router.add(http::verb::delete_, "/api/v1/lists/:id/accounts", route(remove_members));
    router.get("/api/v1/accounts/:id/lists", route(lists_with_account));
}

}  // namespace gesso::web::mastodon
