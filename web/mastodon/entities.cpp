#include "web/mastodon/entities.hpp"

#include <algorithm>

#include "activitypub/actor_document.hpp"
#include "activitypub/media_intake.hpp"
#include "activitypub/status_filters.hpp"
#include "activitypub/note_document.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"
#include "core/protection.hpp"
#include "core/text.hpp"
#include "media/store.hpp"
#include "storage/accounts.hpp"
#include "storage/bookmarks.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "storage/post_details.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/status_history.hpp"
#include "storage/status_page.hpp"
#include "storage/statuses.hpp"
#include "web/mastodon/account_cache.hpp"
#include "web/mastodon/filter_entity.hpp"
#include "web/noai/entity_rights.hpp"
#include "web/noai/protection_params.hpp"
#include "storage/account_settings.hpp"

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

namespace {

void write_account_with(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Account& a,
                        const storage::AccountExtras& extras, bool with_source) {
    const core::AccountProfile& profile = extras.profile;
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
    w.field("followers_count", extras.followers);
    w.field("following_count", extras.following);
    w.field("statuses_count", extras.statuses);
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
        storage::PostingDefaults defaults = storage::find_posting_defaults(conn, a.id);
        w.field("privacy", defaults.privacy).field("sensitive", defaults.sensitive);
        w.field("language", defaults.language);  // "" when unset (entities/Account#source-language)
        w.field("note", a.note);
        w.key("fields").begin_array();
        for (const auto& f : profile.fields) {
            w.begin_object().field("name", f.name).field("value", f.value).key("verified_at").null().end_object();
        }
        w.end_array();
        w.field("follow_requests_count", storage::count_pending_follow_requests(conn, a.id));
        noai::write_protection_source(w, storage::find_protection_settings(conn, a.id));
        w.end_object();
    }
    w.end_object();
}

}  // namespace

void write_account(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Account& a,
                   bool with_source) {
    auto extras = storage::load_account_extras(conn, {a.id});
    write_account_with(w, ctx, conn, a, extras[a.id], with_source);
}

namespace {

const char* visibility_name(core::Visibility v) {
    switch (v) {
        case core::Visibility::public_: return "public";
        case core::Visibility::unlisted: return "unlisted";
        case core::Visibility::followers: return "private";
        case core::Visibility::direct: return "direct";
    }
    return "public";
}

void optional_id(core::JsonWriter& w, const char* key, std::optional<core::Id> id) {
    if (id) w.field(key, std::to_string(*id));
    else w.key(key).null();
}

// `own`: the viewer's choices (empty when anonymous).
void write_poll(core::JsonWriter& w, activitypub::Context& ctx, const core::Poll& poll, std::optional<core::Id> viewer,
                const std::vector<int>& own) {
    auto now = ctx.clock.now();
    bool expired = poll.closed_at || (poll.expires_at && *poll.expires_at <= now);
    std::int64_t votes = 0;
    for (const auto& o : poll.options) votes += o.votes;
    w.begin_object().field("id", std::to_string(poll.status_id));
    if (poll.expires_at) w.field("expires_at", core::format_iso8601(*poll.expires_at));
    else w.key("expires_at").null();
    w.field("expired", expired).field("multiple", poll.multiple).field("votes_count", votes);
    if (poll.voters_count) w.field("voters_count", *poll.voters_count);
    else w.key("voters_count").null();
    if (viewer) {
        w.field("voted", !own.empty());
        w.key("own_votes").begin_array();
        for (int c : own) w.value(c);
        w.end_array();
    }
    w.key("options").begin_array();
    for (const auto& o : poll.options) w.begin_object().field("title", o.title).field("votes_count", o.votes).end_object();
    w.end_array();
    w.key("emojis").begin_array().end_array();
    w.end_object();
}

}  // namespace

void write_poll_entity(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Poll& poll,
                       std::optional<core::Id> viewer) {
    write_poll(w, ctx, poll, viewer, viewer ? storage::find_poll_votes(conn, poll.status_id, *viewer) : std::vector<int>{});
}

