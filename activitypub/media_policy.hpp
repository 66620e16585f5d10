#pragma once
// The node's rules on images, once they are processed (issue 6): AI verdicts and reposts of local artists'
// work. A received post gets this second look after its attachments were fetched and analysed (the first look,
// activitypub/policy.hpp, ran before it was stored); a local post gets it while it is published.
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// An image of a post that is a near-duplicate (PDQ, Hamming <= limits::kPdqMatchDistance) of a local artist's.
struct RepostMatch {
    core::Id artist = 0;          // the local account whose work it resembles
    core::Id artist_media = 0;    // their attachment
    std::optional<core::Id> artist_status;  // the post it is attached to, if any
    core::Id media = 0;           // the matching attachment of the post
    int distance = 0;
};

// Matches of `media` (the attachments of a post by `author`) with other accounts' local images: an artist's own
// posts never match themselves, and each artist is named once (the nearest match).
std::vector<RepostMatch> find_reposts(storage::Connection& conn, core::Id author,
                                      const std::vector<core::MediaAttachment>& media);

// Tells each artist of `matches` (a `gesso.repost` notification on the post) and files one report per artist for
// the node's admins, from the instance actor, with both links and the distance.
void alert_reposts(Context& ctx, storage::Connection& conn, const core::Status& post,
                   const std::vector<RepostMatch>& matches);

// The second look at a stored received post: its images' AI verdicts and repost matches against the `ai` and
// `repost` rules, applied to the stored post (rejected and held posts are removed: a held post cannot be queued
// any more, which the log says), and repost alerts.
void review_post_media(Context& ctx, core::Id status_id);

}  // namespace gesso::activitypub
