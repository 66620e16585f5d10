#include "storage/oauth.hpp"

#include <set>

namespace gesso::storage {

namespace {
constexpr const char* kAppColumns = "id, client_id, secret_hash, name, redirect_uris, scopes, website, created_at";

OAuthApp read_app(const Statement& s) {
    return {s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), core::from_unix_ms(s.int64(7))};
}

constexpr const char* kTokenColumns = "id, token_hash, refresh_hash, app_id, account_id, scopes, created_at";

OAuthToken read_token(const Statement& s) {
    OAuthToken t;
    t.id = s.int64(0);
    t.token_hash = s.text(1);
    if (std::string refresh = s.text(2); !refresh.empty()) t.refresh_hash = std::move(refresh);
    t.app_id = s.int64(3);
    t.account_id = s.optional_int64(4);
    t.scopes = s.text(5);
    t.created_at = core::from_unix_ms(s.int64(6));
    return t;
}
}  // namespace

void insert_app(Connection& conn, const OAuthApp& app) {
    static const std::string sql = std::string("INSERT INTO oauth_apps (") + kAppColumns + ") VALUES (?,?,?,?,?,?,?,?)";
    conn.prepare(sql)
        .bind(1, app.id)
        .bind(2, app.client_id)
        .bind(3, app.secret_hash)
        .bind(4, app.name)
        .bind(5, app.redirect_uris)
        .bind(6, app.scopes)
        .bind(7, app.website)
        .bind(8, core::to_unix_ms(app.created_at))
        .run();
}

std::optional<OAuthApp> find_app(Connection& conn, core::Id id) {
    static const std::string sql = std::string("SELECT ") + kAppColumns + " FROM oauth_apps WHERE id = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_app(stmt);
}

std::optional<OAuthApp> find_app_by_client_id(Connection& conn, std::string_view client_id) {
    static const std::string sql = std::string("SELECT ") + kAppColumns + " FROM oauth_apps WHERE client_id = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, client_id);
    if (!stmt.step()) return std::nullopt;
    return read_app(stmt);
}

void insert_code(Connection& conn, const OAuthCode& c) {
    conn.prepare("INSERT INTO oauth_codes (code_hash, app_id, account_id, scopes, redirect_uri, code_challenge, "
                 "expires_at) VALUES (?,?,?,?,?,?,?)")
        .bind(1, c.code_hash)
        .bind(2, c.app_id)
        .bind(3, c.account_id)
        .bind(4, c.scopes)
        .bind(5, c.redirect_uri)
        .bind(6, c.code_challenge)
        .bind(7, core::to_unix_ms(c.expires_at))
        .run();
}

std::optional<OAuthCode> take_code(Connection& conn, std::string_view code_hash) {
    auto stmt = conn.prepare(
        "SELECT app_id, account_id, scopes, redirect_uri, code_challenge, expires_at FROM oauth_codes WHERE code_hash = ?");
    stmt.bind(1, code_hash);
    if (!stmt.step()) return std::nullopt;
    OAuthCode c{std::string(code_hash), stmt.int64(0), stmt.int64(1), stmt.text(2), stmt.text(3), stmt.text(4),
                core::from_unix_ms(stmt.int64(5))};
    conn.prepare("DELETE FROM oauth_codes WHERE code_hash = ?").bind(1, code_hash).run();
    return c;
}

void insert_token(Connection& conn, const OAuthToken& t) {
    conn.prepare("INSERT INTO oauth_tokens (id, token_hash, refresh_hash, app_id, account_id, scopes, created_at) "
                 "VALUES (?,?,?,?,?,?,?)")
        .bind(1, t.id)
        .bind(2, t.token_hash)
        .bind(3, t.refresh_hash)
        .bind(4, t.app_id)
        .bind(5, t.account_id)
        .bind(6, t.scopes)
        .bind(7, core::to_unix_ms(t.created_at))
        .run();
}

namespace {
// A live (not revoked) token by the digest in `column`.
std::optional<OAuthToken> find_live_token(Connection& conn, std::string_view column, std::string_view hash) {
    std::string sql = std::string("SELECT ") + kTokenColumns + " FROM oauth_tokens WHERE " + std::string(column) +
                      " = ? AND revoked_at IS NULL";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, hash);
    if (!stmt.step()) return std::nullopt;
    return read_token(stmt);
}
}  // namespace

std::optional<OAuthToken> find_token(Connection& conn, std::string_view token_hash) {
    return find_live_token(conn, "token_hash", token_hash);
}

std::optional<OAuthToken> find_token_by_refresh(Connection& conn, std::string_view refresh_hash) {
    return find_live_token(conn, "refresh_hash", refresh_hash);
}

bool revoke_token(Connection& conn, core::Id token_id, core::TimePoint at) {
    conn.prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(1, core::to_unix_ms(at))
        .bind(2, token_id)
        .run();
    return conn.changes() > 0;
}

int revoke_account_tokens(Connection& conn, core::Id account_id, core::TimePoint at) {
    conn.prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL")
        .bind(1, core::to_unix_ms(at))
        .bind(2, account_id)
        .run();
    return conn.changes();
}

void touch_token(Connection& conn, core::Id token_id, core::TimePoint at) {
    conn.prepare("UPDATE oauth_tokens SET last_used_at = ? WHERE id = ?").bind(1, core::to_unix_ms(at)).bind(2, token_id).run();
}

std::vector<AccountAuthorization> list_account_authorizations(Connection& conn, core::Id account_id, int limit) {
    static const std::string sql = std::string("SELECT ") + "a.id, a.client_id, a.secret_hash, a.name, a.redirect_uris, "
                                   "a.scopes, a.website, a.created_at, group_concat(t.scopes, ' '), min(t.created_at), "
                                   "max(t.last_used_at) FROM oauth_tokens t JOIN oauth_apps a ON a.id = t.app_id "
                                   "WHERE t.account_id = ? AND t.revoked_at IS NULL GROUP BY a.id "
                                   "ORDER BY max(t.created_at) DESC LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, limit);
    std::vector<AccountAuthorization> out;
    while (stmt.step()) {
        AccountAuthorization a{read_app(stmt), "", core::from_unix_ms(stmt.int64(9)), std::nullopt};
        // Union of the tokens' scopes, each once, in order.
        std::set<std::string> scopes;
        std::string all = stmt.text(8);
        for (std::size_t at = 0; at < all.size();) {
            std::size_t end = all.find(' ', at);
            if (end == std::string::npos) end = all.size();
            if (end > at) scopes.insert(all.substr(at, end - at));
            at = end + 1;
        }
        for (const auto& scope : scopes) {
            if (!a.scopes.empty()) a.scopes += ' ';
            a.scopes += scope;
        }
        if (auto used = stmt.optional_int64(10)) a.last_used_at = core::from_unix_ms(*used);
        out.push_back(std::move(a));
    }
    return out;
}

int revoke_app_tokens(Connection& conn, core::Id account_id, core::Id app_id, core::TimePoint at) {
    conn.prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE account_id = ? AND app_id = ? AND revoked_at IS NULL")
        .bind(1, core::to_unix_ms(at))
        .bind(2, account_id)
        .bind(3, app_id)
        .run();
    return conn.changes();
}

}  // namespace gesso::storage
