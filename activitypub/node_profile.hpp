#pragma once
// The node's public profile: title, description, contact e-mail, registration mode and rules. The configuration
// file gives the defaults (title, registrations: ctx.settings); what an admin saves on /admin/settings is stored
// in the database (storage/settings.hpp, keys "node.*") and wins over them. Read by the instance API, NodeInfo,
// the pages' layout and the sign-up pages.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

inline constexpr std::string_view kDefaultNodeDescription =
    "An art community on the fediverse, running Gesso. The works here are not for AI training.";

struct NodeProfile {
    std::string title;
    std::string description;
    std::string contact_email;  // empty: none given
    Registrations registrations = Registrations::closed;
    std::vector<std::string> rules;  // in order, one sentence or short paragraph each
};

// The profile in force: stored values over the configuration's defaults. One read.
NodeProfile node_profile(Context& ctx);
NodeProfile node_profile(const Context& ctx, storage::Connection& conn);

// Validates and stores every field. Throws core::Error(unprocessable) naming the field first ("Title ...",
// "Description ...", "Contact ...", "Rules ..."), with nothing stored: a title of 1..limits::kNodeTitleChars
// characters on one line, description and each rule within their limits, at most limits::kNodeRules rules (blank
// ones dropped), a valid e-mail or none. The instance actor's display name follows the title (same transaction).
void save_node_profile(Context& ctx, NodeProfile profile);

// "open", "approval", "closed".
std::string_view registrations_word(Registrations r);
std::optional<Registrations> parse_registrations(std::string_view word);

}  // namespace gesso::activitypub
