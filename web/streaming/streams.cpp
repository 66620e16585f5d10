#include "web/streaming/streams.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "storage/post_details.hpp"

namespace gesso::web::streaming {

using core::Errc;
using core::Error;

namespace {

constexpr std::array<std::string_view, 12> kStreams = {"user",
                                                       "user:notification",
                                                       "public",
                                                       "public:local",
                                                       "public:remote",
                                                       "public:media",
                                                       "public:local:media",
                                                       "public:remote:media",
                                                       "hashtag",
                                                       "hashtag:local",
                                                       "list",
                                                       "direct"};

// Hashtag names as Mastodon accepts them: letters, digits, underscores (Unicode letters too), no '#'.
std::string normalise_tag(std::string_view tag) {
    if (!tag.empty() && tag.front() == '#') tag.remove_prefix(1);
    if (tag.empty() || tag.size() > 100) return {};
    for (unsigned char c : tag) {
        if (c < 0x80 && !std::isalnum(c) && c != '_') return {};
    }
    return storage::normalize_tag(tag);
}

}  // namespace

StreamSpec parse_stream(std::string_view name, std::string_view tag, std::string_view list) {
    if (std::find(kStreams.begin(), kStreams.end(), name) == kStreams.end()) {
        throw Error(Errc::bad_request, "Unknown stream type");
    }
    StreamSpec spec{std::string(name), {}};
    if (name == "hashtag" || name == "hashtag:local") {
        spec.param = normalise_tag(tag);
        if (spec.param.empty()) throw Error(Errc::bad_request, "Missing or invalid tag parameter");
    } else if (name == "list") {
        if (list.empty() || list.size() > 20 ||
            !std::all_of(list.begin(), list.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            throw Error(Errc::bad_request, "Missing or invalid list parameter");
        }
        spec.param = std::string(list);
    }
    return spec;
}

std::string_view required_scope(const StreamSpec& spec) {
    return spec.name == "user:notification" ? "read:notifications" : "read:statuses";
}

bool is_public_stream(const StreamSpec& spec) {
    return spec.name.starts_with("public") || spec.name.starts_with("hashtag");
}

bool public_stream_matches(const StreamSpec& spec, const PublicStatusFacts& facts) {
    const std::string& n = spec.name;
    if (!n.starts_with("public")) return false;
    if (n.find(":local") != std::string::npos && !facts.local) return false;
    if (n.find(":remote") != std::string::npos && facts.local) return false;
    if (n.ends_with(":media") && !facts.has_media) return false;
    return true;
}

std::string frame(const StreamSpec& spec, std::string_view event, std::string_view payload) {
    core::JsonWriter w;
    w.begin_object().key("stream").begin_array().value(spec.name);
    if (!spec.param.empty()) w.value(spec.param);
    w.end_array().field("event", event).field("payload", payload).end_object();
    return w.str();
}

Message message(const StreamSpec& spec, std::string_view event, std::string_view payload) {
    return Message{std::string(event), std::string(payload), frame(spec, event, payload)};
}

std::string sse_event(const Message& m) {
    std::string out;
    out.reserve(m.event.size() + m.payload.size() + 16);
    out.append("event: ").append(m.event).append("\ndata: ").append(m.payload).append("\n\n");
    return out;
}

std::optional<std::string> sse_stream_name(std::string_view path, bool only_media) {
    constexpr std::string_view prefix = "/api/v1/streaming/";
    if (!path.starts_with(prefix)) return std::nullopt;
    path.remove_prefix(prefix.size());
    if (path.ends_with('/')) path.remove_suffix(1);
    if (path.empty() || path.size() > 32) return std::nullopt;
    std::string name(path);
    for (char& c : name) {
        if (c == '/') c = ':';
        else if (c == ':') return std::nullopt;  // only slashes separate the parts in a path
    }
    if (only_media && name.starts_with("public") && !name.ends_with(":media")) name.append(":media");
    if (std::find(kStreams.begin(), kStreams.end(), name) == kStreams.end()) return std::nullopt;
    return name;
}

std::string error_frame(std::string_view message, int status) {
    core::JsonWriter w;
    w.begin_object().field("error", message).field("status", status).end_object();
    return w.str();
}

ClientMessage parse_client_message(std::string_view text) {
    rapidjson::Document doc;
    try {
        doc = core::parse_json(text);
    } catch (const Error&) {
        throw Error(Errc::bad_request, "Could not parse message");
    }
    if (!doc.IsObject()) throw Error(Errc::bad_request, "Could not parse message");
    auto str = [&](const char* key) -> std::string_view {
        auto it = doc.FindMember(key);
        if (it == doc.MemberEnd() || !it->value.IsString()) return {};
        return {it->value.GetString(), it->value.GetStringLength()};
    };
    ClientMessage msg;
    std::string_view type = str("type");
    if (type == "subscribe")
        msg.subscribe = true;
    else if (type == "unsubscribe")
        msg.subscribe = false;
    else
        throw Error(Errc::bad_request, "Unknown message type");
    msg.stream = parse_stream(str("stream"), str("tag"), str("list"));
    return msg;
}

}  // namespace gesso::web::streaming
