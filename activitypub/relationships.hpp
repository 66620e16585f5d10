#pragma once
// Local accounts' relations with others: answering follow requests, blocking, pinning, profile updates and
// reports. Each writes its change and queues the activity that tells the other server, in one transaction.
#include <string>
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// Queues Accept or Reject of `follow` (by `follower`, of `local`) to the follower when it is remote.
void answer_follow(Context& ctx, storage::Connection& conn, const core::Account& local, const core::Follow& follow,
                   const core::Account& follower, bool accept);

// A locked account approves or refuses a pending follow request. Throws not_found when there is none.
void authorize_follow_request(Context& ctx, const core::Account& local, core::Id follower_id);
void reject_follow_request(Context& ctx, const core::Account& local, core::Id follower_id);

// Blocks `target` (removing follows both ways) and tells its server; unblock undoes it. Idempotent.
void block_account(Context& ctx, const core::Account& local, core::Id target_id);
bool unblock_account(Context& ctx, const core::Account& local, core::Id target_id);

// Pins an own public or unlisted status to the profile (featured collection: Add), or unpins it (Remove).
// Throws unprocessable past limits::kMaxPins or for private posts, not_found for others' statuses.
void pin_status(Context& ctx, const core::Account& local, core::Id status_id);
bool unpin_status(Context& ctx, const core::Account& local, core::Id status_id);

// Sends Update(Person) with the current actor document to the account's followers (after a profile edit).
void publish_profile_update(Context& ctx, const core::Account& local);

// Sets the actors `local` is also known as (the accounts it moves from must be listed on the new account
// first), checking each is a real actor, and tells followers with Update(Person). At most
// limits::kMaxAliases; throws unprocessable for unknown actors.
void set_aliases(Context& ctx, const core::Account& local, const std::vector<std::string>& actor_uris);

// Moves `local` to `target_uri`: the target must list `local` in its alsoKnownAs (read fresh). Marks the
// account moved and sends Move to its followers, whose servers move them to the target.
void move_account(Context& ctx, const core::Account& local, const std::string& target_uri);

// Files a report by `reporter` about `target_id` (and some of its statuses) for this node's moderators; when
// `forward` and the target is remote, a Flag from the instance actor goes to the target's server. `category`
// is Mastodon's (spam, legal, violation, other), checked by the caller.
core::Report file_report(Context& ctx, const core::Account& reporter, core::Id target_id,
                         const std::vector<core::Id>& status_ids, const std::string& comment, bool forward,
                         const std::string& category = "other");

}  // namespace gesso::activitypub
