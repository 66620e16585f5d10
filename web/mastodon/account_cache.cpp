#include "web/mastodon/account_cache.hpp"

#include <chrono>
#include <mutex>

#include "core/limits.hpp"

namespace gesso::web::mastodon {

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Key {
    std::uint64_t database;
    core::Id account;
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const {
        return std::hash<std::uint64_t>()(k.database * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(k.account));
    }
};

struct Entry {
    std::shared_ptr<const RenderedAccount> rendered;
    std::uint64_t generation;
    SteadyClock::time_point read_at;
};

struct Cache {
    std::mutex mutex;
    std::unordered_map<Key, Entry, KeyHash> entries;
};

Cache& cache() {
    static Cache c;
    return c;
}

bool fresh(const Entry& e, std::uint64_t generation, SteadyClock::time_point now) {
    return e.generation == generation && now - e.read_at < core::limits::kAccountCacheTtl;
}

}  // namespace

storage::KnownAccounts AccountCacheView::known() {
    return [this](const std::vector<core::Id>& ids) {
        std::unordered_map<core::Id, core::Account> found;
        if (!stamp_) return found;
        Cache& c = cache();
        auto now = SteadyClock::now();
        {
            std::lock_guard lock(c.mutex);
            for (core::Id id : ids) {
                if (held_.count(id)) continue;
                auto it = c.entries.find(Key{stamp_->database, id});
                if (it == c.entries.end()) continue;
                if (!fresh(it->second, stamp_->generation, now)) {
                    c.entries.erase(it);
                    continue;
                }
                held_.emplace(id, it->second.rendered);
            }
        }
        for (const auto& [id, rendered] : held_) found.emplace(id, rendered->account);
        return found;
    };
}

const std::string* AccountCacheView::json_of(core::Id account_id) const {
    auto it = held_.find(account_id);
    return it == held_.end() ? nullptr : &it->second->json;
}

void AccountCacheView::store(const core::Account& account, const std::string& json) {
    if (!stamp_) return;
    auto rendered = std::make_shared<const RenderedAccount>(RenderedAccount{account, json});
    held_.insert_or_assign(account.id, rendered);
    Cache& c = cache();
    Key key{stamp_->database, account.id};
    auto now = SteadyClock::now();
    std::lock_guard lock(c.mutex);
    if (c.entries.size() >= core::limits::kAccountCacheEntries && !c.entries.count(key)) {
        // Stale entries of this database go first; entries of other databases are judged by age alone.
        std::erase_if(c.entries, [&](const auto& kv) {
            return kv.first.database == key.database ? !fresh(kv.second, stamp_->generation, now)
                                                     : now - kv.second.read_at >= core::limits::kAccountCacheTtl;
        });
        if (c.entries.size() >= core::limits::kAccountCacheEntries) c.entries.clear();
    }
    c.entries.insert_or_assign(key, Entry{std::move(rendered), stamp_->generation, now});
}

std::size_t cached_account_count() {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    return c.entries.size();
}

}  // namespace gesso::web::mastodon
