#pragma once
// Readers for the shapes real servers give one ActivityStreams property: a string or an object with an id, one
// value or an array of them, a Link or a bare URL, `content` or `contentMap`, null for "not set".
//
// Shared contract of every reader here:
//   - A member that is absent or JSON null reads as "not set" (Misskey and Pixelfed send null for unset fields).
//   - A member of the wrong JSON type (a number where a string belongs), text over its limit or not valid UTF-8,
//     a list over its limit, or a URL that is not an absolute http(s) URL refuses the whole document: they throw
//     core::Error(Errc::unprocessable, message), and the message names the property (`what`, e.g.
//     "Note.attachment[1].url") and what was wrong with it.
//   - Nothing is sanitised: HTML is returned as sent; rendering code sanitises.
// Callers pass `what` as the dotted path used in messages.
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace gesso::activitypub::as2 {

// Throws core::Error(Errc::unprocessable, message).
[[noreturn]] void refuse(std::string message);

// `text` shortened to 100 bytes and with control characters replaced by '?', in double quotes: safe to put
// attacker-supplied values into error messages and logs.
std::string excerpt(std::string_view text);

// The member `key` of `object`; nullptr when `object` is not an object, lacks the member, or it is null.
const rapidjson::Value* find(const rapidjson::Value& object, std::string_view key);

// The text of a string value (which must be a string).
std::string_view view(const rapidjson::Value& string_value);

// A text member: empty when not set; refused when not a string or longer than `max_bytes`.
std::string read_text(const rapidjson::Value& object, std::string_view key, std::size_t max_bytes,
                      std::string_view what);

// A boolean member: `fallback` when not set; refused when not true or false.
bool read_bool(const rapidjson::Value& object, std::string_view key, bool fallback, std::string_view what);

// A non-negative whole number: a JSON integer, or a string of digits (PHP servers send those). nullopt when not
// set, negative, fractional, not a number, or above `max`: counts and sizes are not worth refusing a post over.
std::optional<std::int64_t> read_count(const rapidjson::Value& object, std::string_view key, std::int64_t max);

// The `type`: a string, or the first string of an array (JSON-LD allows several types). Empty when not set;
// refused when another JSON type or longer than limits::kMaxTypeBytes.
std::string read_type(const rapidjson::Value& object, std::string_view what);

// "Id or object": a string is the id; an object gives its `id` (empty when it has none, as Mastodon's
// `{"type": "Tombstone"}` quote placeholder). Refused for other JSON types. Not URL-checked.
std::string id_of(const rapidjson::Value& value, std::string_view what);

// Refuses unless `url` is empty or an absolute http(s) URL (url_check.hpp).
void check_url(std::string_view url, std::string_view what);

// A reference (string, or object with `id`) that must be an absolute http(s) URL; empty when not set.
// "as:Public" and "Public" are returned as the full public URI.
std::string read_id(const rapidjson::Value& object, std::string_view key, std::string_view what);
// The same, refused when not set or empty.
std::string require_id(const rapidjson::Value& object, std::string_view key, std::string_view what);

// References in one value or an array of values (each a string or an object with `id`), every one an absolute
// http(s) URL; entries without an id are skipped. More than `max` entries refuses.
std::vector<std::string> read_id_list(const rapidjson::Value& object, std::string_view key, std::size_t max,
                                      std::string_view what);

// An addressing list (to, cc, bto, bcc, audience): a string, or an array of strings and objects with `id`.
// The public collection's three spellings become the full URI; other entries that are not http(s) URLs are
// dropped (they are only ever compared, never fetched); duplicates are dropped; order is kept. More than
// limits::kMaxAddressEntries entries refuses.
std::vector<std::string> read_addresses(const rapidjson::Value& object, std::string_view key, std::string_view what);

// `url`-like links: a string, a Link object (`href`, or a nested `url`), or an array of those. An entry whose
// mediaType is text/html wins (PeerTube lists torrents and magnet links beside the page), else the first
// usable one. The chosen URL is an absolute http(s) URL; refused when entries exist but none is. Empty when
// not set.
std::string read_link(const rapidjson::Value& object, std::string_view key, std::string_view what);

// `icon` / `image`: an Image object (its `url` read as by read_link), an array of them (the first with a
// URL), or a bare URL string. Empty when not set.
std::string read_image_url(const rapidjson::Value& object, std::string_view key, std::string_view what);

// Natural-language text: `key` (e.g. "content") when it is a non-empty string, else the first non-empty string
// of `map_key` (e.g. "contentMap"). The language is the map key whose text was chosen or equals `key`'s
// text, else the first map key; keys that are not shaped like BCP 47 tags are ignored. Refused when the
// chosen text is longer than `max_bytes` or `key` is not a string. `what` names the object ("Note"); messages
// name the property ("Note.content", "Note.contentMap").
struct LocalizedText {
    std::string text;
    std::string language;  // e.g. "en"; empty when unknown
};
LocalizedText read_localized(const rapidjson::Value& object, std::string_view key, std::string_view map_key,
                             std::size_t max_bytes, std::string_view what);

// `attributedTo`: a string, an object, or an array of those (PeerTube sends the Person and its channel
// Group). The first Person, Service or Application entry wins, else the first entry. Must be an absolute
// http(s) URL; empty when not set.
std::string read_attributed_to(const rapidjson::Value& object, std::string_view what);

// A timestamp member parsed with parse_iso8601; nullopt when not set or invalid (a bad date is no reason to
// refuse a post). Refused when not a string.
std::optional<core::TimePoint> read_time(const rapidjson::Value& object, std::string_view key, std::string_view what);

// `value` serialised as compact JSON.
std::string to_json(const rapidjson::Value& value);

// "what" + "." + key, for messages about nested properties.
std::string path(std::string_view what, std::string_view key);
// "what" + "[index]".
std::string path(std::string_view what, std::size_t index);

}  // namespace gesso::activitypub::as2
