#pragma once
// Local posts: publishing and editing. One call checks the draft, formats the text, stores the status with its
// mentions, hashtags, attachments and poll, fills local home timelines and notifications, and queues the
// Create/Update for remote followers, mentioned actors and the author replied to, in one transaction.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "activitypub/context.hpp"
#include "activitypub/protection.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

struct PollDraft {
    std::vector<std::string> options;
    bool multiple = false;
    std::chrono::seconds expires_in{24 * 3600};
};

struct PostDraft {
    std::string text;  // plain text as typed; may be empty when there is media
    std::string spoiler_text;
    bool sensitive = false;
    core::Visibility visibility = core::Visibility::public_;
    std::string language;  // ISO 639 code; empty when unknown
    std::optional<core::Id> in_reply_to_id;
    std::vector<core::Id> media_ids;  // the author's own uploads, not attached elsewhere
    std::optional<PollDraft> poll;
    // Edits only (Mastodon's media_attributes[]): new alt text or focal point of listed media_ids.
    struct MediaChange {
        core::Id id = 0;
        std::optional<std::string> description;
        std::optional<std::pair<double, double>> focus;  // x, y in [-1, 1]
    };
    std::vector<MediaChange> media_changes;
    // The post's own protection choices (AI-training reservation, licence, indexable) over the author's
    // settings; on an edit, fields left unset keep the post's earlier choice. Attachments are re-marked with
    // the post's DataMining and licence when it sets them (media_intake.hpp, remark_media).
    PostRightsChange rights;
};

// The checks of a draft that need no database: blank, too long, too many media, media and a poll together, a bad
// poll. Throws core::Error(unprocessable) with the reason (publish_status and edit_status run them too).
void validate_draft(const PostDraft& draft);

// Throws core::Error: unprocessable with the reason for an invalid draft (blank, too long, too many media,
// media and a poll together, a bad poll, unknown or not own media), not_found for an unknown or invisible
// parent.
core::Status publish_status(Context& ctx, const core::Account& author, const PostDraft& draft);

// Edits the author's own status (text, warning, sensitivity, language, media and their alt text and focal
// points; a poll only when the draft has one: changed options or multiple reset its votes, as Mastodon does).
// The version replaced joins the history with its media and poll. Throws not_found when it is not theirs,
// unprocessable for a media change of media not in the draft or too long a description.
core::Status edit_status(Context& ctx, const core::Account& author, core::Id status_id, const PostDraft& draft);

// `voter` votes for `choices` (0-based option indexes) in the poll of `status_id`. A vote in a remote poll is
// also sent to its author as a Note named after the option (the Mastodon convention). Throws unprocessable
// for an expired poll, a repeated vote, several choices in a single-choice poll or an unknown option;
// not_found when the status has no poll the voter can see.
void vote_in_poll(Context& ctx, const core::Account& voter, core::Id status_id, const std::vector<int>& choices);

// Whether `viewer` (nullopt: an anonymous visitor) may see `status`: public and unlisted for everyone,
// followers-only for accepted followers, direct for mentioned accounts; authors see their own.
bool can_see_status(storage::Connection& conn, const core::Status& status, std::optional<core::Id> viewer);

}  // namespace gesso::activitypub
