// GET /api/v1/accounts/verify_credentials, PATCH /api/v1/accounts/update_credentials, GET /api/v1/accounts/:id,
// GET /api/v1/accounts/:id/statuses, GET /api/v1/accounts/:id/followers and /following. add_account_routes also
// registers the other account route groups whose literal paths (/accounts/lookup, /search, /relationships...)
// must come before /:id.
#include "activitypub/profile_edit.hpp"
#include "core/ids.hpp"
#include "storage/accounts.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "activitypub/posting.hpp"
#include "activitypub/status_filters.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/account_statuses.hpp"
#include "storage/follows.hpp"
#include "storage/relations.hpp"
#include "storage/status_page.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/account_views.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/paging.hpp"
#include "web/mastodon/profile_fields.hpp"
#include "web/mastodon/routes.hpp"
#include "web/multipart.hpp"
#include "web/noai/protection_params.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

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

Response update_credentials(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:accounts");
    Params p = Params::from(req);
    activitypub::ProfileChanges c;
    c.display_name = p.get("display_name");
    c.note = p.get("note");
    c.locked = p.boolean("locked");
    c.bot = p.boolean("bot");
    c.discoverable = p.boolean("discoverable");
    c.indexable = p.boolean("indexable");
    c.hide_collections = p.boolean("hide_collections");
    c.fields = read_fields(p);
    c.privacy = p.get("source[privacy]");
    c.sensitive = p.boolean("source[sensitive]");
    c.language = p.get("source[language]");
    std::vector<MultipartPart> parts;
    if (auto boundary = multipart_boundary(req.header(http::field::content_type))) {
        parts = parse_multipart(req.message.body(), *boundary);
        for (const auto& part : parts) {
            if (!part.filename) continue;
            if (part.name == "avatar") c.avatar = part.body;
            else if (part.name == "header") c.header = part.body;
        }
    }
    // The artist's protection settings (gesso[...]) first: an invalid one refuses the whole update.
    noai::apply_protection_params(ctx, *caller.account, p);
    core::Account updated = activitypub::update_credentials(ctx, *caller.account, c);
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_account(w, ctx, conn, updated, true); });
    return json_response(w.str());
}

Response show(activitypub::Context& ctx, const Request& req) {
    oauth::bearer_caller(ctx, req);  // a bad token is refused even where none is needed
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) { write_account(w, ctx, conn, shown_account(conn, req.param("id"))); });
    return json_response(w.str());
}

