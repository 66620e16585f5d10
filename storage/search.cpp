#include "storage/search.hpp"

namespace gesso::storage {

namespace {

// `text` as a LIKE pattern matching itself literally (with ESCAPE '\').
std::string like_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::vector<core::Id> search_accounts(Connection& conn, const AccountSearch& q) {
    std::string pattern = like_escape(q.prefix) + "%";
    auto stmt = conn.prepare(
        "SELECT a.id FROM accounts a WHERE a.suspended_at IS NULL "
        "AND (a.username LIKE ?1 ESCAPE '\\' OR a.display_name LIKE ?1 ESCAPE '\\') "
        "AND (?2 = '' OR a.domain = ?2 COLLATE NOCASE) AND (?3 = 0 OR a.domain = '') "
        "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ?4 AND f.target_account_id = a.id "
        "AND f.accepted = 1)) "
        "ORDER BY a.domain != '', a.username COLLATE NOCASE, a.id LIMIT ?5 OFFSET ?6");
    stmt.bind(1, pattern).bind(2, q.domain).bind(3, q.local_only).bind(4, q.followed_by).bind(5, q.limit).bind(6, q.offset);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::vector<std::string> search_tags(Connection& conn, const std::string& prefix, int limit, int offset) {
    auto stmt = conn.prepare(
        "SELECT min(t.name) FROM status_tags t WHERE t.tag LIKE ? ESCAPE '\\' GROUP BY t.tag ORDER BY t.tag LIMIT ? OFFSET ?");
    stmt.bind(1, like_escape(prefix) + "%").bind(2, limit).bind(3, offset);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

std::vector<core::Id> search_statuses(Connection& conn, const StatusSearch& q) {
    std::string pattern = "%";
    pattern += like_escape(q.text);
    pattern += "%";
    // The newest `scan` statuses, then the text and the findability rules.
    auto stmt = conn.prepare(
        "SELECT s.id FROM (SELECT id, account_id, content, spoiler_text FROM statuses WHERE deleted_at IS NULL "
        "AND reblog_of_id IS NULL ORDER BY id DESC LIMIT ?1) s JOIN accounts a ON a.id = s.account_id "
        "WHERE (s.content LIKE ?2 ESCAPE '\\' OR s.spoiler_text LIKE ?2 ESCAPE '\\') "
        "AND a.suspended_at IS NULL AND (?3 IS NULL OR s.account_id = ?3) "
        "AND (s.account_id = ?4 "
        "OR COALESCE((SELECT pr.indexable FROM status_rights pr WHERE pr.status_id = s.id), a.indexable) = 1 "
        "OR EXISTS (SELECT 1 FROM favourites f WHERE f.account_id = ?4 AND f.status_id = s.id) "
        "OR EXISTS (SELECT 1 FROM statuses r WHERE r.account_id = ?4 AND r.reblog_of_id = s.id AND r.deleted_at IS NULL) "
        "OR EXISTS (SELECT 1 FROM statuses r WHERE r.account_id = ?4 AND r.in_reply_to_id = s.id AND r.deleted_at IS NULL) "
        "OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = ?4)) "
        "ORDER BY s.id DESC LIMIT ?5 OFFSET ?6");
    stmt.bind(1, q.scan).bind(2, pattern).bind(3, q.account_id).bind(4, q.viewer).bind(5, q.limit).bind(6, q.offset);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

}  // namespace gesso::storage
