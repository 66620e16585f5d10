// Remote follow, both ways.
//   GET /remote_follow?account=alice&handle=you@your.server — a visitor on alice's profile names their own
//     account: their server's WebFinger subscribe template is looked up (through the engine's transport, so the
//     SSRF guard applies) and the visitor is sent there (303) with alice's actor id.
//   GET /authorize_interaction?uri=... — where this node's own subscribe template points other servers' visitors:
//     shows the account (or post) they want, and asks them to sign in to follow it.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "activitypub/actors.hpp"
#include "activitypub/remote_actors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "web/pages/routes.hpp"

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

Response authorize_interaction(const Site& site, const Request& req) {
    activitypub::Context& ctx = site.ctx();
    std::string uri = req.query_param("uri").value_or("");
    if (uri.starts_with("acct:")) uri.erase(0, 5);
    if (uri.empty() || uri.size() > core::limits::kMaxUrlLength) throw Error(Errc::bad_request, "Which account?");
    std::optional<core::Account> account;
    if (uri.find("://") == std::string::npos) {
        account = activitypub::resolve_handle(ctx, uri);
    } else {
        account = ctx.db.read([&](storage::Connection& conn) { return storage::find_account_by_uri(conn, uri); });
        if (!account) account = activitypub::remote_actor(ctx, uri);
    }
    PageContext page = site.context(req);
    std::string handle = "@" + account->username + "@" + (account->is_local() ? ctx.urls.domain : account->domain);
    page.title = "Follow " + handle;
    mustache::data data;
    data.set("name", account->display_name.empty() ? account->username : account->display_name);
    data.set("handle", handle);
    data.set("profile_url", account->is_local() ? ctx.urls.profile(account->username) : ctx.urls.base() + "/" + handle);
    if (!page.viewer) data.set("login_url", site.settings().login_url);
    return render_page(page, "authorize_interaction", std::move(data));
}

}  // namespace

void add_follow_remote_routes(Router& router, const SitePtr& site) {
    router.get("/remote_follow", site->route([site = site.get()](const Request& req) { return remote_follow(*site, req); }));
    router.get("/authorize_interaction",
               site->route([site = site.get()](const Request& req) { return authorize_interaction(*site, req); }));
}

}  // namespace gesso::web::pages
