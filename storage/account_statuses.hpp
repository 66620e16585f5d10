#pragma once
// An account's statuses as a given viewer may list them (GET /api/v1/accounts/:id/statuses): the SQL keeps
// what the viewer's relation allows (everything for the owner, followers-only for accepted followers, and
// posts that mention the viewer) and the filters asked for. Callers still check each row with
// activitypub::can_see_status, the one rule for visibility.
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/paged.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct AccountStatusFilter {
    std::optional<core::Id> viewer;  // nullopt: anonymous
    bool exclude_reblogs = false;
    bool exclude_replies = false;  // replies to others (a thread of one's own stays)
    bool only_media = false;
    bool pinned = false;
    std::string tagged;  // a hashtag without '#' ('' for none)
};

// A page of `account_id`'s statuses that are not deleted, newest first, paged by status id (key and value).
std::vector<PageRow> account_statuses_page(Connection& conn, core::Id account_id, const AccountStatusFilter& filter,
                                           const IdPage& page);

}  // namespace gesso::storage
