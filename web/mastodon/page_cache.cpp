#include "web/mastodon/page_cache.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/limits.hpp"

namespace gesso::web::mastodon {

namespace {

struct Key {
    std::uint64_t database;
    core::Id viewer;  // 0: anonymous (ids are positive)
    std::string target;
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const {
        std::size_t h = std::hash<std::string_view>()(k.target);
        return h ^ (k.database * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(k.viewer));
    }
};

struct Entry {
    std::shared_ptr<const Response> page;
    std::uint64_t generation;
    core::TimePoint rendered_at;
};

struct Cache {
    std::mutex mutex;
    std::unordered_map<Key, Entry, KeyHash> entries;
    std::size_t bytes = 0;
    std::uint64_t hits = 0, memory_hits = 0, misses = 0;
};

Cache& cache() {
    static Cache c;
    return c;
}

bool young(const Entry& e, core::TimePoint now) {
    return now >= e.rendered_at && now - e.rendered_at < core::limits::kPageCacheTtl;
}

bool fresh(const Entry& e, std::uint64_t generation, core::TimePoint now) {
    return e.generation == generation && young(e, now);
}

using Dropped = std::vector<std::shared_ptr<const Response>>;  // freed after the lock is released

void erase(Cache& c, std::unordered_map<Key, Entry, KeyHash>::iterator it, Dropped& dropped) {
    c.bytes -= it->second.page->body().size();
    dropped.push_back(std::move(it->second.page));
    c.entries.erase(it);
}

// Makes room for a page of `size` bytes (the lock is held).
void make_room(Cache& c, const storage::Connection::ReadStamp& stamp, core::TimePoint now, std::size_t size,
               Dropped& dropped) {
    auto full = [&] {
        return c.entries.size() >= core::limits::kPageCacheEntries || c.bytes + size > core::limits::kPageCacheBytes;
    };
    if (!full()) return;
    // Stale pages of this database go first; pages of other databases are judged by age alone.
    for (auto it = c.entries.begin(); it != c.entries.end();) {
        const bool stale =
            it->first.database == stamp.database ? !fresh(it->second, stamp.generation, now) : !young(it->second, now);
        auto next = std::next(it);
        if (stale) erase(c, it, dropped);
        it = next;
    }
    if (full()) {
        for (auto& [key, entry] : c.entries) dropped.push_back(std::move(entry.page));
        c.entries.clear();
        c.bytes = 0;
    }
}

// The fresh page under `key`, counting the hit. A page too old for `generation` is dropped, but not one that a
// lease begun after ours stored.
std::shared_ptr<const Response> lookup(const Key& key, std::uint64_t generation, core::TimePoint now, bool memory) {
    Cache& c = cache();
    Dropped dropped;
    std::lock_guard lock(c.mutex);
    auto it = c.entries.find(key);
    if (it != c.entries.end() && fresh(it->second, generation, now)) {
        ++c.hits;
        if (memory) ++c.memory_hits;
        return it->second.page;  // held while copied: another thread may drop the entry meanwhile
    }
    if (it != c.entries.end() && it->second.generation <= generation) erase(c, it, dropped);
    if (!memory) ++c.misses;
    return nullptr;
}

}  // namespace

std::optional<Response> find_page(const storage::Database& db, std::optional<core::Id> viewer, std::string_view target,
                                  core::TimePoint now) {
    if (target.size() > core::limits::kMaxCachedPageTargetBytes) return std::nullopt;
    const std::uint64_t generation = db.write_generation();  // before the lookup (Database::write_generation)
    auto hit = lookup(Key{db.instance_id(), viewer.value_or(0), std::string(target)}, generation, now, true);
    if (!hit) return std::nullopt;
    return *hit;
}

Response cached_page(const storage::Connection& conn, std::optional<core::Id> viewer, std::string_view target,
                     core::TimePoint now, const std::function<Response()>& render) {
    const auto& stamp = conn.read_stamp();
    if (!stamp || target.size() > core::limits::kMaxCachedPageTargetBytes) return render();
    Key key{stamp->database, viewer.value_or(0), std::string(target)};
    if (auto hit = lookup(key, stamp->generation, now, false)) return *hit;
    Cache& c = cache();
    Response res = render();
    const std::size_t size = res.body().size();
    if (res.result() != http::status::ok || size > core::limits::kMaxCachedPageBytes) return res;
    auto page = std::make_shared<const Response>(res);
    Dropped dropped;
    std::lock_guard lock(c.mutex);
    if (auto it = c.entries.find(key); it != c.entries.end()) {
        if (it->second.generation > stamp->generation) return res;  // a lease begun after ours stored a newer one
        erase(c, it, dropped);  // another thread rendered it too
    }
    make_room(c, *stamp, now, size, dropped);
    c.bytes += size;
    c.entries.emplace(std::move(key), Entry{std::move(page), stamp->generation, now});
    return res;
}

PageCacheStats page_cache_stats() {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    return PageCacheStats{c.hits, c.memory_hits, c.misses, c.entries.size(), c.bytes};
}

}  // namespace gesso::web::mastodon
