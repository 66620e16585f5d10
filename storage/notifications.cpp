#include "storage/notifications.hpp"

#include <algorithm>

#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"

namespace gesso::storage {

bool insert_notification(Connection& conn, const core::Notification& n) {
    auto exists = conn.prepare(
        "SELECT 1 FROM notifications WHERE account_id = ? AND type = ? AND from_account_id = ? AND status_id IS ?");
    exists.bind(1, n.account_id).bind(2, n.type).bind(3, n.from_account_id).bind(4, n.status_id);
    if (exists.step()) return false;
    conn.prepare("INSERT INTO notifications (id, account_id, from_account_id, type, status_id, report_id, created_at) "
                 "VALUES (?,?,?,?,?,?,?)")
        .bind(1, n.id)
        .bind(2, n.account_id)
        .bind(3, n.from_account_id)
        .bind(4, n.type)
        .bind(5, n.status_id)
        .bind(6, n.report_id)
        .bind(7, core::to_unix_ms(n.created_at))
        .run();
    return true;
}

std::vector<core::Notification> list_notifications(Connection& conn, core::Id account_id, std::optional<core::Id> max_id,
                                                   int limit) {
    auto stmt = conn.prepare(
        "SELECT id, from_account_id, type, status_id, report_id, created_at FROM notifications "
        "WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT ?");
    stmt.bind(1, account_id).bind(2, max_id.value_or(INT64_MAX)).bind(3, limit);
    std::vector<core::Notification> out;
    while (stmt.step()) {
        out.push_back({stmt.int64(0), account_id, stmt.int64(1), stmt.text(2), stmt.optional_int64(3),
                       stmt.optional_int64(4), core::from_unix_ms(stmt.int64(5))});
    }
    return out;
}

namespace {
core::Notification read_notification(const Statement& s, core::Id account_id) {
    return {s.int64(0), account_id, s.int64(1), s.text(2), s.optional_int64(3), s.optional_int64(4),
            core::from_unix_ms(s.int64(5))};
}

bool listed(const std::vector<std::string>& list, const std::string& type) {
    return std::find(list.begin(), list.end(), type) != list.end();
}
}  // namespace

std::vector<core::Notification> notifications_page(Connection& conn, core::Id account_id, const IdPage& page,
                                                   const std::vector<std::string>& types,
                                                   const std::vector<std::string>& exclude) {
    // Filter while scanning the account's index range; bounded by kMaxNotificationScan rows per page.
    std::string sql = "SELECT id, from_account_id, type, status_id, report_id, created_at FROM notifications "
                      "WHERE account_id = ? AND id < ? AND id > ? ORDER BY id ";
    sql += page.min_id ? "ASC" : "DESC";
    sql += " LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, page.max_id.value_or(INT64_MAX));
    stmt.bind(3, page.min_id ? *page.min_id : page.since_id.value_or(0)).bind(4, core::limits::kMaxNotificationScan);
    std::vector<core::Notification> out;
    while (stmt.step() && out.size() < static_cast<std::size_t>(page.limit)) {
        core::Notification n = read_notification(stmt, account_id);
        if (!types.empty() && !listed(types, n.type)) continue;
        if (listed(exclude, n.type)) continue;
        out.push_back(std::move(n));
    }
    if (page.min_id) std::reverse(out.begin(), out.end());
    return out;
}

std::optional<core::Notification> find_notification(Connection& conn, core::Id account_id, core::Id id) {
    auto stmt = conn.prepare("SELECT id, from_account_id, type, status_id, report_id, created_at FROM notifications "
                             "WHERE account_id = ? AND id = ?");
    stmt.bind(1, account_id).bind(2, id);
    if (!stmt.step()) return std::nullopt;
    return read_notification(stmt, account_id);
}

bool delete_notification(Connection& conn, core::Id account_id, core::Id id) {
    conn.prepare("DELETE FROM notifications WHERE account_id = ? AND id = ?").bind(1, account_id).bind(2, id).run();
    return conn.changes() > 0;
}

void clear_notifications(Connection& conn, core::Id account_id) {
    conn.prepare("DELETE FROM notifications WHERE account_id = ?").bind(1, account_id).run();
}

void delete_notifications_from(Connection& conn, core::Id from_account_id, std::string_view type,
                               std::optional<core::Id> status_id) {
    conn.prepare("DELETE FROM notifications WHERE from_account_id = ? AND type = ? AND status_id IS ?")
        .bind(1, from_account_id)
        .bind(2, type)
        .bind(3, status_id)
        .run();
}

namespace {
std::string ids_json(const std::vector<core::Id>& ids) {
    core::JsonWriter w;
    w.begin_array();
    for (auto id : ids) w.value(static_cast<std::int64_t>(id));
    w.end_array();
    return w.str();
}

core::Report read_report(const Statement& s) {
    core::Report r;
    r.id = s.int64(0);
    r.account_id = s.int64(1);
    r.target_account_id = s.int64(2);
    rapidjson::Document ids = core::parse_json(s.text(3));
    for (const auto& v : ids.GetArray()) r.status_ids.push_back(v.GetInt64());
    r.comment = s.text(4);
    r.category = s.text(5);
    r.uri = s.text(6);
    r.forwarded = s.boolean(7);
    r.created_at = core::from_unix_ms(s.int64(8));
    if (auto t = s.optional_int64(9)) r.action_taken_at = core::from_unix_ms(*t);
    return r;
}

constexpr const char* kReportColumns =
    "id, account_id, target_account_id, status_ids, comment, category, uri, forwarded, created_at, action_taken_at";
}  // namespace

void insert_report(Connection& conn, const core::Report& r) {
    conn.prepare("INSERT INTO reports (id, account_id, target_account_id, status_ids, comment, category, uri, forwarded, "
                 "created_at) VALUES (?,?,?,?,?,?,?,?,?)")
        .bind(1, r.id)
        .bind(2, r.account_id)
        .bind(3, r.target_account_id)
        .bind(4, ids_json(r.status_ids))
        .bind(5, r.comment)
        .bind(6, r.category)
        .bind(7, r.uri)
        .bind(8, r.forwarded)
        .bind(9, core::to_unix_ms(r.created_at))
        .run();
}

std::optional<core::Report> find_report(Connection& conn, core::Id id) {
    static const std::string sql = std::string("SELECT ") + kReportColumns + " FROM reports WHERE id = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_report(stmt);
}

std::optional<core::Report> find_report_by_uri(Connection& conn, std::string_view uri) {
    static const std::string sql = std::string("SELECT ") + kReportColumns + " FROM reports WHERE uri = ? AND uri != ''";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, uri);
    if (!stmt.step()) return std::nullopt;
    return read_report(stmt);
}

std::vector<core::Report> list_open_reports(Connection& conn, int limit) {
    static const std::string sql =
        std::string("SELECT ") + kReportColumns + " FROM reports WHERE action_taken_at IS NULL ORDER BY id LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, limit);
    std::vector<core::Report> out;
    while (stmt.step()) out.push_back(read_report(stmt));
    return out;
}

std::vector<core::Report> list_resolved_reports(Connection& conn, int limit) {
    static const std::string sql = std::string("SELECT ") + kReportColumns +
                                   " FROM reports WHERE action_taken_at IS NOT NULL ORDER BY action_taken_at DESC, id DESC LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, limit);
    std::vector<core::Report> out;
    while (stmt.step()) out.push_back(read_report(stmt));
    return out;
}

bool set_report_action_taken(Connection& conn, core::Id id, std::optional<core::TimePoint> at) {
    auto stmt = conn.prepare("UPDATE reports SET action_taken_at = ? WHERE id = ?");
    if (at) stmt.bind(1, core::to_unix_ms(*at));
    else stmt.bind(1, nullptr);
    stmt.bind(2, id).run();
    return conn.changes() > 0;
}

}  // namespace gesso::storage
