#pragma once
// A local account editing its own profile (Mastodon's update_credentials): name, note, flags, profile
// fields, posting defaults, avatar and header images. Stored in one transaction, then an Update(Person) is
// delivered to followers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// Only what is set changes.
struct ProfileChanges {
    std::optional<std::string> display_name;  // <= limits::kMaxDisplayNameLength characters
    std::optional<std::string> note;          // plain text, <= limits::kMaxNoteLength characters
    std::optional<bool> locked, bot, discoverable, indexable, hide_collections;
    std::optional<std::vector<core::ProfileField>> fields;  // <= limits::kMaxProfileFields, replaces all
    std::optional<std::string> privacy;  // public, unlisted, private or direct
    std::optional<bool> sensitive;
    std::optional<std::string> language;      // ISO 639-1/-3 code (2 or 3 letters) or empty
    std::optional<std::string_view> avatar;   // image bytes (any type the intake takes)
    std::optional<std::string_view> header;
};

// Validates everything first (core::Error unprocessable naming the field), processes images (refusals as
// store_upload), then stores and publishes. Returns the account as stored.
core::Account update_credentials(Context& ctx, const core::Account& local, const ProfileChanges& changes);

}  // namespace gesso::activitypub
