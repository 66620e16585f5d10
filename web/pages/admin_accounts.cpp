// GET /admin/accounts: the node's local accounts, sign-ups waiting for approval first, searchable by name or
// e-mail, a page at a time. POST /admin/accounts/:username/approve|reject|suspend|unsuspend: the engine's own
// account functions, as `gesso admin account ...` calls them.
#include <algorithm>

#include "activitypub/accounts.hpp"
#include "core/admin_limits.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

namespace {

namespace limits = core::limits;

// The notice after a successful action (?done=WORD&who=USERNAME).
std::string notice_for(std::string_view done, std::string_view who) {
    std::string name = "@";
    name += who;
    if (done == "approve") return name + " was approved and can sign in now.";
    if (done == "reject") return "The sign-up of " + name + " was rejected and deleted.";
    if (done == "suspend") return name + " is suspended.";
    if (done == "unsuspend") return name + " is no longer suspended.";
    return "";
}

std::string list_url(std::string_view search, int page) {
    std::string url = "/admin/accounts?page=";
    url += std::to_string(page);
    if (!search.empty()) url.append("&q=").append(url_encode(search));
    return url;
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer, const FieldErrors& errors,
              http::status status) {
    activitypub::Context& ctx = site.ctx();
    std::string search(core::trim(req.query_param("q").value_or("")));
    if (search.size() > limits::kAdminSearchBytes) search.resize(limits::kAdminSearchBytes);
    int page = 1;
    if (auto p = req.query_param("page")) {
        try {
            page = std::clamp(std::stoi(*p), 1, limits::kAdminMaxPage);
        } catch (const std::exception&) {
            page = 1;
        }
    }
    int per_page = limits::kAdminAccountsPerPage;
    // One row more than a page tells whether there is a next page.
    auto users = ctx.db.read([&](storage::Connection& conn) {
        return storage::list_local_users_page(conn, search, (page - 1) * per_page, per_page + 1);
    });
    bool more = static_cast<int>(users.size()) > per_page;
    if (more) users.pop_back();

    mustache::data data;
    data.set("q", search);
    set_form_errors(data, errors);
    std::string notice = notice_for(req.query_param("done").value_or(""), req.query_param("who").value_or(""));
    if (!notice.empty()) data.set("notice", notice);
    mustache::data rows{mustache::data::type::list};
    for (const auto& u : users) {
        mustache::data row;
        row.set("username", u.account.username);
        if (!u.account.display_name.empty() && u.account.display_name != u.account.username) {
            row.set("display_name", u.account.display_name);
        }
        row.set("email", u.user.email);
        row.set("profile_url", ctx.urls.profile(u.account.username));
        row.set("joined", admin_time(u.user.created_at));
        if (u.user.admin) row.set("admin", true);
        bool suspended = u.account.is_suspended();
        bool pending = !u.user.approved;
        row.set("state", std::string(suspended ? "Suspended" : pending ? "Waiting for approval" : "Active"));
        row.set("state_class", std::string(suspended ? "suspended" : pending ? "pending" : "active"));
        if (pending) {
            row.set("pending", true);
            std::string reason = ctx.db.read([&](storage::Connection& conn) {
                return storage::registration_reason(conn, u.account.id);
            });
            if (!reason.empty()) row.set("reason", reason);
        }
        if (suspended) row.set("suspended", true);
        // An admin does not suspend themselves from here (they would lose the page they are on).
        if (!suspended && !pending && u.account.id != viewer.account.id) row.set("can_suspend", true);
        rows.push_back(std::move(row));
    }
    if (!users.empty()) data.set("has_accounts", true);
    data.set("accounts", std::move(rows));
    if (page > 1) data.set("previous_url", list_url(search, page - 1));
    if (more) data.set("next_url", list_url(search, page + 1));
    return render_admin_page(site, req, viewer, "/admin/accounts", "Accounts", "admin_accounts", std::move(data), status);
}

Response act(const Site& site, const Request& req, const SessionViewer& viewer, std::string_view action) {
    activitypub::Context& ctx = site.ctx();
    std::string username = req.param("username");
    try {
        if (action == "approve") {
            activitypub::approve_account(ctx, username);
        } else if (action == "reject") {
            activitypub::reject_account(ctx, username);
        } else if (action == "suspend") {
            if (core::iequals_ascii(username, viewer.account.username)) {
                throw core::Error(core::Errc::unprocessable, "You cannot suspend your own account.");
            }
            activitypub::set_account_suspended(ctx, username, true);
        } else {
            activitypub::set_account_suspended(ctx, username, false);
        }
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::not_found && e.code() != core::Errc::conflict && e.code() != core::Errc::unprocessable) throw;
        return show(site, req, viewer, {{"", e.what()}}, http::status::unprocessable_entity);
    }
    std::string to = "/admin/accounts?done=";
    to.append(action).append("&who=").append(url_encode(username));
    return see_other(to);
}

}  // namespace

void add_admin_account_routes(Router& router, const SitePtr& site) {
    const Site* s = site.get();
    router.get("/admin/accounts", admin_only(site, [s](const Request& req, const SessionViewer& v) {
                   return show(*s, req, v, {}, http::status::ok);
               }));
    for (std::string_view action : {"approve", "reject", "suspend", "unsuspend"}) {
        add_admin_post(router, site, "/admin/accounts/:username/" + std::string(action),
                       [s, action](const Request& req, const SessionViewer& v) { return act(*s, req, v, action); });
    }
}

}  // namespace gesso::web::pages
