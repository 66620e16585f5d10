#include "storage/tags.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/post_details.hpp"

namespace gesso::storage {

std::optional<std::string> valid_tag_key(std::string_view name) {
    if (!name.empty() && name.front() == '#') name.remove_prefix(1);
    if (name.empty() || name.size() > core::limits::kMaxTagNameChars) return std::nullopt;
    for (unsigned char c : name) {
        if (c < 0x80 && !std::isalnum(c) && c != '_') return std::nullopt;
    }
    return normalize_tag(name);
}

std::vector<TagDay> tag_history(Connection& conn, std::string_view key, core::TimePoint now, int days) {
    constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
    std::int64_t today = core::to_unix_ms(now) / kDayMs * kDayMs;
    std::int64_t from = today - (days - 1) * kDayMs;
    // The daily counters kept by triggers on status_tags (migration 16): one row per author and day.
    auto stmt = conn.prepare(
        "SELECT day, sum(uses), count(*) FROM tag_day_accounts WHERE tag = ?1 AND day >= ?2 AND uses > 0 "
        "GROUP BY day");
    stmt.bind(1, key).bind(2, from);
    std::vector<TagDay> out;
    for (int i = 0; i < days; ++i) out.push_back({(today - i * kDayMs) / 1000, 0, 0});
    while (stmt.step()) {
        std::int64_t index = (today - stmt.int64(0)) / kDayMs;
        if (index < 0 || index >= days) continue;  // dated in the future
        out[static_cast<std::size_t>(index)].uses = stmt.int64(1);
        out[static_cast<std::size_t>(index)].accounts = stmt.int64(2);
    }
    return out;
}

void follow_tag(Connection& conn, core::Id id, core::Id account_id, std::string_view key, std::string_view name,
                core::TimePoint at) {
    if (follows_tag(conn, account_id, key)) return;
    auto count = conn.prepare("SELECT COUNT(*) FROM followed_tags WHERE account_id = ?");
    count.bind(1, account_id);
    count.step();
    if (static_cast<std::size_t>(count.int64(0)) >= core::limits::kMaxFollowedTags) {
        throw core::Error(core::Errc::unprocessable, "Validation failed: you follow too many hashtags (" +
                                                         std::to_string(core::limits::kMaxFollowedTags) + ")");
    }
    conn.prepare("INSERT INTO followed_tags (id, account_id, tag, name, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, account_id)
        .bind(3, key)
        .bind(4, name)
        .bind(5, core::to_unix_ms(at))
        .run();
}

void unfollow_tag(Connection& conn, core::Id account_id, std::string_view key) {
    conn.prepare("DELETE FROM followed_tags WHERE account_id = ? AND tag = ?").bind(1, account_id).bind(2, key).run();
}

bool follows_tag(Connection& conn, core::Id account_id, std::string_view key) {
    auto stmt = conn.prepare("SELECT 1 FROM followed_tags WHERE account_id = ? AND tag = ?");
    stmt.bind(1, account_id).bind(2, key);
    return stmt.step();
}

std::vector<FollowedTag> followed_tags_page(Connection& conn, core::Id account_id, const IdPage& page) {
    bool ascending = page.min_id.has_value();
    auto stmt = conn.prepare(std::string("SELECT id, tag, name FROM followed_tags WHERE account_id = ? AND id < ? "
                                         "AND id > ? ORDER BY id ") +
                             (ascending ? "ASC" : "DESC") + " LIMIT ?");
    stmt.bind(1, account_id)
        .bind(2, page.max_id.value_or(INT64_MAX))
        .bind(3, ascending ? *page.min_id : page.since_id.value_or(0))
        .bind(4, page.limit);
    std::vector<FollowedTag> out;
    while (stmt.step()) out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2)});
    if (ascending) std::reverse(out.begin(), out.end());
    return out;
}

std::vector<core::Id> tag_follower_ids(Connection& conn, const std::vector<std::string>& keys) {
    std::vector<core::Id> out;
    for (const auto& key : keys) {
        auto stmt = conn.prepare("SELECT account_id FROM followed_tags WHERE tag = ?");
        stmt.bind(1, key);
        while (stmt.step()) out.push_back(stmt.int64(0));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace gesso::storage
