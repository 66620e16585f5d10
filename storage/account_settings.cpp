#include "storage/account_settings.hpp"
#include "storage/id_list.hpp"

#include "storage/post_rights.hpp"

namespace gesso::storage {

namespace {

constexpr const char* kColumns =
    "s.data_mining, s.license, s.cloak_level, s.watermark_text, s.watermark_position, s.watermark_opacity, "
    "s.allow_original_download";

// Reads kColumns starting at column `c`.
core::ProtectionSettings read_settings(const Statement& s, int c) {
    core::ProtectionSettings p;
    p.data_mining = s.text(c++);
    p.license = s.text(c++);
    p.cloak_level = s.text(c++);
    p.watermark_text = s.text(c++);
    p.watermark_position = s.text(c++);
    p.watermark_opacity = s.real(c++);
    p.allow_original_download = s.boolean(c++);
    return p;
}

}  // namespace

core::ProtectionSettings find_protection_settings(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare(std::string("SELECT ") + kColumns + " FROM account_settings s WHERE s.account_id = ?");
    stmt.bind(1, account_id);
    if (!stmt.step()) return {};
    return read_settings(stmt, 0);
}

void save_protection_settings(Connection& conn, core::Id account_id, const core::ProtectionSettings& p,
                              core::TimePoint now) {
    conn.prepare(
            "INSERT INTO account_settings (account_id, data_mining, license, cloak_level, watermark_text, "
            "watermark_position, watermark_opacity, allow_original_download, updated_at) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (account_id) DO UPDATE SET data_mining = excluded.data_mining, license = excluded.license, "
            "cloak_level = excluded.cloak_level, watermark_text = excluded.watermark_text, "
            "watermark_position = excluded.watermark_position, watermark_opacity = excluded.watermark_opacity, "
            "allow_original_download = excluded.allow_original_download, updated_at = excluded.updated_at")
        .bind(1, account_id)
        .bind(2, p.data_mining)
        .bind(3, p.license)
        .bind(4, p.cloak_level)
        .bind(5, p.watermark_text)
        .bind(6, p.watermark_position)
        .bind(7, p.watermark_opacity)
        .bind(8, p.allow_original_download)
        .bind(9, core::to_unix_ms(now))
        .run();
}

std::optional<core::ProtectionSettings> find_local_author_protection(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare(std::string("SELECT st.local, s.account_id, ") + kColumns +
                             " FROM statuses st LEFT JOIN account_settings s ON s.account_id = st.account_id "
                             "WHERE st.id = ?");
    stmt.bind(1, status_id);
    if (!stmt.step() || !stmt.boolean(0)) return std::nullopt;
    core::ProtectionSettings settings = stmt.is_null(1) ? core::ProtectionSettings{} : read_settings(stmt, 2);
    PostRights own = find_post_rights(conn, status_id);
    if (own.data_mining) settings.data_mining = *own.data_mining;
    if (own.license) settings.license = *own.license;
    return settings;
}

void set_discovery_flags(Connection& conn, core::Id account_id, bool indexable, bool discoverable) {
    conn.prepare("UPDATE accounts SET indexable = ?, discoverable = ? WHERE id = ?")
        .bind(1, indexable)
        .bind(2, discoverable)
        .bind(3, account_id)
        .run();
}

void record_crawler_hit(Connection& conn, std::string_view agent, core::TimePoint now) {
    conn.prepare(
            "INSERT INTO crawler_hits (agent, hits, last_seen_at) VALUES (?, 1, ?) "
            "ON CONFLICT (agent) DO UPDATE SET hits = hits + 1, last_seen_at = excluded.last_seen_at")
        .bind(1, agent)
        .bind(2, core::to_unix_ms(now))
        .run();
}

std::vector<CrawlerCount> list_crawler_counts(Connection& conn) {
    auto stmt = conn.prepare("SELECT agent, hits, last_seen_at FROM crawler_hits ORDER BY hits DESC, agent");
    std::vector<CrawlerCount> out;
    while (stmt.step()) out.push_back({stmt.text(0), stmt.int64(1), core::from_unix_ms(stmt.int64(2))});
    return out;
}

std::unordered_map<core::Id, core::ProtectionSettings> find_protection_settings_of(Connection& conn,
                                                                                   const std::vector<core::Id>& account_ids) {
    static const std::string sql =
        std::string("SELECT s.account_id, ") + kColumns + " FROM account_settings s WHERE s.account_id IN " + kIdListSql;
    std::unordered_map<core::Id, core::ProtectionSettings> out;
    for_id_chunks(account_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out[stmt.int64(0)] = read_settings(stmt, 1);
    });
    return out;
}

}  // namespace gesso::storage
