#include "storage/accounts.hpp"
#include "storage/id_list.hpp"

#include <chrono>

namespace gesso::storage {

using core::Account;
using core::from_unix_ms;
using core::to_unix_ms;

namespace {

constexpr std::string_view kAccountColumns =
    "id, username, domain, display_name, note, uri, url, actor_type, inbox_url, outbox_url, shared_inbox_url, "
    "followers_url, following_url, featured_url, avatar_url, header_url, locked, discoverable, indexable, bot, "
    "suspended_at, created_at, updated_at";

Account read_account(const Statement& s, int c = 0) {
    Account a;
    a.id = s.int64(c++);
    a.username = s.text(c++);
    a.domain = s.text(c++);
    a.display_name = s.text(c++);
    a.note = s.text(c++);
    a.uri = s.text(c++);
    a.url = s.text(c++);
    a.actor_type = s.text(c++);
    a.inbox_url = s.text(c++);
    a.outbox_url = s.text(c++);
    a.shared_inbox_url = s.text(c++);
    a.followers_url = s.text(c++);
    a.following_url = s.text(c++);
    a.featured_url = s.text(c++);
    a.avatar_url = s.text(c++);
    a.header_url = s.text(c++);
    a.locked = s.boolean(c++);
    a.discoverable = s.boolean(c++);
    a.indexable = s.boolean(c++);
    a.bot = s.boolean(c++);
    if (auto t = s.optional_int64(c++)) a.suspended_at = from_unix_ms(*t);
    a.created_at = from_unix_ms(s.int64(c++));
    a.updated_at = from_unix_ms(s.int64(c++));
    return a;
}

constexpr std::string_view kUserColumns =
    "id, account_id, email, password_hash, admin, approved, created_at, last_active_at";

core::User read_user(const Statement& s, int c = 0) {
    core::User u;
    u.id = s.int64(c++);
    u.account_id = s.int64(c++);
    u.email = s.text(c++);
    u.password_hash = s.text(c++);
    u.admin = s.boolean(c++);
    u.approved = s.boolean(c++);
    u.created_at = from_unix_ms(s.int64(c++));
    if (auto t = s.optional_int64(c++)) u.last_active_at = from_unix_ms(*t);
    return u;
}

std::optional<Account> find_one(Connection& conn, const std::string& sql, auto&&... args) {
    auto stmt = conn.prepare(sql);
    int index = 1;
    (stmt.bind(index++, args), ...);
    if (!stmt.step()) return std::nullopt;
    return read_account(stmt);
}

// "x, y" with prefix "a." -> "a.x, a.y"
std::string prefixed(std::string_view columns, std::string_view prefix) {
    std::string out(prefix);
    for (char c : columns) {
        out += c;
        if (c == ' ') out += prefix;
    }
    return out;
}

std::string select_accounts(std::string_view where) {
    return "SELECT " + std::string(kAccountColumns) + " FROM accounts WHERE " + std::string(where);
}

// Every row of `stmt` (the account's columns, then the user's at column 23) as a LocalUser.
std::vector<LocalUser> read_local_users(Statement& stmt) {
    std::vector<LocalUser> out;
    while (stmt.step()) out.push_back(LocalUser{read_account(stmt, 0), read_user(stmt, 23)});
    return out;
}

}  // namespace

void insert_account(Connection& conn, const Account& a) {
    static const std::string sql = "INSERT INTO accounts (" + std::string(kAccountColumns) +
                                   ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, a.id).bind(2, a.username).bind(3, a.domain).bind(4, a.display_name).bind(5, a.note);
    stmt.bind(6, a.uri).bind(7, a.url).bind(8, a.actor_type).bind(9, a.inbox_url).bind(10, a.outbox_url);
    stmt.bind(11, a.shared_inbox_url).bind(12, a.followers_url).bind(13, a.following_url);
    stmt.bind(14, a.featured_url).bind(15, a.avatar_url).bind(16, a.header_url).bind(17, a.locked);
    stmt.bind(18, a.discoverable).bind(19, a.indexable).bind(20, a.bot);
    if (a.suspended_at) stmt.bind(21, to_unix_ms(*a.suspended_at));
    else stmt.bind(21, nullptr);
    stmt.bind(22, to_unix_ms(a.created_at)).bind(23, to_unix_ms(a.updated_at));
    stmt.run();
}

