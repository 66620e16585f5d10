#pragma once
// Local actions become activities: each writes its change and one outbox job (the activity and its audience)
// in one transaction; the fan-out worker turns the job into deliveries.
#include <string>
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/follows.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// Who receives an activity.
struct Audience {
    bool followers = false;            // every remote follower of the author (shared inboxes preferred)
    std::vector<std::string> inboxes;  // these inboxes too
};

// Queues `activity_json` (with @context) from local `account` to `audience`, inside the caller's transaction.
void enqueue_activity(Context& ctx, storage::Connection& conn, const core::Account& account,
                      const std::string& activity_id, const std::string& activity_json, const Audience& audience);

// `local` follows the actor `target_uri` (fetched if unknown). A pending follow until the peer accepts.
// Idempotent: following again re-sends the Follow. `options` (boosts shown, new-post notifications,
// languages) are stored on the follow, replacing earlier ones when given. Returns the follow.
core::Follow follow_account(Context& ctx, const core::Account& local, const std::string& target_uri,
                            const std::optional<storage::FollowOptions>& options = std::nullopt);
// Undoes `local`'s follow of `target_uri`. Returns false if there was none.
bool unfollow_account(Context& ctx, const core::Account& local, const std::string& target_uri);

// Publishes a note by `local`: stores it, adds it to the home timelines of the author and local followers,
// and queues the Create for remote followers (public, unlisted and followers-only posts).
core::Status publish_note(Context& ctx, const core::Account& local, const std::string& html,
                          core::Visibility visibility = core::Visibility::public_);
// Deletes a local status and tells those who received it.
void delete_local_status(Context& ctx, const core::Account& local, core::Id status_id);

// Renders {"@context":..., "id", "type", "actor", "object": <raw json>} plus to/cc.
std::string render_activity(const std::string& id, const std::string& type, const std::string& actor,
                            const std::string& object_json, const std::vector<std::string>& to = {},
                            const std::vector<std::string>& cc = {});

}  // namespace gesso::activitypub
