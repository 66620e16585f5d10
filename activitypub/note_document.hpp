#pragma once
// Status -> ActivityStreams Note (or Question for polls), and the Create activity that wraps it.
#include <optional>
#include <string>
#include <vector>

#include "activitypub/urls.hpp"
#include "core/model.hpp"
#include "core/protection.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// What a note carries besides its row: mentions, hashtags, attachments, a poll.
struct NoteDetails {
    std::vector<core::MentionRef> mentions;
    std::vector<std::string> tags;  // display names, without '#'
    std::vector<core::MediaAttachment> media;
    std::optional<core::Poll> poll;
    // The author's protection settings with the post's own choices over them, when the author is local
    // (load_note_details reads them): the Note's xRobotsTag and license come from the status's own values
    // first, then from these.
    std::optional<core::ProtectionSettings> author_protection;
    // The post's own `indexable` choice (storage/post_rights.hpp); unset: the author's flag.
    std::optional<bool> indexable;
};
NoteDetails load_note_details(storage::Connection& conn, core::Id status_id);

// The Note, with @context when served on its own, without when embedded. `author` is the status's account.
std::string render_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                        const NoteDetails& details = {}, bool with_context = false);
// Create{Note}, id = note id + "/activity": with @context for delivery, without when embedded in a collection.
std::string render_create_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                               const NoteDetails& details = {}, bool with_context = false);
// Update{Note} after an edit; the id names the edit time so each edit is a distinct activity.
std::string render_update_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                               const NoteDetails& details);
// The note with its details read from `conn`.
std::string render_stored_note(storage::Connection& conn, const core::Status& status, const core::Account& author,
                               const NodeUrls& urls, bool with_context);
std::string render_stored_create_note(storage::Connection& conn, const core::Status& status,
                                      const core::Account& author, const NodeUrls& urls);

// The public URL a local media file is served at.
std::string media_url(const NodeUrls& urls, const core::MediaAttachment& media);

}  // namespace gesso::activitypub