void insert_user(Connection& conn, const core::User& u) {
    static const std::string sql = "INSERT INTO users (" + std::string(kUserColumns) + ") VALUES (?,?,?,?,?,?,?,?)";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, u.id).bind(2, u.account_id).bind(3, u.email).bind(4, u.password_hash).bind(5, u.admin);
    stmt.bind(6, u.approved).bind(7, to_unix_ms(u.created_at));
    if (u.last_active_at) stmt.bind(8, to_unix_ms(*u.last_active_at));
    else stmt.bind(8, nullptr);
    stmt.run();
}

void insert_key(Connection& conn, const core::KeyPair& k) {
    auto stmt = conn.prepare(
        "INSERT INTO keys (id, account_id, type, key_id, public_pem, private_pem) VALUES (?,?,?,?,?,?)");
    stmt.bind(1, k.id).bind(2, k.account_id).bind(3, k.type == core::KeyType::rsa ? "rsa" : "ed25519");
    stmt.bind(4, k.key_id).bind(5, k.public_pem).bind(6, k.private_pem).run();
}

std::optional<Account> find_account(Connection& conn, core::Id id) {
    static const std::string sql = select_accounts("id = ?");
    return find_one(conn, sql, id);
}

std::optional<Account> find_local_account(Connection& conn, std::string_view username) {
    static const std::string sql = select_accounts("username = ? COLLATE NOCASE AND domain = ''");
    return find_one(conn, sql, username);
}

std::optional<Account> find_account_by_uri(Connection& conn, std::string_view uri) {
    static const std::string sql = select_accounts("uri = ?");
    return find_one(conn, sql, uri);
}

std::optional<core::User> find_user_by_account(Connection& conn, core::Id account_id) {
    static const std::string sql = "SELECT " + std::string(kUserColumns) + " FROM users WHERE account_id = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id);
    if (!stmt.step()) return std::nullopt;
    return read_user(stmt);
}

bool email_taken(Connection& conn, std::string_view email) {
    auto stmt = conn.prepare("SELECT 1 FROM users WHERE email = ?");
    stmt.bind(1, email);
    return stmt.step();
}

bool any_admin(Connection& conn) {
    auto stmt = conn.prepare("SELECT 1 FROM users WHERE admin = 1 LIMIT 1");
    return stmt.step();
}

std::vector<LocalUser> list_local_users(Connection& conn) {
    static const std::string sql = "SELECT " + prefixed(kAccountColumns, "a.") + ", " +
                                   prefixed(kUserColumns, "u.") +
                                   " FROM accounts a JOIN users u ON u.account_id = a.id ORDER BY a.id";
    auto stmt = conn.prepare(sql);
    return read_local_users(stmt);
}

std::vector<LocalUser> list_local_users_page(Connection& conn, std::string_view search, int offset, int limit) {
    static const std::string sql =
        "SELECT " + prefixed(kAccountColumns, "a.") + ", " + prefixed(kUserColumns, "u.") +
        " FROM accounts a JOIN users u ON u.account_id = a.id"
        " WHERE ?1 = '' OR instr(lower(a.username), lower(?1)) > 0 OR instr(lower(a.display_name), lower(?1)) > 0"
        "    OR instr(lower(u.email), lower(?1)) > 0"
        " ORDER BY u.approved, a.id LIMIT ?2 OFFSET ?3";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, search).bind(2, limit).bind(3, offset);
    return read_local_users(stmt);
}

bool delete_pending_account(Connection& conn, core::Id account_id) {
    conn.prepare("DELETE FROM accounts WHERE id = ? AND id IN (SELECT account_id FROM users WHERE approved = 0)")
        .bind(1, account_id)
        .run();
    return conn.changes() > 0;
}

