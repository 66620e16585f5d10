#pragma once
// Media files leaving the disk (issue 5): files whose rows were dropped are queued in the database in the
// transaction that dropped them (storage/media.hpp, media_garbage) and removed here afterwards, so a crash
// between the two steps leaves a queued name (removed on the next run), never a row without its file.
// Run by the federation workers' pump (federation.hpp).
#include "activitypub/context.hpp"

namespace gesso::activitypub {

// Moves up to `limit` local uploads that have been unattached for limits::kUnattachedMediaSeconds (never posted,
// or detached by a delete or an edit: Mastodon keeps them a day for "delete and redraft") into the queue, then
// removes up to `limit` queued files with their derivatives (preview, original-size copy) and forgets them.
// Returns rows swept plus queued names handled. Does nothing without a media store.
int clean_media(Context& ctx, int limit);

}  // namespace gesso::activitypub
