#pragma once
// Custom emoji seen on remote posts and profiles, remembered per domain so they can be shown with the text.
#include <string>
#include <vector>

#include "activitypub/as2/tags.hpp"
#include "core/clock.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// Shortcode without its colons (":blob_cat:" -> "blob_cat").
std::string emoji_shortcode(const std::string& name);
// Stores each emoji under `domain` (inside the caller's transaction).
void store_emojis(storage::Connection& conn, const std::vector<as2::CustomEmoji>& emojis, const std::string& domain,
                  core::TimePoint at);

}  // namespace gesso::activitypub
