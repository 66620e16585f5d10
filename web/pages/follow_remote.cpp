// Remote follow, both ways.
//   GET /remote_follow?account=alice&handle=you@your.server — a visitor on alice's profile names their own
//     account: their server's WebFinger subscribe template is looked up (through the engine's transport, so the
//     SSRF guard applies) and the visitor is sent there (303) with alice's actor id.
//   GET /authorize_interaction?uri=... — where this node's own subscribe template points other servers' visitors:
//     shows the account they want; signed in, a Follow button (POST /authorize_interaction, CSRF-checked, the
//     engine's follow_account as the API's follow), signed out, a sign-in link that comes back here.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "activitypub/actors.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/remote_actors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "web/mastodon/account_views.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

using core::Errc;
using core::Error;

namespace {

// The form again, with the problem stated (a 4xx/5xx page, never a JSON error).
Response follow_form(const Site& site, const Request& req, const core::Account& account, const std::string& handle,
                     const std::string& problem, http::status status) {
    PageContext page = site.context(req);
    page.title = "Follow @" + account.username;
    mustache::data data;
    data.set("username", account.username);
    data.set("handle", "@" + account.username + "@" + site.ctx().urls.domain);
    data.set("profile_url", site.ctx().urls.profile(account.username));
    data.set("visitor_handle", handle);
    if (!problem.empty()) data.set("problem", problem);
    return render_page(page, "follow_remote", std::move(data), status);
}

Response remote_follow(const Site& site, const Request& req) {
    activitypub::Context& ctx = site.ctx();
    core::Account account = activitypub::visible_local_account(ctx, req.query_param("account").value_or(""));
    std::string handle(core::trim(req.query_param("handle").value_or("")));
    if (handle.empty()) return follow_form(site, req, account, handle, "", http::status::ok);
    if (handle.size() > core::limits::kMaxRemoteHandleBytes) {
        return follow_form(site, req, account, "", "That handle is too long.", http::status::bad_request);
    }
    std::string_view bare = handle;
    if (bare.starts_with('@')) bare.remove_prefix(1);
    auto at = bare.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == bare.size() ||
        bare.find_first_of(" /?#<>\"'") != std::string_view::npos) {
        return follow_form(site, req, account, handle, "Enter your handle as you@your.server.",
                           http::status::bad_request);
    }
    std::string host = core::to_lower_ascii(bare.substr(at + 1));
    if (host == core::to_lower_ascii(ctx.urls.domain)) {
        return follow_form(site, req, account, handle,
                           "You are on this server already: sign in here and follow from the profile.",
                           http::status::bad_request);
    }
    std::string tmpl;
    try {
        tmpl = activitypub::remote_subscribe_template(ctx, bare);
    } catch (const Error& e) {
        std::string problem;
        http::status status = http::status::bad_gateway;
        switch (e.code()) {
            case Errc::not_found:
                problem = host + " knows no account " + std::string(bare) + " that can follow from a link.";
                status = http::status::not_found;
                break;
            case Errc::bad_request:
            case Errc::forbidden:
                problem = "Gesso may not contact " + host + ".";
                status = http::status::bad_request;
                break;
            default:
                problem = "Could not reach " + host + ". Check the handle, or try again later.";
        }
        return follow_form(site, req, account, handle, problem, status);
    }
    std::string uri = boost::urls::encode(ctx.urls.actor(account.username), boost::urls::unreserved_chars);
    std::string location;
    std::size_t from = 0;
    for (std::size_t at_uri = tmpl.find("{uri}"); at_uri != std::string::npos; at_uri = tmpl.find("{uri}", from)) {
        location.append(tmpl, from, at_uri - from);
        location += uri;
        from = at_uri + 5;
    }
    location.append(tmpl, from);
    Response res = redirect_response(location, http::status::see_other);
    site.add_security_headers(res);
    return res;
}

