#include "activitypub/reports.hpp"

#include "activitypub/accounts.hpp"
#include "core/admin_limits.hpp"
#include "core/error.hpp"
#include "storage/accounts.hpp"
#include "storage/notifications.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

ReportView view_of(const Context& ctx, storage::Connection& conn, core::Report report, bool with_statuses) {
    ReportView v;
    v.reporter = storage::find_account(conn, report.account_id);
    v.target = storage::find_account(conn, report.target_account_id);
    v.repost_alert = v.reporter && v.reporter->uri == ctx.urls.instance_actor();
    if (with_statuses) {
        for (core::Id id : report.status_ids) {
            if (static_cast<int>(v.statuses.size()) >= core::limits::kAdminReportStatuses) break;
            if (auto s = storage::find_status(conn, id)) v.statuses.push_back(std::move(*s));
        }
    }
    v.report = std::move(report);
    return v;
}

}  // namespace

std::vector<ReportView> list_reports(Context& ctx, bool resolved, int limit) {
    return ctx.db.read([&](storage::Connection& conn) {
        auto reports = resolved ? storage::list_resolved_reports(conn, limit) : storage::list_open_reports(conn, limit);
        std::vector<ReportView> out;
        for (auto& r : reports) out.push_back(view_of(ctx, conn, std::move(r), false));
        return out;
    });
}

ReportView require_report(Context& ctx, core::Id id) {
    auto found = ctx.db.read([&](storage::Connection& conn) -> std::optional<ReportView> {
        auto r = storage::find_report(conn, id);
        if (!r) return std::nullopt;
        return view_of(ctx, conn, std::move(*r), true);
    });
    if (!found) throw Error(Errc::not_found, "Record not found");
    return std::move(*found);
}

void resolve_report(Context& ctx, core::Id id, bool resolved) {
    bool found = ctx.db.write([&](storage::Connection& conn) {
        return storage::set_report_action_taken(conn, id, resolved ? std::optional(ctx.clock.now()) : std::nullopt);
    });
    if (!found) throw Error(Errc::not_found, "Record not found");
}

void suspend_report_target(Context& ctx, core::Id id) {
    bool found = ctx.db.write([&](storage::Connection& conn) {
        auto report = storage::find_report(conn, id);
        if (!report) return false;
        core::TimePoint now = ctx.clock.now();
        apply_suspension(conn, report->target_account_id, now);
        storage::set_report_action_taken(conn, id, now);
        return true;
    });
    if (!found) throw Error(Errc::not_found, "Record not found");
}

}  // namespace gesso::activitypub
