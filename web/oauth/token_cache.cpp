#include "web/oauth/token_cache.hpp"

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "core/limits.hpp"

namespace gesso::web::oauth {

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Entry {
    Caller caller;
    std::uint64_t generation;
    SteadyClock::time_point read_at;
};

struct Cache {
    std::mutex mutex;
    std::unordered_map<std::string, Entry> entries;
};

Cache& cache() {
    static Cache c;
    return c;
}

std::string key_of(const storage::Database& db, const std::string& token_hash) {
    std::string key = std::to_string(db.instance_id());
    key += ':';
    key += token_hash;
    return key;
}

bool fresh(const Entry& e, std::uint64_t generation, SteadyClock::time_point now) {
    return e.generation == generation && now - e.read_at < core::limits::kTokenCacheTtl;
}

}  // namespace

std::optional<Caller> cached_caller(const storage::Database& db, const std::string& token_hash, std::uint64_t generation) {
    Cache& c = cache();
    std::string key = key_of(db, token_hash);
    std::lock_guard lock(c.mutex);
    auto it = c.entries.find(key);
    if (it == c.entries.end()) return std::nullopt;
    if (!fresh(it->second, generation, SteadyClock::now())) {
        c.entries.erase(it);
        return std::nullopt;
    }
    return it->second.caller;
}

void cache_caller(const storage::Database& db, const std::string& token_hash, std::uint64_t generation, const Caller& caller) {
    Cache& c = cache();
    std::string key = key_of(db, token_hash);
    auto now = SteadyClock::now();
    std::lock_guard lock(c.mutex);
    if (c.entries.size() >= core::limits::kTokenCacheEntries && !c.entries.count(key)) {
        // Stale entries of this database go first; entries of other databases are judged by age alone.
        std::string prefix = std::to_string(db.instance_id()) + ":";
        std::erase_if(c.entries, [&](const auto& kv) {
            bool same_db = kv.first.compare(0, prefix.size(), prefix) == 0;
            return same_db ? !fresh(kv.second, generation, now) : now - kv.second.read_at >= core::limits::kTokenCacheTtl;
        });
        if (c.entries.size() >= core::limits::kTokenCacheEntries) c.entries.clear();
    }
    c.entries.insert_or_assign(std::move(key), Entry{caller, generation, now});
}

std::size_t cached_caller_count() {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    return c.entries.size();
}

}  // namespace gesso::web::oauth
