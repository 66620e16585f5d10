#pragma once
// Reading an activity delivered to an inbox (or found embedded in another activity).
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/as2/tags.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub::as2 {

enum class ActivityType {
    create,
    update,
    delete_,
    follow,
    accept,
    reject,
    undo,
    like,
    emoji_react,
    announce,
    block,
    flag,
    move,
    add,
    remove,
    unknown,  // any other type: kept in ParsedActivity::type so the engine can log and ignore it
};

// The ActivityStreams name ("Create", ...); "unknown" for ActivityType::unknown.
std::string_view to_string(ActivityType type);
// The type for an ActivityStreams name; unknown for anything not listed above (names are case-sensitive).
ActivityType activity_type_from(std::string_view name);

// An object sent inline rather than by id. It is kept as JSON (re-serialised, compact) so the engine can read it
// with parse_object / parse_actor / parse_activity once it knows what it expects, and so that nested activities
// (an Accept carrying the Follow) stay whole.
struct EmbeddedObject {
    std::string id;    // may be empty (Pixelfed sends `"id": null` in the Follow inside its Accept)
    std::string type;  // first type, as sent; may be empty
    std::string json;
};

struct ParsedActivity {
    std::string id;  // empty only when parsed with IdRule::optional
    ActivityType kind = ActivityType::unknown;
    std::string type;   // as sent
    std::string actor;  // the actor's id (absolute http(s) URL), never empty
    // The object's id, whether it came as a bare id or embedded (then it equals object->id); for a Flag, the first
    // reported object. Public spellings are normalised to the full URI (Misskey relays Follow the public
    // collection).
    std::string object_id;
    std::optional<EmbeddedObject> object;   // set when the object was inline
    std::vector<std::string> flag_objects;  // Flag: every reported id (account and posts); empty otherwise
    std::string target;                     // `target` id (Add/Remove collection, Move destination); may be empty
    std::vector<std::string> to, cc;        // Public normalised to the full URI
    std::optional<core::TimePoint> published;
    // Like/EmojiReact: the reaction ("👍", ":blobcat:") from `content` or Misskey's `_misskey_reaction`;
    // Flag: the reporter's comment. Plain text as sent; may be empty.
    std::string content;
    std::vector<CustomEmoji> emojis;  // the custom emoji a reaction uses (its `tag`)
};

// Whether a missing `id` refuses the activity. Inbox deliveries must have one (it is the dedupe key);
// activities embedded in others sometimes lack it (Pixelfed's Accept carries a Follow with a null id).
enum class IdRule { required, optional };

// Reads an activity. Refused (core::Error, unprocessable, with the reason): not a JSON object (bad_request); id
// missing (with IdRule::required) or not an absolute http(s) URL; actor missing or not an absolute http(s) URL;
// no object for a type that needs one (every listed type); an object that is neither an id nor an object (an
// array, except for Flag); more than limits::kMaxFlagObjects Flag objects; and every refusal of values.hpp
// (wrong JSON types, text and lists over limits::, non-http(s) URLs in ids). An unknown type is not refused.
// The embedded object is not validated here beyond its id and type: parse it when it is used.
ParsedActivity parse_activity(const rapidjson::Value& activity, IdRule id_rule = IdRule::required);

// Parses an embedded object's JSON back into a document (with core::parse_json's limits).
rapidjson::Document embedded_document(const EmbeddedObject& object);

}  // namespace gesso::activitypub::as2
