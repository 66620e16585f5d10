// GET /api/v2/search (q, type accounts|statuses|hashtags, resolve, following, account_id, limit, offset).
// Accounts by username or display-name prefix ("user@host" narrows to a domain), hashtags by prefix, statuses
// by text where their authors allow it (storage/search.hpp). With resolve=true and a signed-in caller, a
// `user@host` handle is looked up by WebFinger and an https URL fetched as a post or an actor. Every status
// answered passes the visibility rules.
#include <algorithm>

#include "activitypub/posting.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/remote_posts.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/relations.hpp"
#include "storage/search.hpp"
#include "storage/status_page.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/tags.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/scopes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

struct Query {
    std::string q;
    std::string type;  // empty: all three
    bool resolve = false;
    bool following = false;
    std::optional<core::Id> account_id;
    int limit = 20;
    int offset = 0;
};

Query read_query(const Params& p) {
    Query q;
    q.q = std::string(core::trim(p.get_or("q", "")));
    if (q.q.size() > core::limits::kMaxSearchQueryBytes) throw Error(Errc::unprocessable, "Validation failed: q is too long");
    q.type = p.get_or("type", "");
    if (!q.type.empty() && q.type != "accounts" && q.type != "statuses" && q.type != "hashtags") {
        throw Error(Errc::unprocessable, "Validation failed: type is not included in the list");
    }
    q.resolve = p.boolean("resolve").value_or(false);
    q.following = p.boolean("following").value_or(false);
    if (auto a = p.get("account_id"); a && !a->empty()) {
        q.account_id = core::parse_id(*a);
        if (!q.account_id) throw Error(Errc::not_found, "Record not found");
    }
    q.limit = static_cast<int>(std::clamp<std::int64_t>(p.integer("limit").value_or(20), 1, core::limits::kMaxSearchResults));
    q.offset = static_cast<int>(std::clamp<std::int64_t>(p.integer("offset").value_or(0), 0, core::limits::kMaxSearchOffset));
    return q;
}

bool wants(const Query& q, const char* type) { return q.type.empty() || q.type == type; }

// "@user@host" or "user@host" -> {user, host}; {text, ""} otherwise.
std::pair<std::string, std::string> split_handle(std::string text) {
    if (!text.empty() && text[0] == '@') text.erase(0, 1);
    auto at = text.find('@');
    if (at == std::string::npos) return {text, ""};
    return {text.substr(0, at), text.substr(at + 1)};
}

bool is_url(const std::string& text) { return core::starts_with_icase(text, "https://") || core::starts_with_icase(text, "http://"); }

// What resolve=true fetches: the remote account or status the query names. Failures (unknown, unreachable,
// refused) mean no result, as in Mastodon.
struct Resolved {
    std::optional<core::Id> account_id;
    std::optional<core::Id> status_id;
};
Resolved resolve_remote(activitypub::Context& ctx, const Query& q) {
    Resolved r;
    try {
        if (is_url(q.q)) {
            if (wants(q, "statuses")) {
                if (auto s = activitypub::known_or_fetched_status(ctx, q.q, true)) r.status_id = s->id;
            }
            if (!r.status_id && wants(q, "accounts")) r.account_id = activitypub::remote_actor(ctx, q.q).id;
            return r;
        }
        auto [user, host] = split_handle(q.q);
        if (!user.empty() && !host.empty() && !core::iequals_ascii(host, ctx.urls.domain) && wants(q, "accounts")) {
            r.account_id = activitypub::resolve_handle(ctx, user + "@" + host).id;
        }
    } catch (const Error&) {
        // Not found or not reachable: the search answers what it has.
    }
    return r;
}

Response search(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    std::optional<core::Id> viewer;
    if (caller && caller->account) {
        if (!oauth::covers(caller->scopes, "read:search")) throw Error(Errc::forbidden, "This action is outside the authorized scopes");
        viewer = caller->account->id;
    }
    Query q = read_query(Params::from(req));
    // Anonymous searches get no fetching and no paging past the first page (Mastodon: 401 for those).
    if (!viewer && (q.resolve || q.offset > 0)) throw Error(Errc::unauthorized, "The access token is invalid");
    Resolved resolved;
    if (q.resolve && !q.q.empty() && q.offset == 0) resolved = resolve_remote(ctx, q);

    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto visible_account = [&](core::Id id) -> std::optional<core::Account> {
            auto a = storage::find_account(conn, id);
            if (!a || a->is_suspended()) return std::nullopt;
            if (viewer && storage::blocked_either_way(conn, *viewer, id)) return std::nullopt;
            return a;
        };
        w.begin_object().key("accounts").begin_array();
        if (wants(q, "accounts") && !q.q.empty()) {
            std::vector<core::Id> ids;
            if (resolved.account_id) ids.push_back(*resolved.account_id);
            if (!is_url(q.q)) {
                storage::AccountSearch s;
                auto [user, host] = split_handle(q.q);
                s.prefix = user;
                if (core::iequals_ascii(host, ctx.urls.domain)) s.local_only = true;
                else s.domain = host;
                if (q.following && viewer) s.followed_by = viewer;
                s.limit = q.limit;
                s.offset = q.offset;
                for (core::Id id : storage::search_accounts(conn, s)) {
                    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
                }
            }
            for (core::Id id : ids) {
                if (auto a = visible_account(id)) write_account(w, ctx, conn, *a);
            }
        }
        w.end_array().key("statuses");
        std::vector<core::Status> statuses;
        if (wants(q, "statuses") && !q.q.empty()) {
            std::vector<core::Id> ids;
            if (resolved.status_id) ids.push_back(*resolved.status_id);
            if (viewer && !is_url(q.q)) {
                storage::StatusSearch s;
                s.text = q.q;
                s.viewer = *viewer;
                s.account_id = q.account_id;
                s.limit = q.limit;
                s.offset = q.offset;
                s.scan = core::limits::kMaxSearchScannedStatuses;
                for (core::Id id : storage::search_statuses(conn, s)) {
                    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
                }
            }
            std::unordered_map<core::Id, bool> author_visible;  // one look per author, not per status
            for (auto& s : storage::find_statuses_in_order(conn, ids)) {
                auto known = author_visible.find(s.account_id);
                if (known == author_visible.end()) {
                    known = author_visible.emplace(s.account_id, visible_account(s.account_id).has_value()).first;
                }
                if (!known->second || !activitypub::can_see_status(conn, s, viewer)) continue;
                statuses.push_back(std::move(s));
            }
        }
        write_statuses(w, ctx, conn, statuses, viewer);
        w.key("hashtags").begin_array();
        if (wants(q, "hashtags") && !q.q.empty() && !is_url(q.q)) {
            std::string prefix = storage::normalize_tag(q.q[0] == '#' ? q.q.substr(1) : q.q);
            if (!prefix.empty()) {
                for (const auto& name : storage::search_tags(conn, prefix, q.limit, q.offset)) {
                    write_tag(w, ctx, conn, storage::normalize_tag(name), viewer);
                }
            }
        }
        w.end_array().end_object();
    });
    return json_response(w.str());
}

}  // namespace

void add_search_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v2/search", [&ctx](const Request& req) { return search(ctx, req); });
}

}  // namespace gesso::web::mastodon
