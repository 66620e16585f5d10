#pragma once
// Status -> ActivityStreams Note, and the Create activity that wraps it in an outbox.
#include <string>

#include "activitypub/urls.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// The Note, with @context when served on its own, without when embedded. `author` is the status's account.
std::string render_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                        bool with_context = false);
// Create{Note}, id = note id + "/activity": with @context for delivery, without when embedded in a collection.
std::string render_create_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                               bool with_context = false);

}  // namespace gesso::activitypub
