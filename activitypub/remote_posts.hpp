#pragma once
// Posts from other servers: stored with everything they carry (mentions, hashtags, custom emoji, attachments
// with alt text/blurhash/focal point, polls, licence and xRobotsTag), threaded, fanned into local home
// timelines, and notified to the local accounts they mention.
#include <optional>
#include <string>

#include "activitypub/as2/object.hpp"
#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// Stores a post by `author` once (a tombstoned id is not revived; a known id returns the stored status).
// The post's id must be on the author's host (core::Error unauthorized otherwise). Returns nullopt when the
// id was deleted before.
std::optional<core::Status> store_remote_post(Context& ctx, const as2::ParsedObject& object,
                                              const core::Account& author);

// Applies an edit by `author` of a post it owns: text, warning, sensitivity, mentions, tags, attachments,
// poll counts. Returns false when the post is unknown or not the author's.
bool update_remote_post(Context& ctx, const as2::ParsedObject& object, const core::Account& author);

// The status `uri` names: known already, or (when `fetch`) fetched from its own server with its author.
std::optional<core::Status> known_or_fetched_status(Context& ctx, const std::string& uri, bool fetch);

// A vote (a Note with `name` and no content, in reply to a local poll). Returns true when `object` was a vote
// on a local poll (recorded, or ignored when invalid), false when it is an ordinary post.
bool record_poll_vote(Context& ctx, const as2::ParsedObject& object, const core::Account& voter,
                      const std::string& activity_id);

}  // namespace gesso::activitypub
