// GET /admin/reports: open reports (from local users, from other servers, and the node's own repost alerts),
// oldest first, or resolved ones (?resolved=1). GET /admin/reports/:id: one report (reporter, target, the
// statuses it names, the comment). POST /admin/reports/:id/resolve|reopen|suspend: resolve it, open it again, or
// suspend the target and resolve it (activitypub/reports.hpp).
#include "activitypub/reports.hpp"
#include "activitypub/status_filters.hpp"
#include "core/admin_limits.hpp"
#include "core/error.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

namespace {

namespace limits = core::limits;

std::string handle_of(const activitypub::Context& ctx, const std::optional<core::Account>& a) {
    if (!a) return "(account gone)";
    std::string h = "@";
    h.append(a->username).append("@").append(a->domain.empty() ? ctx.urls.domain : a->domain);
    return h;
}

std::string kind_of(const activitypub::ReportView& v) {
    if (v.repost_alert) return "Repost alert";
    if (v.reporter && !v.reporter->domain.empty()) {
        std::string from = "From ";
        from += v.reporter->domain;
        return from;
    }
    return "From a member";
}

mustache::data summary(const activitypub::Context& ctx, const activitypub::ReportView& v) {
    mustache::data row;
    row.set("id", std::to_string(v.report.id));
    row.set("kind", kind_of(v));
    if (v.repost_alert) row.set("repost_alert", true);
    row.set("reporter", v.repost_alert ? std::string("this node") : handle_of(ctx, v.reporter));
    row.set("target", handle_of(ctx, v.target));
    row.set("category", v.report.category);
    if (!v.report.comment.empty()) row.set("comment", v.report.comment);
    row.set("created", admin_time(v.report.created_at));
    row.set("statuses", std::to_string(v.report.status_ids.size()));
    if (v.report.action_taken_at) row.set("resolved_at", admin_time(*v.report.action_taken_at));
    return row;
}

std::string notice_for(std::string_view done) {
    if (done == "resolve") return "The report is resolved.";
    if (done == "reopen") return "The report is open again.";
    if (done == "suspend") return "The reported account is suspended and the report resolved.";
    return "";
}

Response list(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    bool resolved = req.query_param("resolved").value_or("") == "1";
    auto reports = activitypub::list_reports(ctx, resolved, limits::kAdminReportsPerPage);
    mustache::data data;
    if (resolved) data.set("resolved", true);
    std::string notice = notice_for(req.query_param("done").value_or(""));
    if (!notice.empty()) data.set("notice", notice);
    mustache::data rows{mustache::data::type::list};
    for (const auto& v : reports) rows.push_back(summary(ctx, v));
    if (!reports.empty()) data.set("has_reports", true);
    data.set("reports", std::move(rows));
    return render_admin_page(site, req, viewer, "/admin/reports", resolved ? "Resolved reports" : "Reports",
                             "admin_reports", std::move(data));
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    auto v = activitypub::require_report(ctx, mastodon::id_param(req.param("id")));
    mustache::data data = summary(ctx, v);
    std::string notice = notice_for(req.query_param("done").value_or(""));
    if (!notice.empty()) data.set("notice", notice);
    if (v.target) {
        if (v.target->is_local()) data.set("target_url", ctx.urls.profile(v.target->username));
        else if (!v.target->url.empty()) data.set("target_remote_url", v.target->url);
        if (v.target->is_suspended()) data.set("target_suspended", true);
        else data.set("can_suspend", v.target->id != viewer.account.id);
    }
    if (!v.report.uri.empty()) data.set("flag_uri", v.report.uri);
    mustache::data statuses{mustache::data::type::list};
    for (const auto& s : v.statuses) {
        mustache::data item;
        item.set("text", activitypub::html_to_text(s.content));
        if (!s.spoiler_text.empty()) item.set("warning", s.spoiler_text);
        item.set("posted", admin_time(s.created_at));
        item.set("link", s.url.empty() ? s.uri : s.url);
        statuses.push_back(std::move(item));
    }
    if (!v.statuses.empty()) data.set("has_statuses", true);
    data.set("reported_statuses", std::move(statuses));
    std::string title = "Report #";
    title += std::to_string(v.report.id);
    return render_admin_page(site, req, viewer, "/admin/reports", title, "admin_report", std::move(data));
}

Response act(const Site& site, const Request& req, std::string_view what) {
    activitypub::Context& ctx = site.ctx();
    core::Id id = mastodon::id_param(req.param("id"));
    if (what == "suspend") activitypub::suspend_report_target(ctx, id);
    else activitypub::resolve_report(ctx, id, what == "resolve");
    std::string to = "/admin/reports/";
    to.append(std::to_string(id)).append("?done=").append(what);
    return see_other(to);
}

}  // namespace

void add_admin_report_routes(Router& router, const SitePtr& site) {
    const Site* s = site.get();
    router.get("/admin/reports", admin_only(site, [s](const Request& req, const SessionViewer& v) { return list(*s, req, v); }));
    router.get("/admin/reports/:id",
               admin_only(site, [s](const Request& req, const SessionViewer& v) { return show(*s, req, v); }));
    for (std::string_view what : {"resolve", "reopen", "suspend"}) {
        add_admin_post(router, site, "/admin/reports/:id/" + std::string(what),
                       [s, what](const Request& req, const SessionViewer&) { return act(*s, req, what); });
    }
}

}  // namespace gesso::web::pages
