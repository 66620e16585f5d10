#pragma once
// The `tag` property of posts, actors and reactions: mentions, hashtags, custom emoji, and FEP-e232 links to
// quoted posts.
#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

namespace gesso::activitypub::as2 {

struct Mention {
    std::string href;  // the mentioned actor's id (absolute http(s) URL)
    std::string name;  // "@user@host" or "@user" as the sender wrote it; may be empty
};

struct Hashtag {
    std::string name;  // without the leading '#', case as sent ("Art" from "#Art")
    std::string href;  // the sender's tag page; may be empty
};

struct CustomEmoji {
    std::string name;      // ":shortcode:" (colons added when the sender left them out)
    std::string icon_url;  // the image (absolute http(s) URL)
    std::string id;        // the emoji's own id; may be empty
};

struct ParsedTags {
    std::vector<Mention> mentions;
    std::vector<Hashtag> hashtags;
    std::vector<CustomEmoji> emojis;
    // FEP-e232 Link to a quoted post (Misskey and Mastodon 4.4 send one with `name` "RE: <url>" or the Misskey
    // quote `rel`); empty when there is none.
    std::string quote_link;
};

// Reads `tag`: an array of tag objects, one tag object, or the object Pixelfed produces when a PHP list and map
// are merged (the first tag's members plus the others under "0", "1", ...). Entries of other types (Place,
// Link without a quote meaning, ...) and entries without the part that makes them useful (a Mention without
// href, an Emoji without an image or with a shortcode outside [A-Za-z0-9_+-.]) are skipped.
// Refused: more than limits::kMaxTagEntries entries, more than kMaxMentions / kMaxHashtags / kMaxEmojis of one
// kind, an href or icon URL that is not absolute http(s), text over its limit, or wrong JSON types.
ParsedTags read_tags(const rapidjson::Value& object, std::string_view what);

}  // namespace gesso::activitypub::as2
