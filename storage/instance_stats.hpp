#pragma once
// What the instance endpoints tell about the node: peers (remote domains it knows), weekly activity, and the
// local custom emoji.
#include <string>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Domains of known remote accounts, alphabetically, at most `limit`.
std::vector<std::string> known_domains(Connection& conn, int limit);

struct WeekActivity {
    core::TimePoint week{};  // start of the week
    std::int64_t statuses = 0;       // local statuses written
    std::int64_t logins = 0;         // local users last active in the week
    std::int64_t registrations = 0;  // local users created
};
// Counts for [from, from + 7 days).
WeekActivity week_activity(Connection& conn, core::TimePoint from);

struct LocalEmoji {
    std::string shortcode;
    std::string image_url;
};
std::vector<LocalEmoji> local_emojis(Connection& conn, int limit);

}  // namespace gesso::storage
