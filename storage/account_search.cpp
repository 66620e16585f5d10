#include "storage/account_search.hpp"

#include "storage/accounts.hpp"

namespace gesso::storage {

std::optional<core::Account> find_account_by_acct(Connection& conn, std::string_view username,
                                                  std::string_view domain) {
    auto stmt = conn.prepare("SELECT id FROM accounts WHERE username = ? COLLATE NOCASE AND domain = ? COLLATE NOCASE");
    stmt.bind(1, username).bind(2, domain);
    if (!stmt.step()) return std::nullopt;
    core::Id id = stmt.int64(0);
    return find_account(conn, id);
}

namespace {

// LIKE pattern for a prefix, with LIKE's own wildcards escaped.
std::string prefix_pattern(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

constexpr const char* kSearch =
    "SELECT a.id FROM accounts a WHERE a.suspended_at IS NULL AND a.actor_type != 'Application' "
    "AND (a.username LIKE ?1 ESCAPE '\\' OR a.display_name LIKE ?1 ESCAPE '\\' "
    "     OR (a.domain != '' AND (a.username || '@' || a.domain) LIKE ?1 ESCAPE '\\')) "
    "AND (a.domain = '' OR a.discoverable = 1 OR a.id = ?2 "
    "     OR EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ?2 AND f.target_account_id = a.id AND f.accepted = "
    "1)) "
    "AND (?3 = 0 OR EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ?2 AND f.target_account_id = a.id "
    "     AND f.accepted = 1)) "
    "ORDER BY (a.username = ?4 COLLATE NOCASE) DESC, (a.domain = '') DESC, a.id LIMIT ?5 OFFSET ?6";

}  // namespace

std::vector<core::Id> search_accounts(Connection& conn, const AccountQuery& q) {
    std::string_view text = q.text;
    if (!text.empty() && text.front() == '@') text.remove_prefix(1);
    std::string username(text.substr(0, text.find('@')));
    auto stmt = conn.prepare(kSearch);
    stmt.bind(1, prefix_pattern(text)).bind(2, q.viewer.value_or(0)).bind(3, q.following_only).bind(4, username);
    stmt.bind(5, q.limit).bind(6, q.offset);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

}  // namespace gesso::storage
