#pragma once
// Node-wide settings stored in the database (key/value), for facts that must survive configuration changes.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "storage/sqlite.hpp"

namespace gesso::storage {

std::optional<std::string> get_setting(Connection& conn, std::string_view key);
void set_setting(Connection& conn, std::string_view key, std::string_view value);
// Every setting whose key starts with `prefix` (e.g. "node."), read with one query.
std::map<std::string, std::string, std::less<>> settings_with_prefix(Connection& conn, std::string_view prefix);

}  // namespace gesso::storage
