#pragma once
// OAuth scopes as Mastodon defines them: top-level `read`, `write`, `follow`, `push`, `profile`, `admin:read`,
// `admin:write`, and granular ones such as `read:statuses` or `write:media`. A top-level scope covers its
// granular ones; `follow` covers read/write of blocks, follows and mutes (Mastodon's legacy meaning).
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace gesso::web::oauth {

using ScopeSet = std::set<std::string, std::less<>>;

// Splits a space- or '+'-separated list. nullopt when a scope is unknown (the caller answers invalid_scope).
std::optional<ScopeSet> parse_scopes(std::string_view text);
std::string join_scopes(const ScopeSet& scopes);

// Whether `granted` covers `required` (e.g. "read:statuses" is covered by "read" or itself).
bool covers(const ScopeSet& granted, std::string_view required);
// Whether every scope of `requested` is covered by `allowed` (an app may only ask what it registered).
bool covers_all(const ScopeSet& allowed, const ScopeSet& requested);

}  // namespace gesso::web::oauth
