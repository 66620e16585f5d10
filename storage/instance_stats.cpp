#include "storage/instance_stats.hpp"

#include <chrono>

namespace gesso::storage {

std::vector<std::string> known_domains(Connection& conn, int limit) {
    auto stmt = conn.prepare(
        "SELECT DISTINCT lower(domain) FROM accounts WHERE domain != '' AND suspended_at IS NULL ORDER BY 1 LIMIT ?");
    stmt.bind(1, limit);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

WeekActivity week_activity(Connection& conn, core::TimePoint from) {
    WeekActivity a;
    a.week = from;
    std::int64_t start = core::to_unix_ms(from);
    std::int64_t end = core::to_unix_ms(from + std::chrono::hours(24 * 7));
    auto count = [&](const char* sql) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, start).bind(2, end);
        stmt.step();
        return stmt.int64(0);
    };
    a.statuses = count("SELECT count(*) FROM statuses WHERE local = 1 AND created_at >= ? AND created_at < ?");
    a.logins = count("SELECT count(*) FROM users WHERE last_active_at >= ? AND last_active_at < ?");
    a.registrations = count("SELECT count(*) FROM users WHERE created_at >= ? AND created_at < ?");
    return a;
}

std::vector<LocalEmoji> local_emojis(Connection& conn, int limit) {
    auto stmt = conn.prepare("SELECT shortcode, image_url FROM custom_emojis WHERE domain = '' ORDER BY shortcode LIMIT ?");
    stmt.bind(1, limit);
    std::vector<LocalEmoji> out;
    while (stmt.step()) out.push_back({stmt.text(0), stmt.text(1)});
    return out;
}

}  // namespace gesso::storage