std::optional<LocalUser> find_local_user_by_login(Connection& conn, std::string_view login) {
    static const std::string sql = "SELECT " + prefixed(kAccountColumns, "a.") + ", " + prefixed(kUserColumns, "u.") +
                                   " FROM accounts a JOIN users u ON u.account_id = a.id WHERE u.email = ? OR "
                                   "(a.username = ? COLLATE NOCASE AND a.domain = '') ORDER BY a.id LIMIT 1";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, login).bind(2, login);
    if (!stmt.step()) return std::nullopt;
    return LocalUser{read_account(stmt, 0), read_user(stmt, 23)};
}

bool set_suspended(Connection& conn, core::Id account_id, std::optional<core::TimePoint> at) {
    auto stmt = conn.prepare("UPDATE accounts SET suspended_at = ? WHERE id = ?");
    if (at) stmt.bind(1, to_unix_ms(*at));
    else stmt.bind(1, nullptr);
    stmt.bind(2, account_id).run();
    return conn.changes() > 0;
}

bool set_collections_hidden(Connection& conn, core::Id account_id, bool hidden) {
    conn.prepare("UPDATE accounts SET hide_collections = ? WHERE id = ?").bind(1, hidden).bind(2, account_id).run();
    return conn.changes() > 0;
}

bool collections_hidden(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT hide_collections FROM accounts WHERE id = ?");
    stmt.bind(1, account_id);
    return stmt.step() && stmt.boolean(0);
}

bool set_password_hash(Connection& conn, core::Id account_id, std::string_view hash) {
    auto stmt = conn.prepare("UPDATE users SET password_hash = ? WHERE account_id = ?");
    stmt.bind(1, hash).bind(2, account_id).run();
    return conn.changes() > 0;
}

core::Account upsert_remote_account(Connection& conn, const core::Account& a, core::TimePoint fetched_at) {
    if (auto existing = find_account_by_uri(conn, a.uri)) {
        auto stmt = conn.prepare(
            "UPDATE accounts SET username = ?, domain = ?, display_name = ?, note = ?, url = ?, actor_type = ?, "
            "inbox_url = ?, outbox_url = ?, shared_inbox_url = ?, followers_url = ?, following_url = ?, "
            "featured_url = ?, avatar_url = ?, header_url = ?, locked = ?, discoverable = ?, indexable = ?, bot = ?, "
            "updated_at = ?, fetched_at = ? WHERE id = ?");
        stmt.bind(1, a.username).bind(2, a.domain).bind(3, a.display_name).bind(4, a.note).bind(5, a.url);
        stmt.bind(6, a.actor_type).bind(7, a.inbox_url).bind(8, a.outbox_url).bind(9, a.shared_inbox_url);
        stmt.bind(10, a.followers_url).bind(11, a.following_url).bind(12, a.featured_url).bind(13, a.avatar_url);
        stmt.bind(14, a.header_url).bind(15, a.locked).bind(16, a.discoverable).bind(17, a.indexable).bind(18, a.bot);
        stmt.bind(19, to_unix_ms(a.updated_at)).bind(20, to_unix_ms(fetched_at)).bind(21, existing->id).run();
        return *find_account(conn, existing->id);
    }
    insert_account(conn, a);
    conn.prepare("UPDATE accounts SET fetched_at = ? WHERE id = ?").bind(1, to_unix_ms(fetched_at)).bind(2, a.id).run();
    return a;
}

std::optional<core::TimePoint> account_fetched_at(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT fetched_at FROM accounts WHERE id = ?");
    stmt.bind(1, account_id);
    if (!stmt.step() || stmt.is_null(0)) return std::nullopt;
    return from_unix_ms(stmt.int64(0));
}

void upsert_public_key(Connection& conn, const core::KeyPair& k) {
    auto stmt = conn.prepare(
        "INSERT INTO keys (id, account_id, type, key_id, public_pem) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (key_id) DO UPDATE SET account_id = ?2, type = ?3, public_pem = ?5");
    stmt.bind(1, k.id).bind(2, k.account_id).bind(3, k.type == core::KeyType::rsa ? "rsa" : "ed25519");
    stmt.bind(4, k.key_id).bind(5, k.public_pem).run();
}

