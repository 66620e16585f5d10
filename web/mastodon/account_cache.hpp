#pragma once
// Rendered Account entities (without `source`) kept in memory, so that a page of statuses neither reads its
// authors, their profile fields and counts, nor writes their JSON again. Process-wide, keyed by the Database's
// instance id and the account id, like web/oauth/token_cache. An entry is stored and trusted only on a read
// connection (storage::Connection::read_stamp): it is used while the lease that reads it began at the same
// Database::write_generation as the lease that filled it — so any write this server commits makes every entry
// stale — and for at most limits::kAccountCacheTtl (writes by another process, the `gesso admin` CLI). Nothing
// is stored or trusted on the writer (its transaction may roll back or have changed the account). At most
// limits::kAccountCacheEntries entries; when full, stale ones go first, then everything.
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "storage/status_page.hpp"

namespace gesso::web::mastodon {

struct RenderedAccount {
    core::Account account;
    std::string json;  // the Account entity, as write_account writes it without `source`
};

// The cache as one page of statuses sees it: the entries it found stay held (shared) until the page is written,
// whatever the cache does meanwhile.
class AccountCacheView {
public:
    explicit AccountCacheView(const storage::Connection& conn) : stamp_(conn.read_stamp()) {}

    // For storage::load_status_page: the accounts among `ids` with a fresh entry (none on the writer).
    storage::KnownAccounts known();
    // The JSON of an account that known() returned, else null.
    const std::string* json_of(core::Id account_id) const;
    // Remembers the entity rendered for `account` from what this view's connection read (nothing on the writer).
    void store(const core::Account& account, const std::string& json);

private:
    std::optional<storage::Connection::ReadStamp> stamp_;
    std::unordered_map<core::Id, std::shared_ptr<const RenderedAccount>> held_;
};

// How many entries are held (tests).
std::size_t cached_account_count();

}  // namespace gesso::web::mastodon
