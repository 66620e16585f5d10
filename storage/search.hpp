#pragma once
// Search for /api/v2/search: accounts by username or display-name prefix, hashtags by prefix, and statuses
// by text among those their authors let strangers find (FEP-5feb `indexable`) or the searcher is part of.
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct AccountSearch {
    std::string prefix;  // matched against username and display name, case-insensitively
    std::string domain;  // when set: only accounts of this domain ("" matches any)
    bool local_only = false;
    std::optional<core::Id> followed_by;  // only accounts this account follows
    int limit = 20;
    int offset = 0;
};
// Ids of accounts not suspended; local accounts first, then by username.
std::vector<core::Id> search_accounts(Connection& conn, const AccountSearch& q);

// Hashtag display names used by posts whose key starts with `prefix` (normalised), alphabetically.
std::vector<std::string> search_tags(Connection& conn, const std::string& prefix, int limit, int offset);

struct StatusSearch {
    std::string text;    // substring, case-insensitive for ASCII
    core::Id viewer = 0;
    std::optional<core::Id> account_id;  // only this author's
    int limit = 20;
    int offset = 0;
    int scan = 50000;  // newest statuses looked through
};
// Ids of statuses containing `text` whose author is the viewer, or that are indexable (the post's own choice,
// storage/post_rights.hpp, else its author's flag), or which the viewer favourited, boosted, replied to or is mentioned in; newest first. Visibility is the caller's to check.
std::vector<core::Id> search_statuses(Connection& conn, const StatusSearch& q);

}  // namespace gesso::storage
