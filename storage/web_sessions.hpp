#pragma once
// Signed-in browser sessions (web/pages/session.hpp). The cookie carries a random token; only its SHA-256
// digest is stored, so a copy of the database cannot be replayed as a cookie.
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct WebSession {
    core::Id id = 0;
    std::string token_hash;
    core::Id account_id = 0;
    core::TimePoint created_at{};
    core::TimePoint last_seen_at{};
    core::TimePoint expires_at{};  // absolute end, whatever the activity
    std::string user_agent;        // as sent at sign-in, shortened by the caller
};

// Inserts `session`, then deletes the account's oldest sessions (by last_seen_at) beyond `max_per_account`.
void insert_web_session(Connection& conn, const WebSession& session, std::size_t max_per_account);
// The session whose token digest is `token_hash`, expired or not (the caller decides).
std::optional<WebSession> find_web_session(Connection& conn, std::string_view token_hash);
void touch_web_session(Connection& conn, core::Id id, core::TimePoint at);
// Returns false when there was no such session.
bool delete_web_session(Connection& conn, core::Id id);
// Deletes every session of the account except `keep` (password change, suspension). Returns how many.
int delete_account_web_sessions(Connection& conn, core::Id account_id, std::optional<core::Id> keep = std::nullopt);
// Deletes sessions past their absolute end or idle since before `idle_before`. Returns how many.
int prune_web_sessions(Connection& conn, core::TimePoint now, core::TimePoint idle_before);
int count_account_web_sessions(Connection& conn, core::Id account_id);

}  // namespace gesso::storage
