#pragma once
// The profile fields (`fields_attributes`) of update_credentials, shared with the profile settings page.
#include <optional>
#include <vector>

#include "core/model.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

// fields_attributes as Mastodon clients send them: indexed (`fields_attributes[0][name]`, forms and
// multipart) or as a JSON array (`fields_attributes[][name]`). nullopt when none was sent. Rows whose name and
// value are both empty are dropped. Throws core::Error(unprocessable) for an index at or beyond
// limits::kMaxProfileFields or unpaired array entries.
std::optional<std::vector<core::ProfileField>> read_fields(const Params& p);

}  // namespace gesso::web::mastodon