std::optional<core::KeyPair> find_key_by_key_id(Connection& conn, std::string_view key_id) {
    auto stmt = conn.prepare("SELECT id, account_id, type, key_id, public_pem, private_pem FROM keys WHERE key_id = ?");
    stmt.bind(1, key_id);
    if (!stmt.step()) return std::nullopt;
    core::KeyPair k;
    k.id = stmt.int64(0);
    k.account_id = stmt.int64(1);
    k.type = stmt.text(2) == "rsa" ? core::KeyType::rsa : core::KeyType::ed25519;
    k.key_id = stmt.text(3);
    k.public_pem = stmt.text(4);
    k.private_pem = stmt.text(5);
    return k;
}

void touch_user(Connection& conn, core::Id account_id, core::TimePoint at) {
    conn.prepare("UPDATE users SET last_active_at = ? WHERE account_id = ?")
        .bind(1, core::to_unix_ms(at))
        .bind(2, account_id)
        .run();
}

std::vector<core::Account> local_accounts_without_private_key(Connection& conn, core::KeyType type) {
    static const std::string sql = select_accounts(
        "domain = '' AND NOT EXISTS (SELECT 1 FROM keys k WHERE k.account_id = accounts.id AND k.type = ? "
        "AND k.private_pem <> '') ORDER BY id");
    auto stmt = conn.prepare(sql);
    stmt.bind(1, type == core::KeyType::rsa ? "rsa" : "ed25519");
    std::vector<core::Account> out;
    while (stmt.step()) out.push_back(read_account(stmt));
    return out;
}

std::vector<core::KeyPair> find_keys(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare(
        "SELECT id, account_id, type, key_id, public_pem, private_pem FROM keys WHERE account_id = ? "
        "ORDER BY type = 'rsa' DESC, id");
    stmt.bind(1, account_id);
    std::vector<core::KeyPair> out;
    while (stmt.step()) {
        core::KeyPair k;
        k.id = stmt.int64(0);
        k.account_id = stmt.int64(1);
        k.type = stmt.text(2) == "rsa" ? core::KeyType::rsa : core::KeyType::ed25519;
        k.key_id = stmt.text(3);
        k.public_pem = stmt.text(4);
        k.private_pem = stmt.text(5);
        out.push_back(std::move(k));
    }
    return out;
}

NodeUsage node_usage(Connection& conn, core::TimePoint now) {
    using namespace std::chrono;
    NodeUsage usage;
    auto stmt = conn.prepare(
        "SELECT count(*), "
        "  coalesce(sum(u.last_active_at >= ?), 0), "
        "  coalesce(sum(u.last_active_at >= ?), 0) "
        "FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.suspended_at IS NULL");
    stmt.bind(1, to_unix_ms(now - days(30))).bind(2, to_unix_ms(now - days(180)));
    if (stmt.step()) {
        usage.users_total = stmt.int64(0);
        usage.users_active_month = stmt.int64(1);
        usage.users_active_halfyear = stmt.int64(2);
    }
    auto posts = conn.prepare("SELECT count(*) FROM statuses WHERE local = 1 AND deleted_at IS NULL");
    if (posts.step()) usage.local_posts = posts.int64(0);
    return usage;
}

std::vector<Account> find_accounts(Connection& conn, const std::vector<core::Id>& ids) {
    static const std::string sql = select_accounts(std::string("id IN ") + kIdListSql);
    std::vector<Account> out;
    for_id_chunks(ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out.push_back(read_account(stmt));
    });
    return out;
}

bool set_user_approved(Connection& conn, core::Id account_id, bool approved) {
    conn.prepare("UPDATE users SET approved = ? WHERE account_id = ?").bind(1, approved).bind(2, account_id).run();
    return conn.changes() > 0;
}

bool set_registration_reason(Connection& conn, core::Id account_id, std::string_view reason) {
    conn.prepare("UPDATE users SET registration_reason = ? WHERE account_id = ?").bind(1, reason).bind(2, account_id).run();
    return conn.changes() > 0;
}

std::string registration_reason(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT registration_reason FROM users WHERE account_id = ?");
    stmt.bind(1, account_id);
    return stmt.step() ? stmt.text(0) : std::string();
}

}  // namespace gesso::storage