void write_media(core::JsonWriter& w, activitypub::Context& ctx, const core::MediaAttachment& m,
                 const MediaRightsContext& rights) {
    // Served by this node once processed (local uploads, cached remote images); otherwise the origin's URL.
    const bool ours = !m.file_path.empty();
    std::string url = activitypub::media_url(ctx.urls, m);
    std::string preview = ours ? ctx.urls.base() + "/media/" + media::MediaStore::preview_name(m.file_path) : url;
    w.begin_object().field("id", std::to_string(m.id)).field("type", m.type);
    if (url.empty()) w.key("url").null();
    else w.field("url", url);
    if (preview.empty()) w.key("preview_url").null();
    else w.field("preview_url", preview);
    if (m.remote_url.empty()) w.key("remote_url").null();
    else w.field("remote_url", m.remote_url);
    w.key("preview_remote_url").null().key("text_url").null();
    auto dimensions = [&w](const char* key, int width, int height) {
        if (width <= 0 || height <= 0) return;
        std::string size = std::to_string(width);
        size += 'x';
        size += std::to_string(height);
        w.key(key).begin_object().field("width", width).field("height", height).field("size", size);
        w.field("aspect", static_cast<double>(width) / height).end_object();
    };
    w.key("meta").begin_object();
    dimensions("original", m.width, m.height);
    dimensions("small", m.preview_width, m.preview_height);
    w.key("focus").begin_object().field("x", m.focus_x).field("y", m.focus_y).end_object();
    w.end_object();
    if (m.description.empty()) w.key("description").null();
    else w.field("description", m.description);
    if (m.blurhash.empty()) w.key("blurhash").null();
    else w.field("blurhash", m.blurhash);
    write_media_protection(w, ctx, m, rights);
    w.end_object();
}

void write_media_protection(core::JsonWriter& w, activitypub::Context& ctx, const core::MediaAttachment& m,
                            const MediaRightsContext& rights) {
    w.key("gesso").begin_object();
    w.key("ai").begin_object().field("verdict", m.ai_verdict.empty() ? std::string("unknown") : m.ai_verdict);
    w.key("evidence").begin_array();
    try {
        rapidjson::Document evidence = core::parse_json(m.ai_evidence);
        if (evidence.IsArray()) {
            for (const auto& e : evidence.GetArray()) {
                if (!e.IsObject() || !e.HasMember("marker") || !e["marker"].IsString() || !e.HasMember("where") ||
                    !e["where"].IsString()) {
                    continue;
                }
                w.begin_object().field("marker", std::string_view(e["marker"].GetString(), e["marker"].GetStringLength()));
                w.field("where", std::string_view(e["where"].GetString(), e["where"].GetStringLength())).end_object();
            }
        }
    } catch (const core::Error&) {
        // stored by us; an unreadable value shows as no evidence
    }
    w.end_array().end_object();
    w.field("cloaked", m.cloak != "off" && !m.cloak.empty());
    if (m.data_mining.empty()) w.key("data_mining").null();
    else w.field("data_mining", m.data_mining);
    if (m.license.empty()) w.key("licence").null();
    else w.field("licence", m.license);
    if (m.pdq.empty()) w.key("pdq").null();
    else w.field("pdq", m.pdq);
    const bool local = !m.original_path.empty();
    std::string tag = rights.x_robots_tag;
    if (local && !m.data_mining.empty()) {
        std::string_view mark = m.data_mining;
        if (mark.starts_with(core::kPlusVocabulary)) mark.remove_prefix(core::kPlusVocabulary.size());
        tag = core::robots_tag_for(mark);
    }
    if (tag.empty()) w.key("x_robots_tag").null();
    else w.field("x_robots_tag", tag);
    if (local && rights.originals_offered) w.field("original_url", activitypub::original_copy_url(ctx, m));
    else w.key("original_url").null();
    w.end_object();
}

