#include "activitypub/note_document.hpp"

#include <string>
#include <vector>

#include "activitypub/vocabulary.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "storage/account_settings.hpp"
#include "storage/post_details.hpp"
#include "storage/post_rights.hpp"

namespace gesso::activitypub {

namespace {

struct Addressing {
    std::vector<std::string> to, cc;
};

Addressing address(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                   const NoteDetails& details) {
    std::string followers = author.is_local() ? urls.followers(author.username) : author.followers_url;
    Addressing addr;
    switch (status.visibility) {
        case core::Visibility::public_: addr = {{std::string(kPublic)}, {followers}}; break;
        case core::Visibility::unlisted: addr = {{followers}, {std::string(kPublic)}}; break;
        case core::Visibility::followers: addr = {{followers}, {}}; break;
        case core::Visibility::direct: break;
    }
    auto& mentioned = status.visibility == core::Visibility::direct ? addr.to : addr.cc;
    for (const auto& m : details.mentions) mentioned.push_back(m.account_uri);
    return addr;
}

void write_list(core::JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
    w.key(key).begin_array();
    for (const auto& v : values) w.value(v);
    w.end_array();
}

void write_tags(core::JsonWriter& w, const NodeUrls& urls, const NoteDetails& d) {
    w.key("tag").begin_array();
    for (const auto& m : d.mentions) {
        w.begin_object().field("type", "Mention").field("href", m.account_uri).field("name", m.name).end_object();
    }
    for (const auto& t : d.tags) {
        w.begin_object().field("type", "Hashtag").field("href", urls.base() + "/tags/" + core::to_lower_ascii(t));
        w.field("name", "#" + t);
        w.end_object();
    }
    w.end_array();
}

// What the note says about rights: the status's own values (remote posts, per-post choices), else its local
// author's settings.
struct NoteRights {
    std::string x_robots_tag;
    std::string license;
};
NoteRights rights_of(const core::Status& s, const NoteDetails& d) {
    NoteRights r{s.x_robots_tag, s.license};
    if (d.author_protection) {
        if (r.x_robots_tag.empty()) r.x_robots_tag = core::robots_tag_for(d.author_protection->data_mining);
        if (r.license.empty()) r.license = d.author_protection->license;
    }
    return r;
}

void write_attachments(core::JsonWriter& w, const NodeUrls& urls, const NoteDetails& d, const NoteRights& rights) {
    w.key("attachment").begin_array();
    for (const auto& m : d.media) {
        w.begin_object().field("type", "Document");
        if (!m.mime_type.empty()) w.field("mediaType", m.mime_type);
        w.field("url", media_url(urls, m));
        if (!m.description.empty()) w.field("name", m.description);
        else w.key("name").null();
        if (!m.blurhash.empty()) w.field("blurhash", m.blurhash);
        w.key("focalPoint").begin_array().value(m.focus_x).value(m.focus_y).end_array();
        if (m.width > 0 && m.height > 0) w.field("width", m.width).field("height", m.height);
        if (!m.license.empty()) w.field("license", m.license);
        else if (!rights.license.empty()) w.field("license", rights.license);
        w.end_object();
    }
    w.end_array();
}

void write_poll(core::JsonWriter& w, const core::Poll& poll) {
    w.key(poll.multiple ? "anyOf" : "oneOf").begin_array();
    for (const auto& o : poll.options) {
        w.begin_object().field("type", "Note").field("name", o.title);
        w.key("replies").begin_object().field("type", "Collection").field("totalItems", o.votes).end_object();
        w.end_object();
    }
    w.end_array();
    if (poll.expires_at) w.field("endTime", core::format_iso8601_seconds(*poll.expires_at));
    if (poll.closed_at) w.field("closed", core::format_iso8601_seconds(*poll.closed_at));
    if (poll.voters_count) w.field("votersCount", *poll.voters_count);
}

void write_note(core::JsonWriter& w, const core::Status& s, const core::Account& author, const NodeUrls& urls,
                const NoteDetails& d, bool with_context = false) {
    Addressing addr = address(s, author, urls, d);
    w.begin_object();
    if (with_context) write_context(w);
    w.field("id", s.uri).field("type", d.poll ? "Question" : "Note");
    w.field("attributedTo", author.uri);
    w.field("content", s.content);
    if (!s.language.empty()) {
        w.key("contentMap").begin_object().field(s.language, s.content).end_object();
    }
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
    write_tags(w, urls, d);
    NoteRights rights = rights_of(s, d);
    write_attachments(w, urls, d, rights);
    if (d.poll) write_poll(w, *d.poll);
    // FEP-5feb flags of the author (indexable: the post's own choice first), repeated on the object so they
    // travel with it when it is relayed.
    w.field("indexable", d.indexable.value_or(author.indexable));
    w.field("discoverable", author.discoverable);
    if (!rights.x_robots_tag.empty()) w.field("xRobotsTag", rights.x_robots_tag);
    if (!rights.license.empty()) w.field("license", rights.license);
    w.end_object();
}

std::string render_wrapped(const std::string& id, const char* type, const core::Status& status,
                           const core::Account& author, const NodeUrls& urls, const NoteDetails& details,
                           bool with_context, core::TimePoint published) {
    Addressing addr = address(status, author, urls, details);
    core::JsonWriter w;
    w.begin_object();
    if (with_context) write_context(w);
    w.field("id", id).field("type", type).field("actor", author.uri);
    w.field("published", core::format_iso8601_seconds(published));
    write_list(w, "to", addr.to);
    write_list(w, "cc", addr.cc);
    w.key("object");
    write_note(w, status, author, urls, details);
    w.end_object();
    return w.str();
}

}  // namespace

NoteDetails load_note_details(storage::Connection& conn, core::Id status_id) {
    NoteDetails d;
    d.mentions = storage::find_mentions(conn, status_id);
    d.tags = storage::find_tags(conn, status_id);
    d.media = storage::find_status_media(conn, status_id);
    d.poll = storage::find_poll(conn, status_id);
    d.author_protection = storage::find_local_author_protection(conn, status_id);
    d.indexable = storage::find_post_rights(conn, status_id).indexable;
    return d;
}

std::string media_url(const NodeUrls& urls, const core::MediaAttachment& media) {
    if (!media.remote_url.empty() && media.file_path.empty()) return media.remote_url;
    return urls.base() + "/media/" + media.file_path;
}

std::string render_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                        const NoteDetails& details, bool with_context) {
    core::JsonWriter w;
    write_note(w, status, author, urls, details, with_context);
    return w.str();
}

std::string render_create_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                               const NoteDetails& details, bool with_context) {
    return render_wrapped(status.uri + "/activity", "Create", status, author, urls, details, with_context,
                          status.created_at);
}

std::string render_update_note(const core::Status& status, const core::Account& author, const NodeUrls& urls,
                               const NoteDetails& details) {
    core::TimePoint at = status.edited_at.value_or(status.created_at);
    std::string id = status.uri + "#updates/" + std::to_string(core::to_unix_ms(at));
    return render_wrapped(id, "Update", status, author, urls, details, true, at);
}

std::string render_stored_note(storage::Connection& conn, const core::Status& status, const core::Account& author,
                               const NodeUrls& urls, bool with_context) {
    return render_note(status, author, urls, load_note_details(conn, status.id), with_context);
}

std::string render_stored_create_note(storage::Connection& conn, const core::Status& status,
                                      const core::Account& author, const NodeUrls& urls) {
    return render_create_note(status, author, urls, load_note_details(conn, status.id), false);
}

}  // namespace gesso::activitypub
