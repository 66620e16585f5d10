#include "storage/mutes.hpp"

#include "core/text.hpp"
#include "storage/id_list.hpp"
#include "storage/statuses.hpp"

namespace gesso::storage {

namespace {
constexpr const char* kMuteColumns =
    "SELECT id, account_id, target_account_id, notifications, expires_at, created_at FROM mutes ";
}  // namespace

bool upsert_mute(Connection& conn, const Mute& m) {
    bool existed = false;
    {
        auto stmt = conn.prepare("SELECT 1 FROM mutes WHERE account_id = ? AND target_account_id = ?");
        stmt.bind(1, m.account_id).bind(2, m.target_account_id);
        existed = stmt.step();
    }
    std::optional<std::int64_t> expires;
    if (m.expires_at) expires = core::to_unix_ms(*m.expires_at);
    conn.prepare(
            "INSERT INTO mutes (id, account_id, target_account_id, notifications, expires_at, created_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT (account_id, target_account_id) DO UPDATE SET "
            "notifications = excluded.notifications, expires_at = excluded.expires_at")
        .bind(1, m.id)
        .bind(2, m.account_id)
        .bind(3, m.target_account_id)
        .bind(4, m.notifications)
        .bind(5, expires)
        .bind(6, core::to_unix_ms(m.created_at))
        .run();
    return !existed;
}

bool delete_mute(Connection& conn, core::Id account_id, core::Id target_account_id) {
    conn.prepare("DELETE FROM mutes WHERE account_id = ? AND target_account_id = ?")
        .bind(1, account_id)
        .bind(2, target_account_id)
        .run();
    return conn.changes() > 0;
}

std::optional<Mute> find_mute(Connection& conn, core::Id account_id, core::Id target_account_id, core::TimePoint now) {
    static const std::string sql =
        std::string(kMuteColumns) +
        "WHERE account_id = ? AND target_account_id = ? AND (expires_at IS NULL OR expires_at > ?)";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, target_account_id).bind(3, core::to_unix_ms(now));
    if (!stmt.step()) return std::nullopt;
    Mute m;
    m.id = stmt.int64(0);
    m.account_id = stmt.int64(1);
    m.target_account_id = stmt.int64(2);
    m.notifications = stmt.boolean(3);
    if (auto e = stmt.optional_int64(4)) m.expires_at = core::from_unix_ms(*e);
    m.created_at = core::from_unix_ms(stmt.int64(5));
    return m;
}

std::vector<PageRow> mutes_page(Connection& conn, core::Id account_id, const IdPage& page, core::TimePoint now) {
    return page_rows(conn,
                     "SELECT m.id, m.target_account_id FROM mutes m WHERE m.account_id = ? "
                     "AND (m.expires_at IS NULL OR m.expires_at > ?)",
                     "m.id", page, [&](Statement& s) {
                         s.bind(1, account_id).bind(2, core::to_unix_ms(now));
                         return 3;
                     });
}

bool insert_account_domain_block(Connection& conn, core::Id id, core::Id account_id, std::string_view domain,
                                 core::TimePoint at) {
    conn.prepare("INSERT OR IGNORE INTO account_domain_blocks (id, account_id, domain, created_at) VALUES (?,?,?,?)")
        .bind(1, id)
        .bind(2, account_id)
        .bind(3, core::to_lower_ascii(domain))
        .bind(4, core::to_unix_ms(at))
        .run();
    return conn.changes() > 0;
}

bool delete_account_domain_block(Connection& conn, core::Id account_id, std::string_view domain) {
    conn.prepare("DELETE FROM account_domain_blocks WHERE account_id = ? AND domain = ?")
        .bind(1, account_id)
        .bind(2, domain)
        .run();
    return conn.changes() > 0;
}

bool account_blocks_domain(Connection& conn, core::Id account_id, std::string_view domain) {
    if (domain.empty()) return false;
    auto stmt = conn.prepare("SELECT 1 FROM account_domain_blocks WHERE account_id = ? AND domain = ?");
    stmt.bind(1, account_id).bind(2, domain);
    return stmt.step();
}

std::int64_t count_account_domain_blocks(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM account_domain_blocks WHERE account_id = ?");
    stmt.bind(1, account_id);
    stmt.step();
    return stmt.int64(0);
}

std::vector<DomainPageRow> account_domain_blocks_page(Connection& conn, core::Id account_id, const IdPage& page) {
    // Keys and domains come in two steps: page the ids, then read each domain (at most page.limit rows).
    auto rows = page_rows(conn, "SELECT b.id, b.id FROM account_domain_blocks b WHERE b.account_id = ?", "b.id", page,
                          [&](Statement& s) {
                              s.bind(1, account_id);
                              return 2;
                          });
    std::vector<DomainPageRow> out;
    for (const auto& r : rows) {
        auto stmt = conn.prepare("SELECT domain FROM account_domain_blocks WHERE id = ?");
        stmt.bind(1, r.key);
        if (stmt.step()) out.push_back({r.key, stmt.text(0)});
    }
    return out;
}

bool hidden_by_viewer(Connection& conn, core::Id viewer, core::Id author, core::TimePoint now, bool for_notifications) {
    if (viewer == author) return false;
    auto mute = find_mute(conn, viewer, author, now);
    if (mute && (!for_notifications || mute->notifications)) return true;
    auto stmt = conn.prepare(
        "SELECT 1 FROM accounts a JOIN account_domain_blocks b ON b.account_id = ? AND b.domain = a.domain "
        "WHERE a.id = ? AND a.domain != ''");
    stmt.bind(1, viewer).bind(2, author);
    return stmt.step();
}

bool status_hidden_by_viewer(Connection& conn, core::Id viewer, const core::Status& status, core::TimePoint now) {
    if (hidden_by_viewer(conn, viewer, status.account_id, now)) return true;
    if (!status.reblog_of_id) return false;
    auto original = find_status(conn, *status.reblog_of_id);
    return original && hidden_by_viewer(conn, viewer, original->account_id, now);
}

std::unordered_set<core::Id> hidden_authors_among(Connection& conn, core::Id viewer, const std::vector<core::Id>& author_ids,
                                                  core::TimePoint now) {
    static const std::string muted = std::string("SELECT target_account_id FROM mutes WHERE account_id = ? AND target_account_id IN ") +
                                     kIdListSql + " AND (expires_at IS NULL OR expires_at > ?)";
    static const std::string blocked_domain =
        std::string("SELECT a.id FROM accounts a JOIN account_domain_blocks b ON b.account_id = ? AND b.domain = a.domain "
                    "WHERE a.id IN ") +
        kIdListSql + " AND a.domain != ''";
    std::unordered_set<core::Id> out;
    for_id_chunks(author_ids, [&](const std::string& list) {
        auto m = conn.prepare(muted);
        m.bind(1, viewer).bind(2, list).bind(3, core::to_unix_ms(now));
        while (m.step()) out.insert(m.int64(0));
        auto d = conn.prepare(blocked_domain);
        d.bind(1, viewer).bind(2, list);
        while (d.step()) out.insert(d.int64(0));
    });
    out.erase(viewer);
    return out;
}

}  // namespace gesso::storage
