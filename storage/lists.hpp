#pragma once
// Lists: an account's named sets of accounts it follows, each with a materialised timeline (list_timeline)
// filled where home timelines are (add_to_home_timeline), and read markers of the home and notifications
// timelines.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct List {
    core::Id id = 0;
    core::Id account_id = 0;
    std::string title;
    std::string replies_policy = "list";  // followed, list or none (Mastodon's names)
    bool exclusive = false;               // members' posts leave the home timeline
};

void insert_list(Connection& conn, const List& list, core::TimePoint at);
// Updates title, replies_policy and exclusive of the owner's list; false when it is not theirs.
bool update_list(Connection& conn, const List& list);
// Deletes the owner's list with its members and timeline; false when it is not theirs.
bool delete_list(Connection& conn, core::Id account_id, core::Id list_id);
std::optional<List> find_list(Connection& conn, core::Id account_id, core::Id list_id);
// The owner's lists, oldest first.
std::vector<List> lists_of(Connection& conn, core::Id account_id);
int count_lists(Connection& conn, core::Id account_id);
// The owner's lists that contain `member`.
std::vector<List> lists_containing(Connection& conn, core::Id owner_id, core::Id member_id);

// Adds `member` to the list and copies their statuses already in the owner's home timeline (newest first, at
// most `backfill`) into the list's timeline. Returns false when the member was there already.
bool add_list_member(Connection& conn, const List& list, core::Id member_id, int backfill);
// Removes the member and their statuses from the list's timeline.
void remove_list_member(Connection& conn, core::Id list_id, core::Id member_id);
// Members by account id, ascending, above `after`.
std::vector<core::Id> list_members(Connection& conn, core::Id list_id, core::Id after, int limit);
int count_list_members(Connection& conn, core::Id list_id);
// The lists whose timeline holds `status_id`, as (owner, list id) pairs, at most `limit`.
std::vector<std::pair<core::Id, core::Id>> lists_holding(Connection& conn, core::Id status_id, int limit);

// Read markers ("home" or "notifications").
struct Marker {
    std::string timeline;
    core::Id last_read_id = 0;
    std::int64_t version = 0;
    core::TimePoint updated_at{};
};
// Sets the marker, bumping its version.
void save_marker(Connection& conn, core::Id account_id, const std::string& timeline, core::Id last_read_id,
                 core::TimePoint at);
std::optional<Marker> find_marker(Connection& conn, core::Id account_id, const std::string& timeline);

}  // namespace gesso::storage
