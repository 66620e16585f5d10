#pragma once
// Notifications for local accounts, and reports for moderators.
#include <optional>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "storage/statuses.hpp"

namespace gesso::storage {

// Inserts unless the same (recipient, type, sender, status) notification exists. Returns whether it was added.
bool insert_notification(Connection& conn, const core::Notification& n);
// Newest first, ids below max_id.
std::vector<core::Notification> list_notifications(Connection& conn, core::Id account_id, std::optional<core::Id> max_id,
                                                   int limit);
// A page of `account_id`'s notifications (Mastodon paging; see storage/statuses.hpp IdPage), keeping only the
// types in `types` (all when empty) and dropping those in `exclude`.
std::vector<core::Notification> notifications_page(Connection& conn, core::Id account_id, const IdPage& page,
                                                   const std::vector<std::string>& types,
                                                   const std::vector<std::string>& exclude);
std::optional<core::Notification> find_notification(Connection& conn, core::Id account_id, core::Id id);
// Returns whether a notification went.
bool delete_notification(Connection& conn, core::Id account_id, core::Id id);
void clear_notifications(Connection& conn, core::Id account_id);

// Removes the notifications a sender caused with `type` (the like or follow was undone).
void delete_notifications_from(Connection& conn, core::Id from_account_id, std::string_view type,
                               std::optional<core::Id> status_id);

void insert_report(Connection& conn, const core::Report& report);
std::optional<core::Report> find_report(Connection& conn, core::Id id);
std::optional<core::Report> find_report_by_uri(Connection& conn, std::string_view uri);
// Reports without action taken, oldest first.
std::vector<core::Report> list_open_reports(Connection& conn, int limit);
// Resolved reports, most recently resolved first.
std::vector<core::Report> list_resolved_reports(Connection& conn, int limit);
// Marks the report resolved at `at`, or open again (nullopt). Returns false if there is no such report.
bool set_report_action_taken(Connection& conn, core::Id id, std::optional<core::TimePoint> at);

}  // namespace gesso::storage
