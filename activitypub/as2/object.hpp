#pragma once
// Reading a post from another server: Note, Article, Page, Image, Video, Question or Event.
#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/as2/attachments.hpp"
#include "activitypub/as2/tags.hpp"
#include "core/clock.hpp"
#include "core/model.hpp"

namespace gesso::activitypub::as2 {

struct PollOption {
    std::string name;
    std::int64_t votes = 0;  // replies.totalItems; 0 when not sent
};

// A Question's poll.
struct Poll {
    bool multiple = false;  // anyOf (several choices) rather than oneOf
    std::vector<PollOption> options;
    std::optional<core::TimePoint> end_time;
    bool closed = false;                       // `closed` present (a time, or true)
    std::optional<core::TimePoint> closed_at;  // when `closed` was a time
    std::optional<std::int64_t> voters_count;  // Mastodon's votersCount
};

struct ParsedObject {
    std::string id;
    std::string type;           // as sent: Note, Article, Page, Image, Video, Question or Event
    std::string attributed_to;  // author id; empty when the object names none (use the activity's actor then)
    // HTML to show, unsanitised: `content` (or the first `contentMap` entry). For Article, Page, Event and
    // Video a title is prepended as "<p><strong>title</strong></p>"; an Image with no content shows its name
    // (HTML-escaped) as a paragraph.
    std::string content;
    // `name` (or the first nameMap entry), plain text: the title of an Article/Page/Event/Video, the caption of
    // an Image, the chosen option of a poll vote (a Note with a name and no content).
    std::string title;
    std::string language;  // from contentMap (or nameMap); empty when unknown
    std::string summary;   // content warning (Misskey sends U+200B for an empty one); plain text as sent
    bool sensitive = false;
    std::optional<core::TimePoint> published;
    std::optional<core::TimePoint> updated;
    std::string in_reply_to;  // id of the parent (string or embedded object in the source); may be empty
    std::string url;          // HTML page (text/html preferred); may be empty
    core::Visibility visibility = core::Visibility::direct;  // see derive_visibility
    std::vector<std::string> to, cc, audience;               // Public normalised to the full URI
    std::vector<Mention> mentions;
    std::vector<Hashtag> hashtags;
    std::vector<CustomEmoji> emojis;
    std::vector<Attachment> attachments;
    std::optional<Poll> poll;  // set for Question
    // Id of a quoted post: `quote` (FEP-044f, Mastodon 4.4), `quoteUri` (Fedibird), `_misskey_quote`,
    // `quoteUrl` (Misskey, Akkoma) or an FEP-e232 quote Link tag, first found; empty when none.
    std::string quote;
    std::string x_robots_tag;  // FEP-5e53, e.g. "noai, noimageai"
    std::string license;       // schema.org license of the post
};

// True for the seven types above.
bool is_post_type(std::string_view type);

// Visibility from addressing, as Mastodon derives it: the public collection in `to` -> public; in `cc` ->
// unlisted; else the author's followers collection in `to` or `cc` -> followers; else direct. An empty
// `followers_url` never matches. Exposed so the engine can recompute it from an activity's addressing when the
// object carries none.
core::Visibility derive_visibility(const std::vector<std::string>& to, const std::vector<std::string>& cc,
                                   std::string_view followers_url);

// Reads a post. `author_followers_url` is the author's followers collection (from their actor document), needed
// to tell followers-only posts from direct ones; it may be empty when unknown.
// Refused (core::Error, unprocessable, with the reason): not a JSON object (bad_request); id missing or not an
// absolute http(s) URL; an unsupported type; and every refusal of values.hpp, tags.hpp and attachments.hpp
// (wrong JSON types, text and lists over limits::, non-http(s) URLs in any link kept).
ParsedObject parse_object(const rapidjson::Value& object, std::string_view author_followers_url);

}  // namespace gesso::activitypub::as2
