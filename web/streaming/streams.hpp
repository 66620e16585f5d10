#pragma once
// The streams of Mastodon's streaming API and the frames sent on them
// (https://docs.joinmastodon.org/methods/streaming/). Pure functions, no I/O.
#include <optional>
#include <string>
#include <string_view>

namespace gesso::web::streaming {

struct StreamSpec {
    std::string name;   // "user", "public:local", "hashtag", ...
    std::string param;  // the tag (lower case, without '#') for hashtag streams, the list id for list; else empty
    bool operator==(const StreamSpec&) const = default;
    bool operator<(const StreamSpec& o) const { return name != o.name ? name < o.name : param < o.param; }
};

// Validates a stream name with its `tag` or `list` parameter. Throws core::Error(unprocessable) with
// Mastodon's wording for an unknown stream ("Unknown stream type") or a missing or malformed parameter.
StreamSpec parse_stream(std::string_view name, std::string_view tag, std::string_view list);

// The scope a token needs for `spec`: "read:notifications" for user:notification, "read:statuses" otherwise.
std::string_view required_scope(const StreamSpec& spec);

// Whether `spec` shows public statuses (public*, hashtag*).
bool is_public_stream(const StreamSpec& spec);

// Whether a public status with these properties belongs on public stream `spec` (false for other streams).
// `tags` are the status's hashtags in lower case.
struct PublicStatusFacts {
    bool local = false;
    bool has_media = false;
};
bool public_stream_matches(const StreamSpec& spec, const PublicStatusFacts& facts);

// {"stream":["hashtag","art"],"event":"update","payload":"..."}; `payload` is sent as a JSON string (Mastodon
// encodes entities as JSON inside the string, and a deleted status's id as the bare id).
std::string frame(const StreamSpec& spec, std::string_view event, std::string_view payload);

// One event as the Hub hands it to every carrier: the event name and payload (what server-sent events send as
// `event:` and `data:` lines) and the WebSocket frame built from them (frame() above).
struct Message {
    std::string event;
    std::string payload;
    std::string text;
};
Message message(const StreamSpec& spec, std::string_view event, std::string_view payload);

// The server-sent-events rendering of `m`, as Mastodon's streaming server writes it: "event: <name>\n" then
// "data: <payload>\n\n" (payloads are single-line JSON or a bare id).
std::string sse_event(const Message& m);

// The stream a server-sent-events path names, as Mastodon routes them: /api/v1/streaming/user -> "user",
// /user/notification -> "user:notification", /public/local/media -> "public:local:media", ... (a trailing
// slash is accepted). `only_media` (the ?only_media=true of /public, /public/local, /public/remote) adds
// ":media". Nothing for any other path (the WebSocket endpoint, /health, unknown names).
std::optional<std::string> sse_stream_name(std::string_view path, bool only_media);

// {"error":"...","status":N}, what Mastodon sends on the socket for a bad client message.
std::string error_frame(std::string_view message, int status);

// A client message: {"type":"subscribe"|"unsubscribe","stream":"...","tag":"...","list":"..."}.
struct ClientMessage {
    bool subscribe = true;
    StreamSpec stream;
};
// Throws core::Error(bad_request) for malformed JSON or an unknown type, and as parse_stream for the stream.
ClientMessage parse_client_message(std::string_view text);

}  // namespace gesso::web::streaming
