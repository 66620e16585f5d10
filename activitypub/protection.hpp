#pragma once
// Each artist's protection settings (core/protection.hpp): read them, change them with validation, and derive
// what the node's surfaces say for the artist's content. The same values travel in the actor and its Notes
// (xRobotsTag, license, indexable, discoverable: docs/FEDERATION.md, "Consent that travels").
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/ids.hpp"
#include "core/protection.hpp"
#include "storage/post_rights.hpp"

namespace gesso::activitypub {

// A partial change: only the fields that are set change. String values are as clients send them
// (licence short names or URLs, see core::normalize_license).
struct ProtectionUpdate {
    std::optional<std::string> data_mining;
    std::optional<std::string> license;
    std::optional<std::string> cloak_level;
    std::optional<std::string> watermark_text;
    std::optional<std::string> watermark_position;
    std::optional<double> watermark_opacity;
    std::optional<bool> allow_original_download;
    std::optional<bool> indexable;     // FEP-5feb, on the account row
    std::optional<bool> discoverable;  // likewise
    bool empty() const;
};

// A post's own choices over its author's settings (issue 6's per-post override), as the client sent them
// (gesso[data_mining], gesso[license], gesso[indexable] with POST or PUT /api/v1/statuses): unset fields stay
// as they are, kAuthorDefault returns a field to the author's setting.
inline constexpr std::string_view kAuthorDefault = "default";
struct PostRightsChange {
    std::optional<std::string> data_mining;  // a DataMining value (short form)
    std::optional<std::string> license;      // a licence name or URL (core::normalize_license)
    std::optional<std::string> indexable;    // "true" | "false"
    bool empty() const;
};
// `current` with `change` applied. Throws core::Error(unprocessable) naming the gesso[...] field.
storage::PostRights apply_post_rights(const storage::PostRights& current, const PostRightsChange& change);

// The account's settings (the protective defaults when it never changed any).
core::ProtectionSettings protection_settings(Context& ctx, core::Id account_id);

// Validates every field, then writes them all in one transaction; on core::Error(unprocessable), whose message
// names the field and what it accepts, nothing is written. Returns the settings now in force.
core::ProtectionSettings update_protection(Context& ctx, core::Id account_id, const ProtectionUpdate& update);

// The xRobotsTag of the local account `username`'s content: "noai, noimageai" when it reserves AI training,
// "all" when it opted in, empty when the node's default applies (DMI-UNSPECIFIED) or the account is unknown.
std::string local_account_robots_tag(Context& ctx, std::string_view username);

// The xRobotsTag of local status `status_id`: its own DataMining choice, else its author's (as above); empty
// for remote or unknown statuses.
std::string local_status_robots_tag(Context& ctx, core::Id status_id);

}  // namespace gesso::activitypub
