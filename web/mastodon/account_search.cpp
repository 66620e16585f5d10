// GET /api/v1/accounts/lookup?acct=, GET /api/v1/accounts/search?q=&resolve=&following=&limit=&offset=
#include "storage/account_search.hpp"

#include <algorithm>

#include "activitypub/remote_actors.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "web/mastodon/account_views.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

struct Handle {
    std::string username;
    std::string domain;  // '' for this node
};

// "user", "@user", "user@host", "@user@host"; our own domain counts as local.
Handle split_handle(activitypub::Context& ctx, std::string_view text) {
    if (!text.empty() && text.front() == '@') text.remove_prefix(1);
    Handle h;
    auto at = text.find('@');
    h.username = std::string(text.substr(0, at));
    if (at != std::string_view::npos) h.domain = core::to_lower_ascii(text.substr(at + 1));
    if (h.domain == core::to_lower_ascii(ctx.urls.domain)) h.domain.clear();
    return h;
}

// A remote handle we may not know yet: WebFinger and fetch it. nullopt when that fails (not found, peer down,
// refused by policy): lookups answer 404 and searches go on with what is stored.
std::optional<core::Account> resolve_remote(activitypub::Context& ctx, const Handle& h) {
    try {
        return activitypub::resolve_handle(ctx, h.username + "@" + h.domain);
    } catch (const Error&) {
        return std::nullopt;
    }
}

Response lookup(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    Params p = Params::from(req);
    std::string acct = p.get_or("acct", "");
    if (acct.empty() || acct.size() > core::limits::kMaxWebfingerResourceLength)
        throw Error(Errc::not_found, "Record not found");
    Handle h = split_handle(ctx, acct);
    if (h.username.empty()) throw Error(Errc::not_found, "Record not found");
    auto stored = ctx.db.read([&](storage::Connection& conn) {
        return h.domain.empty() ? storage::find_local_account(conn, h.username)
                                : storage::find_account_by_acct(conn, h.username, h.domain);
    });
    // Only people signed in make this server ask other servers (no anonymous fetches on demand).
    if (!stored && !h.domain.empty() && caller && caller->account) stored = resolve_remote(ctx, h);
    if (!stored || stored->is_suspended() || stored->actor_type == "Application") {
        throw Error(Errc::not_found, "Record not found");
    }
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_account(w, ctx, conn, *stored); });
    return json_response(w.str());
}

Response search(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:accounts");
    Params p = Params::from(req);
    storage::AccountQuery q;
    std::string raw = p.get_or("q", "");
    q.text = std::string(core::trim(raw));
    if (q.text.empty()) throw Error(Errc::bad_request, "param is missing or the value is empty: q");
    if (q.text.size() > core::limits::kMaxAccountSearchQueryBytes)
        throw Error(Errc::unprocessable, "Validation failed: q is too long");
    q.viewer = caller.account->id;
    q.following_only = p.boolean("following").value_or(false);
    q.limit = static_cast<int>(std::clamp<std::int64_t>(p.integer("limit").value_or(core::limits::kDefaultAccountPage),
                                                        1, core::limits::kMaxAccountPage));
    std::int64_t offset = std::max<std::int64_t>(p.integer("offset").value_or(0), 0);
    core::JsonWriter w;
    if (offset > core::limits::kMaxAccountSearchOffset) {  // past what we page: an empty page, never an error
        w.begin_array().end_array();
        return json_response(w.str());
    }
    q.offset = static_cast<int>(offset);
    Handle h = split_handle(ctx, q.text);
    if (p.boolean("resolve").value_or(false) && !h.domain.empty() && !h.username.empty() && q.offset == 0) {
        bool known = ctx.db.read([&](storage::Connection& conn) {
            return storage::find_account_by_acct(conn, h.username, h.domain).has_value();
        });
        if (!known) resolve_remote(ctx, h);  // stored if found; the search below lists it
    }
    ctx.db.read([&](storage::Connection& conn) {
        // A full handle names one account: it is answered first even when it is not discoverable (asking for
        // it by name is not browsing a directory). Prefix matches follow.
        std::vector<core::Id> ids;
        if (!h.domain.empty() && !h.username.empty() && q.offset == 0 && !q.following_only) {
            auto exact = storage::find_account_by_acct(conn, h.username, h.domain);
            if (exact) ids.push_back(exact->id);
        }
        for (core::Id id : storage::search_accounts(conn, q)) {
            if (std::find(ids.begin(), ids.end(), id) == ids.end() && ids.size() < static_cast<std::size_t>(q.limit)) {
                ids.push_back(id);
            }
        }
        write_account_list(w, ctx, conn, ids);
    });
    return json_response(w.str());
}

}  // namespace

void add_account_search_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/accounts/lookup", [&ctx](const Request& req) { return lookup(ctx, req); });
    router.get("/api/v1/accounts/search", [&ctx](const Request& req) { return search(ctx, req); });
}

}  // namespace gesso::web::mastodon
