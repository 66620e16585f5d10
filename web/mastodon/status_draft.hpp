#pragma once
// The status draft as clients send it to POST and PUT /api/v1/statuses (status, spoiler_text, sensitive,
// visibility, language, in_reply_to_id, media_ids[], poll[options][], poll[multiple], poll[expires_in]; and for
// edits media_attributes[][id|description|focus]).
#include <string>

#include "activitypub/posting.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

// Throws core::Error: unprocessable for a bad visibility or media id, not_found for a bad reply id.
activitypub::PostDraft read_draft(const Params& p);

}  // namespace gesso::web::mastodon
