#pragma once
// Finding accounts by handle and by prefix (GET /api/v1/accounts/lookup and /search).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// The account `username`@`domain` (domain '' for local ones), case-insensitively, if stored.
std::optional<core::Account> find_account_by_acct(Connection& conn, std::string_view username, std::string_view domain);

struct AccountQuery {
    std::string text;                // a prefix of the username, display name or user@domain ('@' in front ignored)
    std::optional<core::Id> viewer;  // who asks (nullopt: an app without a user)
    bool following_only = false;     // only accounts the viewer follows
    int limit = 40;
    int offset = 0;
};
// Accounts matching the query that are not suspended, exact username matches first, then local accounts,
// then by age. Remote accounts that are not discoverable are listed only to those who follow them.
std::vector<core::Id> search_accounts(Connection& conn, const AccountQuery& query);

}  // namespace gesso::storage