namespace {

// The author's Account entity: from the cache when `accounts` had it, else rendered from `page` and cached.
void write_author(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const storage::StatusPage& page,
                  AccountCacheView& accounts, const core::Account& author) {
    if (const std::string* json = accounts.json_of(author.id)) {
        w.raw().RawValue(json->data(), json->size(), rapidjson::kObjectType);
        return;
    }
    core::JsonWriter one;
    write_account_with(one, ctx, conn, author, page.extras_of(author.id), false);
    std::string json = one.str();
    w.raw().RawValue(json.data(), json.size(), rapidjson::kObjectType);
    accounts.store(author, json);
}

// The Status entity from what `page` has read (storage/status_page.hpp).
void write_status_in(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const storage::StatusPage& page,
                     AccountCacheView& accounts, const core::Status& s, std::optional<core::Id> viewer,
                     const activitypub::ActiveFilters* filters) {
    const core::Account* author = page.find_account(s.account_id);
    const core::Status* reblog = s.reblog_of_id ? page.find_boosted(*s.reblog_of_id) : nullptr;
    const core::Status& shown = reblog ? *reblog : s;
    w.begin_object();
    w.field("id", std::to_string(s.id)).field("created_at", core::format_iso8601(s.created_at));
    optional_id(w, "in_reply_to_id", s.in_reply_to_id);
    std::optional<core::Id> reply_account;
    if (s.in_reply_to_id) {
        if (auto it = page.parent_authors.find(*s.in_reply_to_id); it != page.parent_authors.end()) reply_account = it->second;
    }
    optional_id(w, "in_reply_to_account_id", reply_account);
    w.field("sensitive", s.sensitive).field("spoiler_text", s.spoiler_text).field("visibility", visibility_name(s.visibility));
    if (s.language.empty()) w.key("language").null();
    else w.field("language", s.language);
    w.field("uri", s.uri);
    if (s.url.empty()) w.key("url").null();
    else w.field("url", s.url);
    storage::StatusCounts counts = page.counts_of(s.id);
    w.field("replies_count", counts.replies);
    w.field("reblogs_count", counts.reblogs).field("favourites_count", counts.favourites);
    if (s.edited_at) w.field("edited_at", core::format_iso8601(*s.edited_at));
    else w.key("edited_at").null();
    if (viewer) {
        w.field("favourited", page.favourited.count(s.id) > 0);
        w.field("reblogged", page.reblogged.count(s.id) > 0);
        w.field("muted", page.muted.count(s.id) > 0).field("bookmarked", page.bookmarked.count(s.id) > 0);
        if (s.account_id == *viewer) w.field("pinned", page.pinned.count(s.id) > 0);
    }
    w.field("content", reblog ? std::string() : s.content);
    w.key("filtered").begin_array();
    if (filters) {
        for (const auto& r : filters->match(shown)) write_filter_result(w, r);
    }
    w.end_array();
    w.key("reblog");
    if (reblog) write_status_in(w, ctx, conn, page, accounts, *reblog, viewer, filters);
    else w.null();
    // `application` is optional and never null (entities/Status); which app posted is not kept, so it is left out.
    w.key("account");
    if (author) write_author(w, ctx, conn, page, accounts, *author);
    else w.null();
    w.key("media_attachments").begin_array();
    if (!reblog) {
        MediaRightsContext media_rights;
        media_rights.x_robots_tag = shown.x_robots_tag;
        if (shown.local) media_rights.originals_offered = page.author_settings_of(shown.account_id).allow_original_download;
        for (const auto& m : page.media_of(shown.id)) write_media(w, ctx, m, media_rights);
    }
    w.end_array();
    w.key("mentions").begin_array();
    if (!reblog) {
        for (const auto& m : page.mentions_of(s.id)) {
            const core::Account* account = m.account_id ? page.find_account(*m.account_id) : nullptr;
            if (!account) continue;
            w.begin_object().field("id", std::to_string(account->id)).field("username", account->username);
            w.field("url", account->is_local() ? ctx.urls.profile(account->username)
                                               : (account->url.empty() ? account->uri : account->url));
            w.field("acct", acct(*account)).end_object();
        }
    }
    w.end_array();
    w.key("tags").begin_array();
    if (!reblog) {
        for (const auto& t : page.tags_of(s.id)) {
            std::string name = core::to_lower_ascii(t);
            w.begin_object().field("name", name).field("url", ctx.urls.base() + "/tags/" + name);
            w.end_object();
        }
    }
    w.end_array();
    w.key("emojis").begin_array().end_array();
    w.key("card").null();
    w.key("poll");
    auto poll = reblog ? page.polls.end() : page.polls.find(s.id);
    if (poll != page.polls.end()) write_poll(w, ctx, poll->second, viewer, page.own_votes_of(s.id));
    else w.null();
    std::optional<core::ProtectionSettings> settings;
    if (s.local) settings = page.author_settings_of(s.account_id);
    noai::write_status_rights(w, noai::status_rights(s, author && author->indexable, settings, page.post_rights_of(s.id)));
    w.end_object();
}

}  // namespace

void write_status(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Status& s,
                  std::optional<core::Id> viewer, const activitypub::ActiveFilters* filters) {
    AccountCacheView accounts(conn);
    storage::StatusPage page = storage::load_status_page(conn, {s}, viewer, accounts.known());
    write_status_in(w, ctx, conn, page, accounts, s, viewer, filters);
}

void write_statuses(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                    const std::vector<core::Status>& statuses, std::optional<core::Id> viewer,
                    const activitypub::ActiveFilters* filters) {
    AccountCacheView accounts(conn);
    storage::StatusPage page = storage::load_status_page(conn, statuses, viewer, accounts.known());
    w.begin_array();
    for (const auto& s : statuses) write_status_in(w, ctx, conn, page, accounts, s, viewer, filters);
    w.end_array();
}

