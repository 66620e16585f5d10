#pragma once
// The machine-readable rights signals a peer may attach to an actor, a post or a media file (docs:
// PROTECTION.md): FEP-5e53 `xRobotsTag` ("noai, noimageai") and schema.org `license`. They are kept as sent so
// the engine can honour them (treat the object as if it came with that header) and show them to people.
#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace gesso::activitypub::as2 {

// FEP-5e53 `xRobotsTag`: a string such as "noai, noimageai", or an array of such strings (joined with ", ").
// Empty when not set. Refused when another JSON type or longer than limits::kMaxXRobotsTagBytes.
std::string read_x_robots_tag(const rapidjson::Value& object, std::string_view what);

// schema.org `license`: a string (usually a URL such as a Creative Commons deed, sometimes a short name), or an
// object naming one by `id`, `url` or `name`. Kept verbatim (not URL-checked: a licence name is not a link).
// Empty when not set. Refused when another JSON type or longer than limits::kMaxLicenseBytes.
std::string read_license(const rapidjson::Value& object, std::string_view what);

}  // namespace gesso::activitypub::as2
