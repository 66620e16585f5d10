#pragma once
// Mastodon's Tag entity, shared by /api/v1/tags, /api/v1/followed_tags and search.
#include <optional>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/json.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::web::mastodon {

// {"name", "url", "history": 7 days of {"day","uses","accounts"} (strings, today first), "following" (when
// `viewer` is given)}. `key` is the normalised name.
void write_tag(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, std::string_view key,
               std::optional<core::Id> viewer);

}  // namespace gesso::web::mastodon
