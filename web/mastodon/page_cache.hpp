#pragma once
// Rendered timeline pages kept in memory, so that a client reading the same page again (apps re-read home on
// every refresh, pull and focus) when nothing has changed is answered without reading or rendering anything.
// Process-wide, keyed by the Database's instance id, the viewer (or none) and the request target (path and query
// as sent). Like web/mastodon/account_cache.hpp, a page is stored and trusted only on a read connection
// (storage::Connection::read_stamp): it is answered again while the lease asking for it began at the same
// Database::write_generation as the lease that rendered it, so any write this server commits (a new status in
// a home timeline, a favourite, a follow, a mute, a filter) makes every page stale; and for at most
// limits::kPageCacheTtl by the node's clock, which bounds what changes without a write (mutes, filters and
// polls expiring, the `gesso admin` CLI's writes). Bounded by limits::kPageCacheEntries and kPageCacheBytes;
// when full, stale pages go first, then everything.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/model.hpp"
#include "storage/database.hpp"
#include "storage/sqlite.hpp"
#include "web/http.hpp"

namespace gesso::web::mastodon {

// The page answered earlier to `viewer` for `target` if still fresh; else `render()`'s answer, which is kept
// when it is a 200 rendered through a read connection. `now` is the node's clock.
Response cached_page(const storage::Connection& conn, std::optional<core::Id> viewer, std::string_view target,
                     core::TimePoint now, const std::function<Response()>& render);

// The page answered earlier to `viewer` for `target` if still fresh by `db`'s current write generation: memory
// only, for answers on the I/O thread (web/router.hpp MemoryAnswer). Counts hits, not misses (the handler that
// then runs counts its own). A rate limiter may still refuse a request whose page was found.
std::optional<Response> find_page(const storage::Database& db, std::optional<core::Id> viewer, std::string_view target,
                                  core::TimePoint now);

struct PageCacheStats {
    std::uint64_t hits = 0;         // pages answered again, on the I/O thread or by cached_page
    std::uint64_t memory_hits = 0;  // of which by find_page (on the I/O thread)
    std::uint64_t misses = 0;       // pages cached_page rendered
    std::size_t pages = 0, bytes = 0;
};
// Counters since the process started, and what is held now (tests, diagnostics).
PageCacheStats page_cache_stats();

}  // namespace gesso::web::mastodon
