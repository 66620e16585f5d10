// Received posts and reactions: Create, Update, Delete, Like/EmojiReact, Announce, and the Undo of reactions.
#include "activitypub/as2/object.hpp"
#include "activitypub/inbound.hpp"
#include "activitypub/events.hpp"
#include "activitypub/notifications.hpp"
#include "activitypub/policy.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/media_intake.hpp"
#include "activitypub/media_policy.hpp"
#include "activitypub/remote_posts.hpp"
#include "core/error.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub::inbound {

using core::Errc;
using core::Error;

namespace {

// The object of a Create/Update: embedded, or fetched by id (then it must live on the signer's host).
rapidjson::Document object_document(Inbound& in) {
    if (in.activity.object && !in.activity.object->json.empty()) return as2::embedded_document(*in.activity.object);
    if (url_authority(in.activity.object_id) != url_authority(in.signer.uri)) {
        throw Error(Errc::unauthorized, "object " + in.activity.object_id + " is not on the signer's server");
    }
    return fetch_document(in.ctx, in.activity.object_id);
}

std::string document_type(const rapidjson::Document& doc) {
    return doc.IsObject() && doc.HasMember("type") && doc["type"].IsString() ? doc["type"].GetString() : "";
}

}  // namespace

void on_create(Inbound& in) {
    rapidjson::Document doc = object_document(in);
    if (!as2::is_post_type(document_type(doc))) return;  // not a post (yet): ignored
    as2::ParsedObject object = as2::parse_object(doc, in.signer.followers_url);
    std::string author = object.attributed_to.empty() ? in.signer.uri : object.attributed_to;
    if (author != in.signer.uri) throw Error(Errc::unauthorized, "the post's author is not the signer");
    if (record_poll_vote(in.ctx, object, in.signer, in.activity.id)) return;
    if (!admit_received_post(in.ctx, object, doc, in.signer)) return;
    auto stored = store_remote_post(in.ctx, object, in.signer);
    // Still in the federation worker, after the post is committed: a failed fetch keeps the remote URLs.
    if (stored && cache_remote_media(in.ctx, stored->id) > 0) review_post_media(in.ctx, stored->id);
}

void on_update(Inbound& in) {
    if (in.activity.object_id == in.signer.uri) {
        if (!in.activity.object) return;
        rapidjson::Document doc = as2::embedded_document(*in.activity.object);
        store_remote_actor(in.ctx, as2::parse_actor(doc), in.signer.uri);
        return;
    }
    rapidjson::Document doc = object_document(in);
    if (!as2::is_post_type(document_type(doc))) return;
    as2::ParsedObject object = as2::parse_object(doc, in.signer.followers_url);
    if (!admit_received_post(in.ctx, object, doc, in.signer)) return;  // an edit that breaks a rule is not applied
    if (update_remote_post(in.ctx, object, in.signer)) {
        auto status = in.ctx.db.read([&](storage::Connection& conn) { return storage::find_status_by_uri(conn, object.id); });
        if (status) cache_remote_media(in.ctx, status->id);
    }
}

void on_delete(Inbound& in) {
    auto now = in.ctx.clock.now();
    if (in.activity.object_id == in.signer.uri) {
        // The actor deleted itself: its posts go, its follows go.
        in.ctx.db.write([&](storage::Connection& conn) {
            storage::mark_account_statuses_deleted(conn, in.signer.id, now);
            storage::set_suspended(conn, in.signer.id, now);
        });
        return;
    }
    in.ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status_by_uri(conn, in.activity.object_id);
        if (status && status->account_id == in.signer.id) {
            emit_status_change(in.ctx, conn, EventKind::status_deleted, *status);
            storage::mark_status_deleted(conn, status->id, now);
        }
    });
}

void on_like(Inbound& in) {
    auto status = known_or_fetched_status(in.ctx, in.activity.object_id, false);
    if (!status) return;  // we only count likes of posts we have
    in.ctx.db.write([&](storage::Connection& conn) {
        if (storage::insert_favourite(conn, in.ctx.ids.next(), in.signer.id, status->id, in.activity.id,
                                      in.ctx.clock.now())) {
            notify(in.ctx, conn, status->account_id, in.signer.id, "favourite", status->id);
        }
    });
}

void undo_like(Inbound& in) {
    in.ctx.db.write([&](storage::Connection& conn) {
        std::optional<core::Id> status_id;
        if (auto like = storage::find_favourite_by_uri(conn, in.signer.id, in.activity.object_id)) {
            status_id = like;
        } else if (in.activity.object) {  // some servers give the Like only by its content
            rapidjson::Document like_doc = as2::embedded_document(*in.activity.object);
            if (like_doc.HasMember("object") && like_doc["object"].IsString()) {
                if (auto status = storage::find_status_by_uri(conn, like_doc["object"].GetString())) status_id = status->id;
            }
        }
        if (!status_id) return;
        storage::delete_favourite(conn, in.signer.id, *status_id);
        storage::delete_notifications_from(conn, in.signer.id, "favourite", *status_id);
    });
}

void on_announce(Inbound& in) {
    auto original = known_or_fetched_status(in.ctx, in.activity.object_id, true);
    if (!original || original->visibility == core::Visibility::followers ||
        original->visibility == core::Visibility::direct) {
        return;  // private posts cannot be boosted
    }
    auto now = in.ctx.clock.now();
    in.ctx.db.write([&](storage::Connection& conn) {
        if (storage::find_status_by_uri(conn, in.activity.id) || storage::find_reblog(conn, in.signer.id, original->id)) {
            return;
        }
        core::Status boost;
        boost.id = in.ctx.ids.next(now);
        boost.account_id = in.signer.id;
        boost.uri = in.activity.id;
        boost.reblog_of_id = original->id;
        boost.visibility = as2::derive_visibility(in.activity.to, in.activity.cc, in.signer.followers_url);
        boost.local = false;
        boost.created_at = now;
        storage::insert_status(conn, boost);
        if (boost.visibility == core::Visibility::public_ || boost.visibility == core::Visibility::unlisted) {
            for (core::Id follower : storage::local_boost_follower_ids(conn, in.signer.id)) {
                add_to_home(in.ctx, conn, follower, boost.id);
            }
        }
        notify(in.ctx, conn, original->account_id, in.signer.id, "reblog", original->id);
    });
}

void undo_announce(Inbound& in) {
    in.ctx.db.write([&](storage::Connection& conn) {
        auto boost = storage::find_status_by_uri(conn, in.activity.object_id);
        if (!boost || boost->account_id != in.signer.id || !boost->reblog_of_id) return;
        storage::mark_status_deleted(conn, boost->id, in.ctx.clock.now());
        storage::delete_notifications_from(conn, in.signer.id, "reblog", *boost->reblog_of_id);
    });
}

}  // namespace gesso::activitypub::inbound
