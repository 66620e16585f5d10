#include "activitypub/remote_posts.hpp"
#include "activitypub/events.hpp"

#include <algorithm>

#include "activitypub/emojis.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/policy.hpp"
#include "activitypub/remote_actors.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "storage/accounts.hpp"
#include "storage/conversations.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

// Mastodon's attachment types from what the sender said.
std::string media_kind(const as2::Attachment& a) {
    std::string_view mime = a.media_type;
    if (mime.starts_with("image/")) return "image";
    if (mime.starts_with("video/")) return "video";
    if (mime.starts_with("audio/")) return "audio";
    if (mime.empty()) {
        if (a.type == "Image") return "image";
        if (a.type == "Video") return "video";
        if (a.type == "Audio") return "audio";
    }
    return "unknown";
}

std::vector<core::MediaAttachment> media_from(Context& ctx, const as2::ParsedObject& object,
                                              const core::Account& author, core::Id status_id) {
    std::vector<core::MediaAttachment> out;
    int position = 0;
    for (const auto& a : object.attachments) {
        core::MediaAttachment m;
        m.id = ctx.ids.next();
        m.account_id = author.id;
        m.status_id = status_id;
        m.type = media_kind(a);
        m.remote_url = a.url;
        m.mime_type = a.media_type;
        m.description = a.name;
        m.blurhash = a.blurhash;
        m.license = a.license;
        m.width = a.width.value_or(0);
        m.height = a.height.value_or(0);
        if (a.focal_point) {
            m.focus_x = a.focal_point->x;
            m.focus_y = a.focal_point->y;
        }
        m.position = position++;
        m.created_at = ctx.clock.now();
        out.push_back(std::move(m));
    }
    return out;
}

core::Poll poll_from(const as2::Poll& p, core::Id status_id) {
    core::Poll poll;
    poll.status_id = status_id;
    poll.multiple = p.multiple;
    for (const auto& o : p.options) poll.options.push_back({o.name, o.votes});
    poll.expires_at = p.end_time;
    if (p.closed) poll.closed_at = p.closed_at ? p.closed_at : p.end_time;
    poll.voters_count = p.voters_count;
    return poll;
}

// Mentions, resolved to accounts we know; the local ones are returned for timelines and notifications.
std::vector<core::Id> store_mentions(storage::Connection& conn, const as2::ParsedObject& object, core::Id status_id) {
    std::vector<core::MentionRef> refs;
    std::vector<core::Id> local;
    for (const auto& mention : object.mentions) {
        auto account = storage::find_account_by_uri(conn, mention.href);
        refs.push_back({mention.href, account ? std::optional<core::Id>(account->id) : std::nullopt, mention.name});
        if (account && account->is_local() && account->actor_type != "Application") local.push_back(account->id);
    }
    storage::replace_mentions(conn, status_id, refs);
    return local;
}

void store_details(Context& ctx, storage::Connection& conn, const as2::ParsedObject& object,
                   const core::Account& author, core::Id status_id) {
    std::vector<std::string> tags;
    for (const auto& tag : object.hashtags) tags.push_back(tag.name);
    storage::replace_tags(conn, status_id, tags);
    store_emojis(conn, object.emojis, author.domain, ctx.clock.now());
    // Attachments already stored (an edit: matched by URL) keep their rows, ids and fetched files with the new
    // alt text and focal point, so the edit history's entry (taken before) and the current version both show
    // them; attachments gone from the post are discarded, new ones added.
    std::vector<core::MediaAttachment> incoming;
    if (!storage::domain_rejects_media(conn, author.domain)) {  // domain policy: reject media
        incoming = media_from(ctx, object, author, status_id);
    }
    std::vector<core::MediaAttachment> stored = storage::find_status_media(conn, status_id);
    std::vector<bool> kept(stored.size(), false);
    for (const auto& m : incoming) {
        std::size_t i = 0;
        while (i < stored.size() && (kept[i] || stored[i].remote_url.empty() || stored[i].remote_url != m.remote_url)) ++i;
        if (i == stored.size()) {
            storage::insert_media(conn, m);
            continue;
        }
        kept[i] = true;
        storage::update_media_description(conn, stored[i].id, stored[i].account_id, m.description, m.focus_x,
                                          m.focus_y);
    }
    for (std::size_t i = 0; i < stored.size(); ++i) {
        if (!kept[i]) storage::discard_media(conn, stored[i].id);  // its files go once this commits
    }
    if (object.poll) storage::upsert_poll(conn, poll_from(*object.poll, status_id));
}

}  // namespace

