// GET /admin: the admin overview. Federation health (the delivery queue's depth: pending, retrying, given up;
// the instances deliveries keep failing to, with their last error and when they are tried again) and the node's
// size (accounts, pending sign-ups, statuses, known instances, open reports).
#include <tuple>

#include "core/admin_limits.hpp"
#include "storage/federation_health.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"

namespace gesso::web::pages {

namespace {

mustache::data number(std::string_view label, std::int64_t value, std::string_view link = {}) {
    mustache::data d;
    d.set("label", std::string(label));
    d.set("value", std::to_string(value));
    if (!link.empty()) d.set("link", std::string(link));
    return d;
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    auto [queue, failing, counts] = ctx.db.read([](storage::Connection& conn) {
        storage::ReadSnapshot snapshot(conn);
        return std::make_tuple(storage::delivery_queue_depth(conn),
                               storage::failing_instances(conn, core::limits::kAdminFailingInstances),
                               storage::node_counts(conn));
    });
    core::TimePoint now = ctx.clock.now();
    mustache::data data;
    mustache::data queue_rows{mustache::data::type::list};
    queue_rows.push_back(number("Deliveries pending", queue.pending));
    queue_rows.push_back(number("Deliveries retrying", queue.retrying));
    queue_rows.push_back(number("Deliveries given up (dead)", queue.dead));
    queue_rows.push_back(number("Received activities to process", queue.inbox_jobs));
    queue_rows.push_back(number("Activities to fan out", queue.outbox_jobs));
    data.set("queue", std::move(queue_rows));
    mustache::data count_rows{mustache::data::type::list};
    count_rows.push_back(number("Local accounts", counts.local_accounts, "/admin/accounts"));
    count_rows.push_back(number("Waiting for approval", counts.pending_accounts, "/admin/accounts"));
    count_rows.push_back(number("Suspended local accounts", counts.suspended_accounts));
    count_rows.push_back(number("Local statuses", counts.local_statuses));
    count_rows.push_back(number("Known remote accounts", counts.remote_accounts));
    count_rows.push_back(number("Known instances", counts.known_instances, "/admin/domains"));
    count_rows.push_back(number("Open reports", counts.open_reports, "/admin/reports"));
    data.set("counts", std::move(count_rows));
    mustache::data rows{mustache::data::type::list};
    for (const auto& f : failing) {
        mustache::data row;
        row.set("host", f.host);
        row.set("failures", std::to_string(f.failures));
        row.set("last_failure", f.last_failure_at ? admin_time(*f.last_failure_at) : std::string("—"));
        row.set("last_error", f.last_error.empty() ? std::string("—") : f.last_error);
        bool paused = f.paused_until && *f.paused_until > now;
        row.set("next_retry", paused ? admin_time(*f.paused_until) : std::string("with the next delivery"));
        row.set("queued", std::to_string(f.queued));
        row.set("dropped", std::to_string(f.dropped));
        rows.push_back(std::move(row));
    }
    if (!failing.empty()) data.set("has_failing", true);
    data.set("failing", std::move(rows));
    return render_admin_page(site, req, viewer, "/admin", "Administration", "admin_overview", std::move(data));
}

}  // namespace

void add_admin_overview_routes(Router& router, const SitePtr& site) {
    router.get("/admin", admin_only(site, [s = site.get()](const Request& req, const SessionViewer& v) { return show(*s, req, v); }));
}

}  // namespace gesso::web::pages
