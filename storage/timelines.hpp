#pragma once
// Timelines read as index ranges: the public timeline (statuses_public_timeline*), hashtag timelines
// (status_tags' primary key) and list timelines (materialised like home). Each answers a page of ids under
// Mastodon paging (IdPage), newest first; rules the index cannot express are the caller's (web/mastodon).
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "storage/statuses.hpp"

namespace gesso::storage {

enum class Origin { all, local, remote };

// Public (visibility public), not deleted, not boosts; `origin` picks local or remote authors; `only_media`
// keeps statuses with attachments.
std::vector<core::Id> public_timeline_page(Connection& conn, Origin origin, bool only_media, const IdPage& page);

struct TagQuery {
    std::vector<std::string> any;   // normalised tags (normalize_tag); none: an empty page
    std::vector<std::string> all;   // each must also be present
    std::vector<std::string> none;  // none may be present
    bool local_only = false;
    bool only_media = false;
};
// Public statuses carrying any of `q.any` (and all of `q.all`, none of `q.none`).
std::vector<core::Id> tag_timeline_page(Connection& conn, const TagQuery& q, const IdPage& page);

// The materialised timeline of list `list_id`.
std::vector<core::Id> list_timeline_page(Connection& conn, core::Id list_id, const IdPage& page);

// Direct statuses `account_id` wrote or is mentioned in, newest first, below max_id (the conversations list).
std::vector<core::Id> direct_statuses_for(Connection& conn, core::Id account_id, std::optional<core::Id> max_id, int limit);

}  // namespace gesso::storage
