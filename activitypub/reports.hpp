#pragma once
// Reports for moderators: from local users (the client API), Flags from other servers, and the repost alerts the
// node files itself (activitypub/media_policy.cpp: the instance actor reports a post whose image resembles a
// local artist's work). The admin pages list, resolve, reopen and act on them.
#include <optional>
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

struct ReportView {
    core::Report report;
    std::optional<core::Account> reporter;  // absent when that account is gone
    std::optional<core::Account> target;
    std::vector<core::Status> statuses;     // those of report.status_ids that still exist, at most a page's worth
    bool repost_alert = false;              // filed by the node itself (the instance actor)
};

// Open reports oldest first, or resolved ones most recently resolved first; at most `limit`.
std::vector<ReportView> list_reports(Context& ctx, bool resolved, int limit);
// Throws core::Error(not_found).
ReportView require_report(Context& ctx, core::Id id);
// Marks a report resolved now, or open again. Throws not_found.
void resolve_report(Context& ctx, core::Id id, bool resolved);
// Suspends the report's target (local or remote; set_account_suspended's effects) and resolves the report, in
// one transaction. Throws not_found.
void suspend_report_target(Context& ctx, core::Id id);

}  // namespace gesso::activitypub
