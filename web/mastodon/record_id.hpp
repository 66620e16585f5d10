#pragma once
// The id of a record named in a path or a parameter. Mastodon answers 404 "Record not found" for an id that
// cannot exist, as for one that does not.
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace gesso::web::mastodon {

inline core::Id id_param(const std::string& text) {
    auto id = core::parse_id(text);
    if (!id) throw core::Error(core::Errc::not_found, "Record not found");
    return *id;
}

}  // namespace gesso::web::mastodon
