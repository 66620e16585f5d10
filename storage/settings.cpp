#include "storage/settings.hpp"

namespace gesso::storage {

std::optional<std::string> get_setting(Connection& conn, std::string_view key) {
    auto stmt = conn.prepare("SELECT value FROM settings WHERE key = ?");
    stmt.bind(1, key);
    if (!stmt.step()) return std::nullopt;
    return stmt.text(0);
}

void set_setting(Connection& conn, std::string_view key, std::string_view value) {
    conn.prepare("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::map<std::string, std::string, std::less<>> settings_with_prefix(Connection& conn, std::string_view prefix) {
    auto stmt = conn.prepare("SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1");
    stmt.bind(1, prefix);
    std::map<std::string, std::string, std::less<>> out;
    while (stmt.step()) out.emplace(stmt.text(0), stmt.text(1));
    return out;
}

}  // namespace gesso::storage