Response statuses(activitypub::Context& ctx, const Request& req) {
    std::optional<core::Id> viewer = request_viewer(ctx, req);
    Params p = Params::from(req);
    storage::IdPage page = read_page(p);
    storage::AccountStatusFilter filter;
    filter.viewer = viewer;
    filter.exclude_reblogs = p.boolean("exclude_reblogs").value_or(false);
    filter.exclude_replies = p.boolean("exclude_replies").value_or(false);
    filter.only_media = p.boolean("only_media").value_or(false);
    filter.pinned = p.boolean("pinned").value_or(false);
    filter.tagged = p.get_or("tagged", "");
    if (!filter.tagged.empty() && filter.tagged.front() == '#') filter.tagged.erase(0, 1);
    if (filter.tagged.size() > core::limits::kMaxAccountSearchQueryBytes) {
        throw Error(Errc::unprocessable, "Validation failed: tagged is too long");
    }
    core::JsonWriter w;
    std::vector<core::Id> keys;
    std::string base = ctx.urls.base() + "/api/v1/accounts/";
    ctx.db.read([&](storage::Connection& conn) {
        core::Account account = shown_account(conn, req.param("id"));
        base += std::to_string(account.id);
        base += "/statuses";
        // Someone the account blocks sees nothing of it.
        std::vector<core::Status> shown_statuses;
        activitypub::ActiveFilters filters;
        if (!viewer || !storage::find_block(conn, account.id, *viewer)) {
            // The reader's "account" filters, not on their own page: hide removes, warn marks (a boost is
            // judged by what it boosts).
            if (viewer && *viewer != account.id) {
                filters = activitypub::ActiveFilters::load(conn, *viewer, "account", ctx.clock.now());
            }
            auto rows = storage::account_statuses_page(conn, account.id, filter, page);
            keys = storage::page_keys(rows);
            // The page's statuses and (for the filters) their boost targets, one query each.
            std::vector<core::Status> statuses = storage::find_statuses_in_order(conn, storage::page_values(rows));
            std::unordered_map<core::Id, core::Status> targets;
            if (!filters.empty()) {
                std::vector<core::Id> target_ids;
                for (const auto& s : statuses) {
                    if (s.reblog_of_id) target_ids.push_back(*s.reblog_of_id);
                }
                for (auto& t : storage::find_statuses(conn, target_ids)) {
                    core::Id id = t.id;
                    targets.emplace(id, std::move(t));
                }
            }
            for (auto& status : statuses) {
                if (!activitypub::can_see_status(conn, status, viewer)) continue;
                if (!filters.empty()) {
                    const core::Status* shown = &status;
                    if (status.reblog_of_id) {
                        auto it = targets.find(*status.reblog_of_id);
                        shown = it == targets.end() ? nullptr : &it->second;
                    }
                    if (!shown || (shown->account_id != viewer && filters.hides(*shown))) continue;
                }
                shown_statuses.push_back(std::move(status));
            }
        }
        write_statuses(w, ctx, conn, shown_statuses, viewer, &filters);
    });
    std::string query;
    auto flag = [&](const char* name, bool on) {
        if (!on) return;
        query += query.empty() ? "?" : "&";
        query.append(name).append("=true");
    };
    flag("exclude_reblogs", filter.exclude_reblogs);
    flag("exclude_replies", filter.exclude_replies);
    flag("only_media", filter.only_media);
    flag("pinned", filter.pinned);
    if (!filter.tagged.empty()) {
        query.append(query.empty() ? "?" : "&").append("tagged=");
        query.append(boost::urls::encode(filter.tagged, boost::urls::unreserved_chars));
    }
    Response res = json_response(w.str());
    set_link_header(res, base + query, keys);
    return res;
}

Response follow_list(activitypub::Context& ctx, const Request& req, storage::FollowSide side) {
    std::optional<core::Id> viewer = request_viewer(ctx, req);
    storage::IdPage page =
        read_page(Params::from(req), core::limits::kDefaultAccountPage, core::limits::kMaxAccountPage);
    core::JsonWriter w;
    std::vector<core::Id> keys;
    std::string base = ctx.urls.base() + "/api/v1/accounts/";
    ctx.db.read([&](storage::Connection& conn) {
        core::Account account = shown_account(conn, req.param("id"));
        base += std::to_string(account.id);
        base += side == storage::FollowSide::followers ? "/followers" : "/following";
        bool own = viewer && *viewer == account.id;
        bool hidden = !own && (storage::collections_hidden(conn, account.id) ||
                               (viewer && storage::find_block(conn, account.id, *viewer)));
        std::vector<storage::PageRow> rows;
        if (!hidden) rows = storage::follows_page(conn, account.id, side, page);
        keys = storage::page_keys(rows);
        write_account_list(w, ctx, conn, storage::page_values(rows));
    });
    Response res = json_response(w.str());
    set_link_header(res, base, keys);
    return res;
}

}  // namespace

void add_account_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/accounts/verify_credentials", [&ctx](const Request& req) { return verify_credentials(ctx, req); });
    router.add(http::verb::patch, "/api/v1/accounts/update_credentials",
               [&ctx](const Request& req) { return update_credentials(ctx, req); },
               core::limits::kMaxProfileUpdateBodyBytes);
    add_account_search_routes(router, ctx);
    add_account_relationship_routes(router, ctx);
    router.get("/api/v1/accounts/:id", [&ctx](const Request& req) { return show(ctx, req); });
    router.get("/api/v1/accounts/:id/statuses", [&ctx](const Request& req) { return statuses(ctx, req); });
    router.get("/api/v1/accounts/:id/followers",
               [&ctx](const Request& req) { return follow_list(ctx, req, storage::FollowSide::followers); });
    router.get("/api/v1/accounts/:id/following",
               [&ctx](const Request& req) { return follow_list(ctx, req, storage::FollowSide::following); });
}

}  // namespace gesso::web::mastodon
