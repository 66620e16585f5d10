#pragma once
// Filters (Mastodon's v2 model): a titled set of keywords and statuses, applied in contexts (home,
// notifications, public, thread, account) with an action (warn: shown with a notice; hide: left out).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct FilterKeyword {
    core::Id id = 0;
    std::string keyword;
    bool whole_word = true;
};
struct FilterStatus {
    core::Id id = 0;
    core::Id status_id = 0;
};
struct Filter {
    core::Id id = 0;
    core::Id account_id = 0;
    std::string title;
    std::vector<std::string> contexts;
    std::string action = "warn";  // warn or hide
    std::optional<core::TimePoint> expires_at;
    std::vector<FilterKeyword> keywords;
    std::vector<FilterStatus> statuses;
};

// Inserts the filter with its keywords and statuses (their ids set by the caller).
void insert_filter(Connection& conn, const Filter& filter, core::TimePoint at);
// Updates title, contexts, action and expiry of the owner's filter; false when it is not theirs.
bool update_filter(Connection& conn, const Filter& filter);
bool delete_filter(Connection& conn, core::Id account_id, core::Id filter_id);
// The owner's filter with keywords and statuses.
std::optional<Filter> find_filter(Connection& conn, core::Id account_id, core::Id filter_id);
// The owner's filters, oldest first; with `live_at`, only those not expired at that time.
std::vector<Filter> filters_of(Connection& conn, core::Id account_id, std::optional<core::TimePoint> live_at = {});
int count_filters(Connection& conn, core::Id account_id);

void insert_filter_keyword(Connection& conn, core::Id filter_id, const FilterKeyword& keyword);
bool update_filter_keyword(Connection& conn, core::Id filter_id, const FilterKeyword& keyword);
bool delete_filter_keyword(Connection& conn, core::Id filter_id, core::Id keyword_id);
// The keyword with its filter's id when the filter belongs to `account_id`.
std::optional<std::pair<core::Id, FilterKeyword>> find_filter_keyword(Connection& conn, core::Id account_id, core::Id id);

// Returns false when the status is in the filter already.
bool insert_filter_status(Connection& conn, core::Id filter_id, const FilterStatus& status);
bool delete_filter_status(Connection& conn, core::Id filter_id, core::Id filter_status_id);
std::optional<std::pair<core::Id, FilterStatus>> find_filter_status(Connection& conn, core::Id account_id, core::Id id);

// Moves whenever any filter, keyword or filter status is written (and again when that write commits), in this
// process: filters loaded before it moved may be stale (the streaming hub's per-session cache).
std::uint64_t filters_generation();

}  // namespace gesso::storage
