#pragma once
// Bearer tokens resolved to their caller, kept in memory so that an authenticated request does not read the
// token, the account and the user (and hash nothing more) before its own work. Process-wide, keyed by the
// Database's instance id and the token's hash. An entry is used only while its Database has committed no
// write since it was read (storage::Database::write_generation), so a revocation, a password change or a
// suspension by this server is seen by the next request; and for at most limits::kTokenCacheTtl, which bounds
// how long a change made by another process (the `gesso admin` CLI) goes unseen. At most
// limits::kTokenCacheEntries entries; when full, stale ones go first, then everything.
#include <cstdint>
#include <optional>
#include <string>

#include "web/oauth/tokens.hpp"

namespace gesso::web::oauth {

// The cached caller for `token_hash` in `db`, if it was read at `generation` (the current one) and is fresh.
std::optional<Caller> cached_caller(const storage::Database& db, const std::string& token_hash, std::uint64_t generation);
// Remembers a caller read at `generation` (taken before the read).
void cache_caller(const storage::Database& db, const std::string& token_hash, std::uint64_t generation, const Caller& caller);
// How many entries are held (tests).
std::size_t cached_caller_count();

}  // namespace gesso::web::oauth