void write_report(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Report& r,
                  const std::vector<std::string>& rule_ids) {
    w.begin_object().field("id", std::to_string(r.id)).field("action_taken", r.action_taken_at.has_value());
    if (r.action_taken_at) w.field("action_taken_at", core::format_iso8601(*r.action_taken_at));
    else w.key("action_taken_at").null();
    w.field("category", r.category).field("comment", r.comment).field("forwarded", r.forwarded);
    w.field("created_at", core::format_iso8601(r.created_at));
    w.key("status_ids").begin_array();
    for (core::Id id : r.status_ids) w.value(std::to_string(id));
    w.end_array().key("rule_ids").begin_array();
    for (const auto& rule : rule_ids) w.value(rule);
    w.end_array().key("target_account");
    auto account = storage::find_account(conn, r.target_account_id);
    if (account) write_account(w, ctx, conn, *account);
    else w.null();
    w.end_object();
}

namespace {

// What a page of notifications (one recipient's) shows, read with one query per kind.
struct NotificationPage {
    std::unordered_map<core::Id, core::Account> senders;
    std::unordered_map<core::Id, storage::AccountExtras> sender_extras;
    std::unordered_map<core::Id, core::Status> statuses;
    storage::StatusPage status_page;
    mutable AccountCacheView accounts;  // the statuses' authors (the senders are rendered from `senders`)

    NotificationPage(storage::Connection& conn, const std::vector<core::Notification>& ns) : accounts(conn) {
        if (ns.empty()) return;
        std::vector<core::Id> sender_ids, status_ids;
        for (const auto& n : ns) {
            sender_ids.push_back(n.from_account_id);
            if (n.status_id) status_ids.push_back(*n.status_id);
        }
        for (auto& a : storage::find_accounts(conn, sender_ids)) {
            core::Id id = a.id;
            senders.emplace(id, std::move(a));
        }
        sender_extras = storage::load_account_extras(conn, sender_ids);
        std::vector<core::Status> found = storage::find_statuses(conn, status_ids);
        status_page = storage::load_status_page(conn, found, ns.front().account_id, accounts.known());
        for (auto& st : found) {
            core::Id id = st.id;
            statuses.emplace(id, std::move(st));
        }
    }
};

bool write_notification_in(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                           const NotificationPage& page, const core::Notification& n,
                           const activitypub::ActiveFilters* filters) {
    auto from = page.senders.find(n.from_account_id);
    if (from == page.senders.end()) return false;
    const core::Status* status = nullptr;
    if (n.status_id) {
        auto it = page.statuses.find(*n.status_id);
        if (it == page.statuses.end()) return false;
        status = &it->second;
        if (filters && !filters->empty() && status->account_id != n.account_id && filters->hides(*status)) return false;
    }
    std::string id = std::to_string(n.id);
    w.begin_object().field("id", id).field("type", n.type);
    // Mastodon 4.3's group key; an ungrouped notification's is "ungrouped-<id>" (entities/Notification).
    std::string group_key = "ungrouped-";
    group_key += id;
    w.field("group_key", group_key).field("created_at", core::format_iso8601(n.created_at));
    w.key("account");
    auto extras = page.sender_extras.find(n.from_account_id);
    write_account_with(w, ctx, conn, from->second,
                       extras == page.sender_extras.end() ? storage::AccountExtras{} : extras->second, false);
    if (status) {
        w.key("status");
        write_status_in(w, ctx, conn, page.status_page, page.accounts, *status, n.account_id, filters);
    }
    if (n.report_id) {
        // The Report entity (entities/Notification#report); a report gone since shows its id only.
        auto report = storage::find_report(conn, *n.report_id);
        w.key("report");
        if (report) write_report(w, ctx, conn, *report);
        else w.begin_object().field("id", std::to_string(*n.report_id)).end_object();
    }
    w.end_object();
    return true;
}

}  // namespace

bool write_notification(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                        const core::Notification& n, const activitypub::ActiveFilters* filters) {
    NotificationPage page(conn, {n});
    return write_notification_in(w, ctx, conn, page, n, filters);
}

std::vector<core::Id> write_notifications(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                                          const std::vector<core::Notification>& ns,
                                          const activitypub::ActiveFilters* filters) {
    NotificationPage page(conn, ns);
    std::vector<core::Id> written;
    w.begin_array();
    for (const auto& n : ns) {
        if (write_notification_in(w, ctx, conn, page, n, filters)) written.push_back(n.id);
    }
    w.end_array();
    return written;
}

}  // namespace gesso::web::mastodon
