#pragma once
// Per-account protection settings (core::ProtectionSettings) in `account_settings`, one row per account that
// changed anything: no row means the protective defaults. Also the opt-in flags kept on the account row
// (indexable, discoverable) and the per-agent count of AI crawlers the node turned away.
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/protection.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// The account's settings; the defaults when it never saved any.
core::ProtectionSettings find_protection_settings(Connection& conn, core::Id account_id);
// Inserts or replaces the account's row. Values are stored as given: callers validate (activitypub/protection).
void save_protection_settings(Connection& conn, core::Id account_id, const core::ProtectionSettings& settings,
                              core::TimePoint now);
// For rendering a stored status: its author's settings with the post's own choices over them
// (storage/post_rights.hpp: DataMining and licence) when the status is local, nullopt when it is remote or
// unknown (remote statuses carry their own x_robots_tag and license columns).
std::optional<core::ProtectionSettings> find_local_author_protection(Connection& conn, core::Id status_id);

// Sets the account row's FEP-5feb flags.
void set_discovery_flags(Connection& conn, core::Id account_id, bool indexable, bool discoverable);

struct CrawlerCount {
    std::string agent;  // as named in the list
    std::int64_t hits = 0;
    core::TimePoint last_seen_at{};
};
// Counts one refused request from `agent`.
void record_crawler_hit(Connection& conn, std::string_view agent, core::TimePoint now);
// Every agent refused at least once, most hits first.
std::vector<CrawlerCount> list_crawler_counts(Connection& conn);

// The stored settings of each of `account_ids` that has a row (absent: defaults), one query per page.
std::unordered_map<core::Id, core::ProtectionSettings> find_protection_settings_of(Connection& conn,
                                                                                   const std::vector<core::Id>& account_ids);

}  // namespace gesso::storage