// The account an /authorize_interaction request names (uri=acct:user@host, user@host or an actor URL), known or
// fetched. Throws core::Error (bad_request, not_found, or the fetch's error).
core::Account interaction_account(activitypub::Context& ctx, std::string uri) {
    if (uri.starts_with("acct:")) uri.erase(0, 5);
    if (uri.empty() || uri.size() > core::limits::kMaxUrlLength) throw Error(Errc::bad_request, "Which account?");
    std::optional<core::Account> account;
    if (uri.find("://") == std::string::npos) {
        std::string_view handle = uri;
        if (handle.starts_with('@')) handle.remove_prefix(1);
        auto at = handle.rfind('@');
        if (at != std::string_view::npos &&
            core::to_lower_ascii(handle.substr(at + 1)) == core::to_lower_ascii(ctx.urls.domain)) {
            // One of ours: no WebFinger round trip to ourselves.
            account = ctx.db.read(
                [&](storage::Connection& conn) { return storage::find_local_account(conn, handle.substr(0, at)); });
        } else {
            account = activitypub::resolve_handle(ctx, uri);
        }
    } else {
        account = ctx.db.read([&](storage::Connection& conn) { return storage::find_account_by_uri(conn, uri); });
        if (!account) account = activitypub::remote_actor(ctx, uri);
    }
    if (!account || account->is_suspended()) throw Error(Errc::not_found, "No such account");
    return *account;
}

// Signed in: the account and a Follow button (or where the follow stands). Signed out: a link to sign in that
// comes back here.
Response authorize_interaction(const Site& site, const Request& req) {
    activitypub::Context& ctx = site.ctx();
    std::string uri = req.query_param("uri").value_or("");
    core::Account account = interaction_account(ctx, uri);
    PageContext page = site.context(req);
    std::string handle = "@" + account.username + "@" + (account.is_local() ? ctx.urls.domain : account.domain);
    page.title = "Follow " + handle;
    mustache::data data;
    data.set("name", account.display_name.empty() ? account.username : account.display_name);
    data.set("handle", handle);
    data.set("uri", uri);
    data.set("profile_url", account.is_local() ? ctx.urls.profile(account.username) : ctx.urls.base() + "/" + handle);
    if (!page.viewer) {
        std::string back = safe_return_path(std::string(req.message.target()));
        data.set("login_url", site.settings().login_url + "?return_to=" +
                                  boost::urls::encode(back, boost::urls::unreserved_chars));
    } else if (page.viewer->account_id == account.id) {
        data.set("state", std::string("This is your own account."));
    } else {
        auto follow = ctx.db.read(
            [&](storage::Connection& conn) { return storage::find_follow(conn, page.viewer->account_id, account.id); });
        if (follow && follow->accepted) {
            data.set("state", "You follow " + handle + ".");
        } else if (follow) {
            data.set("state", "Your follow request was sent: " + handle + " has not answered yet.");
        } else {
            data.set("can_follow", true);
        }
    }
    return render_page(page, "authorize_interaction", std::move(data));
}

// POST /authorize_interaction (uri, csrf_token): the signed-in viewer follows the account, through the same
// engine call as POST /api/v1/accounts/:id/follow; then back to the page, which says where the follow stands.
Response follow_from_interaction(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    std::string uri = Params::from(req).get_or("uri", "");
    core::Account account = interaction_account(ctx, uri);
    if (account.id == viewer.account.id) throw Error(Errc::unprocessable, "You cannot follow yourself.");
    activitypub::follow_account(ctx, viewer.account, mastodon::actor_uri(ctx, account));
    return see_other("/authorize_interaction?uri=" + boost::urls::encode(uri, boost::urls::unreserved_chars));
}

}  // namespace

void add_follow_remote_routes(Router& router, const SitePtr& site) {
    router.get("/remote_follow", site->route([site = site.get()](const Request& req) { return remote_follow(*site, req); }));
    router.get("/authorize_interaction",
               site->route([site = site.get()](const Request& req) { return authorize_interaction(*site, req); }));
    router.add(http::verb::post, "/authorize_interaction",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) {
                   return follow_from_interaction(*s, req, v);
               }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
