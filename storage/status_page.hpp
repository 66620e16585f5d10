#pragma once
// What the Mastodon Status entity shows about a page of statuses, read with one query per kind (ids bound as
// one list, storage/id_list.hpp) instead of about twenty per status: boost targets, authors and mentioned
// accounts with their profiles and counts, the authors of reply parents, reaction counts, media, mentions,
// tags, polls, local authors' protection settings and posts' own choices, and the viewer's own flags. web/mastodon/entities.cpp
// renders one status as a page of one, so both go through the same code.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.hpp"
#include "core/protection.hpp"
#include "storage/post_rights.hpp"
#include "storage/sqlite.hpp"
#include "storage/statuses.hpp"

namespace gesso::storage {

// What the Account entity shows beside the account row.
struct AccountExtras {
    core::AccountProfile profile;
    std::int64_t followers = 0, following = 0, statuses = 0;
};
// The extras of each of `account_ids` (missing accounts get empty extras).
std::unordered_map<core::Id, AccountExtras> load_account_extras(Connection& conn, const std::vector<core::Id>& account_ids);

struct StatusPage {
    std::unordered_map<core::Id, core::Status> boosted;        // boost targets by id (not deleted)
    std::unordered_map<core::Id, core::Account> accounts;      // authors and mentioned accounts
    std::unordered_map<core::Id, AccountExtras> extras;        // of authors
    std::unordered_map<core::Id, core::Id> parent_authors;     // reply parent id -> its author (parent not deleted)
    std::unordered_map<core::Id, StatusCounts> counts;
    std::unordered_map<core::Id, std::vector<core::MediaAttachment>> media;
    std::unordered_map<core::Id, std::vector<core::MentionRef>> mentions;
    std::unordered_map<core::Id, std::vector<std::string>> tags;
    std::unordered_map<core::Id, core::Poll> polls;
    std::unordered_map<core::Id, core::ProtectionSettings> author_settings;  // local authors with stored settings
    std::unordered_map<core::Id, PostRights> post_rights;                     // local statuses' own choices
    // The viewer's (empty when anonymous).
    std::unordered_map<core::Id, std::vector<int>> own_votes;
    std::unordered_set<core::Id> favourited, reblogged, bookmarked, muted, pinned;

    const core::Status* find_boosted(core::Id id) const;
    const core::Account* find_account(core::Id id) const;
    // Empty when the key is absent.
    const AccountExtras& extras_of(core::Id account_id) const;
    const std::vector<core::MediaAttachment>& media_of(core::Id status_id) const;
    const std::vector<core::MentionRef>& mentions_of(core::Id status_id) const;
    const std::vector<std::string>& tags_of(core::Id status_id) const;
    const std::vector<int>& own_votes_of(core::Id status_id) const;
    StatusCounts counts_of(core::Id status_id) const;
    // Defaults when the author stored none.
    const core::ProtectionSettings& author_settings_of(core::Id account_id) const;
    const PostRights& post_rights_of(core::Id status_id) const;
};

// The statuses of `ids` that exist and are not deleted, in the order of `ids`, read with one query.
std::vector<core::Status> find_statuses_in_order(Connection& conn, const std::vector<core::Id>& ids);
// Accounts the caller already holds with their Account entity rendered (web/mastodon/account_cache.hpp): asked
// once per page with the ids of every account it shows; those returned are not read again and their extras are
// not loaded (`StatusPage::extras` lacks them).
using KnownAccounts = std::function<std::unordered_map<core::Id, core::Account>(const std::vector<core::Id>& ids)>;

// Loads what rendering `statuses` (and the statuses they boost) as `viewer` needs.
StatusPage load_status_page(Connection& conn, const std::vector<core::Status>& statuses, std::optional<core::Id> viewer,
                            const KnownAccounts& known = {});

}  // namespace gesso::storage
