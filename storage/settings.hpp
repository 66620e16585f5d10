#pragma once
// Node-wide settings stored in the database (key/value), for facts that must survive configuration changes.
#include <optional>
#include <string>
#include <string_view>

#include "storage/sqlite.hpp"

namespace gesso::storage {

std::optional<std::string> get_setting(Connection& conn, std::string_view key);
void set_setting(Connection& conn, std::string_view key, std::string_view value);

}  // namespace gesso::storage
