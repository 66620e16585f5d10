// GET /@:username — an account's portfolio: its works (media of public and unlisted posts, pinned first),
// bio, fields, counts and the follow-from-your-server form. `/@user@domain` shows a remote account known here
// from the cache, with the rights it declared. `Accept: application/activity+json` gets the actor instead.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "activitypub/actors.hpp"
#include "activitypub/protection.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/account_search.hpp"
#include "storage/account_statuses.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"
#include "web/federation/routes.hpp"
#include "web/pages/gallery.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/sanitize.hpp"
#include "web/pages/works.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

// The account a profile path names: a local username, or user@domain of a remote account known here.
core::Account profile_account(activitypub::Context& ctx, const std::string& name) {
    auto at = name.find('@');
    if (at == std::string::npos) return activitypub::visible_local_account(ctx, name);
    std::string username = name.substr(0, at), domain = core::to_lower_ascii(name.substr(at + 1));
    if (username.empty() || domain.empty() || domain == core::to_lower_ascii(ctx.urls.domain)) {
        if (!username.empty() && domain == core::to_lower_ascii(ctx.urls.domain))
            return activitypub::visible_local_account(ctx, username);
        throw Error(Errc::not_found, "No such account");
    }
    auto account = ctx.db.read(
        [&](storage::Connection& conn) { return storage::find_account_by_acct(conn, username, domain); });
    if (!account || account->is_local()) throw Error(Errc::not_found, "No such account here");
    if (account->is_suspended()) throw Error(Errc::gone, "This account is suspended");
    return *account;
}

Response profile(const Site& site, const Request& req) {
    activitypub::Context& ctx = site.ctx();
    core::Account account = profile_account(ctx, req.param("username"));
    std::optional<core::Id> max_id = page_max_id(req);
    const bool local = account.is_local();
    std::string handle = "@" + account.username + "@" + (local ? ctx.urls.domain : account.domain);
    std::string name = account.display_name.empty() ? account.username : account.display_name;
    std::string self_url = local ? ctx.urls.profile(account.username) : ctx.urls.base() + "/" + handle;

    mustache::data data;
    std::string rights;
    ctx.db.read([&](storage::Connection& conn) {
        core::AccountProfile extras = storage::find_profile(conn, account.id);
        rights = local ? activitypub::local_account_robots_tag(ctx, account.username) : extras.x_robots_tag;
        if (!extras.license.empty()) data.set("license", extras.license);
        mustache::data fields{mustache::data::type::list};
        for (const auto& f : extras.fields) {
            mustache::data field;
            field.set("name", f.name);
            field.set("value_html", local ? core::html_escape(f.value) : sanitize_html(f.value));
            fields.push_back(std::move(field));
        }
        if (!extras.fields.empty()) {
            data.set("has_fields", true);
            data.set("fields", std::move(fields));
        }
        if (local) {
            mustache::data counts;
            counts.set("posts", std::to_string(storage::count_public_statuses(conn, account.id)));
            if (!storage::collections_hidden(conn, account.id)) {
                counts.set("followers", std::to_string(storage::count_follows(conn, account.id, storage::FollowSide::followers)));
                counts.set("following", std::to_string(storage::count_follows(conn, account.id, storage::FollowSide::following)));
            }
            data.set("counts", std::move(counts));
        }
        // Pinned works lead the first page; later pages skip those statuses.
        std::vector<core::Id> pinned = storage::pinned_status_ids(conn, account.id, core::limits::kCollectionPageSize);
        std::vector<Work> works;
        if (!max_id) {
            WorksPage pins = collect_works(conn, pinned, false);
            for (auto& w : pins.works) {
                w.pinned = true;
                works.push_back(std::move(w));
            }
        }
        storage::AccountStatusFilter filter;  // anonymous: public and unlisted only
        filter.exclude_reblogs = true;
        filter.only_media = true;
        storage::IdPage scan;
        scan.max_id = max_id;
        scan.limit = core::limits::kPageWorkScanStatuses;
        auto rows = storage::account_statuses_page(conn, account.id, filter, scan);
        auto ids = storage::page_values(rows);
        WorksPage page = collect_works(conn, ids, static_cast<int>(ids.size()) == scan.limit, pinned);
        for (auto& w : page.works) works.push_back(std::move(w));
        if (!works.empty()) data.set("works_html", render_works(site, works));
        if (page.older_max_id) data.set("older_url", self_url + "?max_id=" + std::to_string(*page.older_max_id));
        if (max_id) data.set("newer_url", self_url);
    });
    data.set("name", name);
    data.set("handle", handle);
    data.set("note_html", local ? text_to_html(account.note) : sanitize_html(account.note));
    if (!account.avatar_url.empty()) data.set("avatar_url", account.avatar_url);
    if (!account.header_url.empty()) data.set("header_url", account.header_url);
    PageContext page = site.context(req);
    // The artist looking at their own portfolio gets a way to edit it, not a form to follow themselves; a member
    // signed in here follows from this server (the Follow page of /authorize_interaction); a visitor, from theirs.
    const bool own = local && page.viewer && page.viewer->account_id == account.id;
    if (own) {
        data.set("edit_profile_url", "/settings/profile");
    } else if (page.viewer) {
        std::string acct = "acct:" + handle.substr(1);
        data.set("follow_here_url", "/authorize_interaction?uri=" + boost::urls::encode(acct, boost::urls::unreserved_chars));
    } else if (local) {
        data.set("follow_account", account.username);
        if (auto handle_value = req.query_param("handle")) data.set("visitor_handle", *handle_value);
    }
    if (!local) data.set("remote_url", account.url.empty() ? account.uri : account.url);

    page.title = name + " (" + handle + ")";
    page.rights = rights;
    page.canonical_url = local ? self_url : (account.url.empty() ? account.uri : account.url);
    page.activity_url = local ? ctx.urls.actor(account.username) : account.uri;
    page.meta = {{"property", "og:type", "profile"},
                 {"property", "og:title", page.title},
                 {"property", "og:url", page.canonical_url},
                 {"name", "twitter:card", "summary"}};
    if (!account.avatar_url.empty()) page.meta.push_back({"property", "og:image", account.avatar_url});
    Response res = render_page(page, "profile", std::move(data));
    res.set(http::field::vary, "Accept");
    return res;
}

}  // namespace

void add_profile_routes(Router& router, const SitePtr& site) {
    Handler page = site->route([site = site.get()](const Request& req) { return profile(*site, req); });
    router.get("/@:username", [site = site.get(), page](const Request& req) {
        // Some peers fetch the profile URL for the actor: negotiate (JSON errors for them, HTML for people).
        if (wants_activity_json(req.header(http::field::accept)) && req.param("username").find('@') == std::string::npos)
            return federation::actor_document(site->ctx(), req);
        return page(req);
    });
}

}  // namespace gesso::web::pages
