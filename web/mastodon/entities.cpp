#include "web/mastodon/entities.hpp"

#include "activitypub/actor_document.hpp"
#include "core/text.hpp"
#include "storage/follows.hpp"
#include "storage/profiles.hpp"
#include "storage/statuses.hpp"

namespace gesso::web::mastodon {

namespace {

std::string date_only(core::TimePoint t) {
    std::string iso = core::format_iso8601(t);
    return iso.substr(0, 10) + "T00:00:00.000Z";
}

std::string or_default(const std::string& url, activitypub::Context& ctx, const char* kind) {
    return url.empty() ? ctx.urls.base() + "/" + kind + "/original/missing.png" : url;
}

}  // namespace

std::string acct(const core::Account& account) {
    return account.is_local() ? account.username : account.username + "@" + account.domain;
}

void write_account(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Account& a,
                   bool with_source) {
    core::AccountProfile profile = storage::find_profile(conn, a.id);
    std::string note_html = a.is_local() ? activitypub::text_to_html(a.note) : a.note;
    w.begin_object();
    w.field("id", std::to_string(a.id)).field("username", a.username).field("acct", acct(a));
    w.field("display_name", a.display_name).field("locked", a.locked).field("bot", a.bot);
    w.field("discoverable", a.discoverable).field("indexable", a.indexable).field("group", a.actor_type == "Group");
    w.field("created_at", date_only(a.created_at)).field("note", note_html);
    w.field("url", a.is_local() ? ctx.urls.profile(a.username) : (a.url.empty() ? a.uri : a.url));
    w.field("uri", a.is_local() ? ctx.urls.actor(a.username) : a.uri);
    std::string avatar = or_default(a.avatar_url, ctx, "avatars"), header = or_default(a.header_url, ctx, "headers");
    w.field("avatar", avatar).field("avatar_static", avatar).field("header", header).field("header_static", header);
    w.field("followers_count", storage::count_follows(conn, a.id, storage::FollowSide::followers));
    w.field("following_count", storage::count_follows(conn, a.id, storage::FollowSide::following));
    w.field("statuses_count", storage::count_public_statuses(conn, a.id));
    w.key("last_status_at").null();
    w.key("emojis").begin_array().end_array();
    w.key("fields").begin_array();
    for (const auto& f : profile.fields) {
        std::string value = a.is_local() ? core::html_escape(f.value) : f.value;
        w.begin_object().field("name", f.name).field("value", value).key("verified_at").null().end_object();
    }
    w.end_array();
    if (with_source) {
        w.key("source").begin_object();
        w.field("privacy", "public").field("sensitive", false).field("language", "");
        w.field("note", a.note);
        w.key("fields").begin_array();
        for (const auto& f : profile.fields) {
            w.begin_object().field("name", f.name).field("value", f.value).key("verified_at").null().end_object();
        }
        w.end_array();
        w.field("follow_requests_count", storage::count_pending_follow_requests(conn, a.id));
        w.end_object();
    }
    w.end_object();
}

}  // namespace gesso::web::mastodon
