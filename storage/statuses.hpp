#pragma once
// Statuses (posts), their favourites and boosts, and materialised home timelines.
#include <unordered_set>
#include <unordered_map>
#include <optional>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

void insert_status(Connection& conn, const core::Status& status);

// A page of an account's statuses that are public or unlisted and not deleted, newest first,
// with id < max_id when given.
std::vector<core::Status> list_public_statuses(Connection& conn, core::Id account_id, std::optional<core::Id> max_id,
                                               int limit);
std::int64_t count_public_statuses(Connection& conn, core::Id account_id);

std::optional<core::Status> find_status_by_uri(Connection& conn, std::string_view uri);
std::optional<core::Status> find_status(Connection& conn, core::Id id);
// Marks a status deleted (a tombstone: the uri stays known so a late Create cannot revive it).
void mark_status_deleted(Connection& conn, core::Id id, core::TimePoint at);
bool status_deleted(Connection& conn, std::string_view uri);
// Points replies that arrived before their parent (in_reply_to_uri known, id not) at it. Returns how many.
int link_orphan_replies(Connection& conn, core::Id parent_id, std::string_view parent_uri);
// Direct replies to a status that are not deleted, oldest first.
std::vector<core::Status> list_replies(Connection& conn, core::Id parent_id, int limit);
std::int64_t count_replies(Connection& conn, core::Id parent_id);
// Replaces content, summary and sensitivity after an edit.
void update_status_content(Connection& conn, core::Id id, std::string_view content, std::string_view spoiler_text,
                           bool sensitive, core::TimePoint edited_at);
// Tombstones every status of an account (the account deleted itself).
int mark_account_statuses_deleted(Connection& conn, core::Id account_id, core::TimePoint at);

// Favourites. Inserting twice is a no-op (false); deleting reports whether a row went.
bool insert_favourite(Connection& conn, core::Id id, core::Id account_id, core::Id status_id, std::string_view uri,
                      core::TimePoint at);
bool delete_favourite(Connection& conn, core::Id account_id, core::Id status_id);
// The status `account_id` liked with the Like activity `uri`, if any.
std::optional<core::Id> find_favourite_by_uri(Connection& conn, core::Id account_id, std::string_view uri);
std::int64_t count_favourites(Connection& conn, core::Id status_id);
// The activity id of `account_id`'s like of `status_id`, if it likes it.
std::optional<std::string> find_favourite_uri(Connection& conn, core::Id account_id, core::Id status_id);
// Boosts of a status that are not deleted.
std::int64_t count_reblogs(Connection& conn, core::Id status_id);
std::optional<core::Status> find_reblog(Connection& conn, core::Id account_id, core::Id status_id);

// Home timelines are materialised: one row per reader and status. The reader's lists that include the author
// get the status too (storage/lists.hpp). Says where it newly went: the home timeline (not for members of an
// exclusive list, nor when it was there already) and the ids of the lists that gained it.
struct TimelineInsert {
    bool home = false;
    std::vector<core::Id> lists;
};
TimelineInsert add_to_home_timeline(Connection& conn, core::Id account_id, core::Id status_id);
// The accounts whose home timeline holds `status_id` (at most `limit`).
std::vector<core::Id> home_timeline_accounts(Connection& conn, core::Id status_id, int limit);
std::vector<core::Id> home_timeline(Connection& conn, core::Id account_id, std::optional<core::Id> max_id, int limit);

// Mastodon paging over an id range: ids below max_id and above since_id, newest first; with min_id, the ids
// just above min_id (oldest first in the query, returned newest first).
struct IdPage {
    std::optional<core::Id> max_id, since_id, min_id;
    int limit = 20;
};
std::vector<core::Id> home_timeline_page(Connection& conn, core::Id account_id, const IdPage& page);

// Batched lookups for rendering a page (storage/status_page.hpp); ids are bound as one list (id_list.hpp).
// The statuses of `ids` that are not deleted, in no particular order.
std::vector<core::Status> find_statuses(Connection& conn, const std::vector<core::Id>& ids);
// For each id that has any: non-deleted replies, non-deleted boosts and favourites (as the count_* above).
struct StatusCounts {
    std::int64_t replies = 0, reblogs = 0, favourites = 0;
};
std::unordered_map<core::Id, StatusCounts> count_status_reactions(Connection& conn, const std::vector<core::Id>& ids);
// Of `ids`: those `account_id` favourited; those it boosted (boost not deleted).
std::unordered_set<core::Id> favourited_among(Connection& conn, core::Id account_id, const std::vector<core::Id>& ids);
std::unordered_set<core::Id> reblogged_among(Connection& conn, core::Id account_id, const std::vector<core::Id>& ids);
// count_public_statuses for each of `account_ids` that has any.
std::unordered_map<core::Id, std::int64_t> count_public_statuses_of(Connection& conn,
                                                                    const std::vector<core::Id>& account_ids);

}  // namespace gesso::storage
