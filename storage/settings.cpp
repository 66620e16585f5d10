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

}  // namespace gesso::storage
