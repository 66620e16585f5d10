#include "activitypub/note_document.hpp"

#include <string>
#include <vector>

#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"

namespace gesso::activitypub {

namespace {

struct Addressing {
    std::vector<std::string> to, cc;
};

Addressing address(const core::Status& status, const core::Account& author, const NodeUrls& urls) {
    std::string followers = author.is_local() ? urls.followers(author.username) : author.followers_url;
    switch (status.visibility) {
        case core::Visibility::public_: return {{std::string(kPublic)}, {followers}};
        case core::Visibility::unlisted: return {{followers}, {std::string(kPublic)}};
        case core::Visibility::followers: return {{followers}, {}};
        case core::Visibility::direct: return {{}, {}};
    }
    return {};
}

void write_list(core::JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
    w.key(key).begin_array();
    for (const auto& v : values) w.value(v);
    w.end_array();
}

void write_note(core::JsonWriter& w, const core::Status& s, const core::Account& author, const NodeUrls& urls,
                bool with_context = false) {
    Addressing addr = address(s, author, urls);
    w.begin_object();
    if (with_context) write_context(w);
    w.field("id", s.uri).field("type", "Note");
    w.field("attributedTo", author.uri);
    w.field("content", s.content);
    if (!s.spoiler_text.empty()) w.field("summary", s.spoiler_text);
    else w.key("summary").null();
    w.field("sensitive", s.sensitive);
    w.field("published", core::format_iso8601_seconds(s.created_at));
    if (s.edited_at) w.field("updated", core::format_iso8601_seconds(*s.edited_at));
    if (!s.url.empty()) w.field("url", s.url);
    if (!s.in_reply_to_uri.empty()) w.field("inReplyTo", s.in_reply_to_uri);
    else w.key("inReplyTo").null();
    write_list(w, "to", addr.to);
    write_list(w, "cc", addr.cc);
    w.end_object();
}

}  // namespace

std::string render_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                        bool with_context) {
    core::JsonWriter w;
    write_note(w, status, author, urls, with_context);
    return w.str();
}

std::string render_create_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                               bool with_context) {
    Addressing addr = address(status, author, urls);
    core::JsonWriter w;
    w.begin_object();
    if (with_context) write_context(w);
    w.field("id", status.uri + "/activity").field("type", "Create").field("actor", author.uri);
    w.field("published", core::format_iso8601_seconds(status.created_at));
    write_list(w, "to", addr.to);
    write_list(w, "cc", addr.cc);
    w.key("object");
    write_note(w, status, author, urls);
    w.end_object();
    return w.str();
}

}  // namespace gesso::activitypub
