#pragma once
// A person's own filters on others: mutes (optionally with notifications, optionally until a time) and the
// domains they blocked for themselves (not the admin's domain policies: see storage/domain_blocks.hpp).
// Nothing here federates; the other side never learns of it.
#include <unordered_set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/model.hpp"
#include "storage/paged.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct Mute {
    core::Id id = 0;
    core::Id account_id = 0;         // who mutes
    core::Id target_account_id = 0;  // who is muted
    bool notifications = true;       // their notifications are muted too
    std::optional<core::TimePoint> expires_at;
    core::TimePoint created_at{};
};

// Inserts the mute or replaces its options (keeping its id). Returns true if it was new.
bool upsert_mute(Connection& conn, const Mute& mute);
bool delete_mute(Connection& conn, core::Id account_id, core::Id target_account_id);
// The mute in force at `now` (an expired one counts as none).
std::optional<Mute> find_mute(Connection& conn, core::Id account_id, core::Id target_account_id, core::TimePoint now);
// Muted accounts in force at `now`, paged by mute id.
std::vector<PageRow> mutes_page(Connection& conn, core::Id account_id, const IdPage& page, core::TimePoint now);

// The person's own domain blocks. `domain` is stored lower-case. Returns true if it was new.
bool insert_account_domain_block(Connection& conn, core::Id id, core::Id account_id, std::string_view domain,
                                 core::TimePoint at);
bool delete_account_domain_block(Connection& conn, core::Id account_id, std::string_view domain);
bool account_blocks_domain(Connection& conn, core::Id account_id, std::string_view domain);
std::int64_t count_account_domain_blocks(Connection& conn, core::Id account_id);
struct DomainPageRow {
    core::Id key = 0;
    std::string domain;
};
// Blocked domains, newest first, paged by block id.
std::vector<DomainPageRow> account_domain_blocks_page(Connection& conn, core::Id account_id, const IdPage& page);

// The predicate home and public timelines and notifications use: true when `viewer` has muted `author` (a
// mute in force at `now`) or blocked the author's domain. For notifications pass `for_notifications`: a mute
// without notifications then does not hide.
bool hidden_by_viewer(Connection& conn, core::Id viewer, core::Id author, core::TimePoint now,
                      bool for_notifications = false);
// The same for a status in a timeline: its author, and for a boost the booster or the boosted author.
bool status_hidden_by_viewer(Connection& conn, core::Id viewer, const core::Status& status, core::TimePoint now);

// Of `author_ids`, those whose statuses `viewer` does not see in timelines (hidden_by_viewer, not for
// notifications), with one query per kind for a page.
std::unordered_set<core::Id> hidden_authors_among(Connection& conn, core::Id viewer, const std::vector<core::Id>& author_ids,
                                                  core::TimePoint now);

}  // namespace gesso::storage