std::optional<core::Status> store_remote_post(Context& ctx, const as2::ParsedObject& object,
                                              const core::Account& author) {
    if (url_authority(object.id) != url_authority(author.uri)) {
        throw Error(Errc::unauthorized, "the post's id is not on the author's server");
    }
    auto now = ctx.clock.now();
    core::TimePoint created = object.published ? std::min(*object.published, now) : now;
    return ctx.db.write([&](storage::Connection& conn) -> std::optional<core::Status> {
        if (auto existing = storage::find_status_by_uri(conn, object.id)) return existing;
        if (storage::status_deleted(conn, object.id)) return std::nullopt;
        core::Status status;
        status.id = ctx.ids.next(created);
        status.account_id = author.id;
        status.uri = object.id;
        status.url = object.url.empty() ? object.id : object.url;
        status.content = object.content;
        status.spoiler_text = object.summary;
        status.sensitive = object.sensitive || std::any_of(object.attachments.begin(), object.attachments.end(),
                                                           [](const auto& a) { return a.sensitive; });
        status.visibility = object.visibility;
        status.language = object.language;
        status.in_reply_to_uri = object.in_reply_to;
        std::optional<core::Status> parent;
        if (!object.in_reply_to.empty()) {
            parent = storage::find_status_by_uri(conn, object.in_reply_to);
            if (parent) status.in_reply_to_id = parent->id;
        }
        status.local = false;
        status.created_at = created;
        status.object_type = object.type;
        status.quote_uri = object.quote;
        status.x_robots_tag = object.x_robots_tag;
        status.license = object.license;
        storage::insert_status(conn, status);
        storage::link_orphan_replies(conn, status.id, status.uri);
        std::vector<core::Id> mentioned = store_mentions(conn, object, status.id);
        store_details(ctx, conn, object, author, status.id);
        storage::add_to_conversation(conn, status);  // direct statuses: their participants' conversation lists
        emit_status_created(ctx, conn, status.id);
        add_to_tag_followers(ctx, conn, status);
        // Home timelines: local followers see what is addressed to followers or the public; mentioned local
        // accounts see what mentions them, and are notified.
        if (status.visibility != core::Visibility::direct) {
            for (core::Id follower : storage::local_follower_ids(conn, author.id)) {
                add_to_home(ctx, conn, follower, status.id);
            }
        }
        for (core::Id local : mentioned) {
            add_to_home(ctx, conn, local, status.id);
            notify(ctx, conn, local, author.id, "mention", status.id);
        }
        notify_subscribers(ctx, conn, status);
        return status;
    });
}

bool update_remote_post(Context& ctx, const as2::ParsedObject& object, const core::Account& author) {
    return ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status_by_uri(conn, object.id);
        if (!status || status->account_id != author.id) return false;
        storage::update_status_content(conn, status->id, object.content, object.summary, object.sensitive,
                                       object.updated.value_or(ctx.clock.now()));
        for (core::Id booster : storage::local_booster_ids(conn, status->id)) {
            notify(ctx, conn, booster, author.id, "update", status->id);
        }
        std::vector<core::Id> mentioned = store_mentions(conn, object, status->id);
        store_details(ctx, conn, object, author, status->id);
        storage::add_to_conversation(conn, *status);
        for (core::Id local : mentioned) add_to_home(ctx, conn, local, status->id);
        emit_status_change(ctx, conn, EventKind::status_edited, *status);
        return true;
    });
}

std::optional<core::Status> known_or_fetched_status(Context& ctx, const std::string& uri, bool fetch) {
    auto known = ctx.db.read([&](storage::Connection& conn) { return storage::find_status_by_uri(conn, uri); });
    if (known || !fetch) return known;
    rapidjson::Document doc = fetch_document(ctx, uri);
    std::string type = doc.IsObject() && doc.HasMember("type") && doc["type"].IsString() ? doc["type"].GetString() : "";
    if (!as2::is_post_type(type)) return std::nullopt;
    std::string author_uri;
    if (doc.HasMember("attributedTo") && doc["attributedTo"].IsString()) author_uri = doc["attributedTo"].GetString();
    if (author_uri.empty()) return std::nullopt;
    core::Account author = remote_actor(ctx, author_uri);
    as2::ParsedObject object = as2::parse_object(doc, author.followers_url);
    if (object.attributed_to != author.uri) return std::nullopt;
    if (!admit_received_post(ctx, object, doc, author)) return std::nullopt;
    return store_remote_post(ctx, object, author);
}

bool record_poll_vote(Context& ctx, const as2::ParsedObject& object, const core::Account& voter,
                      const std::string& activity_id) {
    if (object.title.empty() || object.in_reply_to.empty()) return false;
    return ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status_by_uri(conn, object.in_reply_to);
        if (!status || !status->local) return false;
        auto poll = storage::find_poll(conn, status->id);
        if (!poll) return false;
        if (poll->closed_at || (poll->expires_at && *poll->expires_at <= ctx.clock.now())) return true;  // too late
        for (std::size_t i = 0; i < poll->options.size(); ++i) {
            if (poll->options[i].title != object.title) continue;
            if (!poll->multiple && !storage::find_poll_votes(conn, status->id, voter.id).empty()) return true;
            storage::insert_poll_vote(conn, ctx.ids.next(), status->id, voter.id, static_cast<int>(i), activity_id,
                                      ctx.clock.now());
            return true;
        }
        return true;  // a reply naming no option of the poll: not a post either
    });
}

}  // namespace gesso::activitypub
