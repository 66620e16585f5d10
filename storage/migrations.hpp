#pragma once
// Forward-only schema migrations, tracked in PRAGMA user_version. Migration N takes the schema from
// version N-1 to N inside one transaction (the version bump included), so a failure leaves version N-1.
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace gesso::storage {

// The schema version this binary writes and understands.
int latest_schema_version();

// The database's current schema version (0 for a new, empty file).
int schema_version(Database& db);

// Throws core::Error(unavailable) with an explanation when the database was written by a newer Gesso.
void check_schema_not_newer(Database& db);

// Applies every pending migration, oldest first. Returns how many were applied. Refuses (throws) when the
// schema is newer than latest_schema_version().
int migrate(Database& db);

// The SQL of migration `version` (1 = the first); empty for a version that does not exist. For tests that run a
// data-moving migration again over data made after it.
std::string_view migration_sql(int version);

}  // namespace gesso::storage
