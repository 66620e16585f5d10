#include "web/oauth/scopes.hpp"

#include <array>

namespace gesso::web::oauth {

namespace {

constexpr std::array<std::string_view, 7> kTopLevel = {"read", "write", "follow", "push", "profile", "admin:read",
                                                       "admin:write"};
constexpr std::array<std::string_view, 14> kReadGranular = {
    "accounts", "blocks", "bookmarks", "favourites", "filters", "follows", "lists",
    "mutes",    "notifications", "search", "statuses", "conversations", "reports", "media"};
constexpr std::array<std::string_view, 15> kWriteGranular = {
    "accounts", "blocks", "bookmarks", "conversations", "favourites", "filters", "follows", "lists",
    "media",    "mutes",  "notifications", "reports", "statuses", "polls", "gesso"};

bool known(std::string_view scope) {
    for (auto s : kTopLevel) {
        if (scope == s) return true;
    }
    auto granular = [&](std::string_view prefix, const auto& list) {
        if (!scope.starts_with(prefix)) return false;
        std::string_view rest = scope.substr(prefix.size());
        for (auto s : list) {
            if (rest == s) return true;
        }
        return false;
    };
    return granular("read:", kReadGranular) || granular("write:", kWriteGranular) || scope.starts_with("admin:read:") ||
           scope.starts_with("admin:write:");
}

}  // namespace

std::optional<ScopeSet> parse_scopes(std::string_view text) {
    ScopeSet out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find_first_of(" +", i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view scope = text.substr(i, end - i);
        if (!scope.empty()) {
            if (!known(scope)) return std::nullopt;
            out.emplace(scope);
        }
        i = end + 1;
    }
    if (out.empty()) out.emplace("read");  // Mastodon's default scope
    return out;
}

std::string join_scopes(const ScopeSet& scopes) {
    std::string out;
    for (const auto& s : scopes) {
        if (!out.empty()) out += ' ';
        out += s;
    }
    return out;
}

bool covers(const ScopeSet& granted, std::string_view required) {
    if (granted.contains(required)) return true;
    auto colon = required.rfind(':');
    if (colon != std::string_view::npos && granted.contains(required.substr(0, colon))) return true;
    if (granted.contains("follow")) {
        for (std::string_view s : {"read:blocks", "write:blocks", "read:follows", "write:follows", "read:mutes", "write:mutes"}) {
            if (required == s) return true;
        }
    }
    return false;
}

bool covers_all(const ScopeSet& allowed, const ScopeSet& requested) {
    for (const auto& s : requested) {
        if (!covers(allowed, s)) return false;
    }
    return true;
}

}  // namespace gesso::web::oauth
