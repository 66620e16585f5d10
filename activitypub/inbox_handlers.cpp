#include "activitypub/inbox_handlers.hpp"

#include <algorithm>

#include "activitypub/as2/activity.hpp"
#include "activitypub/as2/object.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/remote_actors.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "core/log.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using as2::ActivityType;
using core::Errc;
using core::Error;

namespace {

struct Inbound {
    Context& ctx;
    const as2::ParsedActivity& activity;
    core::Account signer;
};

// The local account an id names (actor URL of this node), if any.
std::optional<core::Account> local_account_for(Context& ctx, const std::string& uri) {
    auto account = ctx.db.read([&](storage::Connection& conn) { return storage::find_account_by_uri(conn, uri); });
    if (account && account->is_local() && account->actor_type != "Application") return account;
    return std::nullopt;
}

std::string accept_json(Context& ctx, const core::Account& local, const core::Follow& follow,
                        const core::Account& follower) {
    std::string actor = ctx.urls.actor(local.username);
    core::JsonWriter object;
    object.begin_object().field("id", follow.uri).field("type", "Follow").field("actor", follower.uri);
    object.field("object", actor).end_object();
    return render_activity(actor + "#accepts/follows/" + std::to_string(follow.id), "Accept", actor, object.str());
}

void on_follow(Inbound& in) {
    auto target = local_account_for(in.ctx, in.activity.object_id);
    if (!target) throw Error(Errc::not_found, "Follow of an unknown account " + in.activity.object_id);
    if (target->is_suspended()) throw Error(Errc::gone, "Follow of a suspended account");
    in.ctx.db.write([&](storage::Connection& conn) {
        auto follow = storage::find_follow(conn, in.signer.id, target->id);
        if (!follow) {
            core::Follow f;
            f.id = in.ctx.ids.next();
            f.account_id = in.signer.id;
            f.target_account_id = target->id;
            f.uri = in.activity.id;
            f.accepted = !target->locked;
            f.created_at = in.ctx.clock.now();
            storage::insert_follow(conn, f);
            follow = f;
        }
        if (follow->accepted) {
            // Accept again even for a known follow: the peer may have lost our first Accept.
            std::string json = accept_json(in.ctx, *target, *follow, in.signer);
            enqueue_activity(in.ctx, conn, *target, in.ctx.urls.actor(target->username) + "#accepts/follows/" +
                                                        std::to_string(follow->id),
                             json, {false, {in.signer.inbox_url}});
        }
    });
}

// The follow an Accept/Reject/Undo names: by its id, or (Pixelfed) by the embedded Follow's actor/object.
std::optional<core::Follow> named_follow(Inbound& in, bool signer_is_target) {
    return in.ctx.db.read([&](storage::Connection& conn) -> std::optional<core::Follow> {
        if (!in.activity.object_id.empty()) {
            if (auto f = storage::find_follow_by_uri(conn, in.activity.object_id)) return f;
        }
        if (!in.activity.object) return std::nullopt;
        rapidjson::Document follow = as2::embedded_document(*in.activity.object);
        auto member = [&](const char* name) -> std::string {
            return follow.IsObject() && follow.HasMember(name) && follow[name].IsString() ? follow[name].GetString() : "";
        };
        std::string other = signer_is_target ? member("actor") : member("object");
        auto other_account = storage::find_account_by_uri(conn, other);
        if (!other_account) return std::nullopt;
        return signer_is_target ? storage::find_follow(conn, other_account->id, in.signer.id)
                                : storage::find_follow(conn, in.signer.id, other_account->id);
    });
}

void on_accept(Inbound& in) {
    auto follow = named_follow(in, true);
    if (!follow || follow->target_account_id != in.signer.id) return;  // not ours to accept
    in.ctx.db.write([&](storage::Connection& conn) { storage::set_follow_accepted(conn, follow->id); });
}

void on_reject(Inbound& in) {
    auto follow = named_follow(in, true);
    if (!follow || follow->target_account_id != in.signer.id) return;
    in.ctx.db.write([&](storage::Connection& conn) { storage::delete_follow(conn, follow->id); });
}

void on_undo(Inbound& in) {
    std::string type = in.activity.object ? in.activity.object->type : "";
    if (type == "Follow" || type.empty()) {
        auto follow = named_follow(in, false);
        if (follow && follow->account_id == in.signer.id) {
            in.ctx.db.write([&](storage::Connection& conn) { storage::delete_follow(conn, follow->id); });
        }
    }
    if (type == "Like" || type == "EmojiReact") {
        in.ctx.db.write([&](storage::Connection& conn) {
            if (storage::delete_favourite_by_uri(conn, in.signer.id, in.activity.object_id)) return;
            if (!in.activity.object) return;  // some servers give the Like only by its content
            rapidjson::Document like = as2::embedded_document(*in.activity.object);
            if (!like.HasMember("object") || !like["object"].IsString()) return;
            if (auto status = storage::find_status_by_uri(conn, like["object"].GetString())) {
                storage::delete_favourite(conn, in.signer.id, status->id);
            }
        });
    } else if (type == "Announce") {
        in.ctx.db.write([&](storage::Connection& conn) {
            auto boost = storage::find_status_by_uri(conn, in.activity.object_id);
            if (boost && boost->account_id == in.signer.id && boost->reblog_of_id) {
                storage::mark_status_deleted(conn, boost->id, in.ctx.clock.now());
            }
        });
    }
    // Undo of Block arrives with blocks.
}

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

// Stores a remote post by `author` once (a tombstoned id is not revived) and fans it into local home
// timelines. Returns the stored status (nullopt when it was deleted before).
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
        status.content = object.title.empty() ? object.content : "<p><strong>" + object.title + "</strong></p>" + object.content;
        status.spoiler_text = object.summary;
        status.sensitive = object.sensitive;
        status.visibility = object.visibility;
        status.language = object.language;
        status.in_reply_to_uri = object.in_reply_to;
        if (!object.in_reply_to.empty()) {
            if (auto parent = storage::find_status_by_uri(conn, object.in_reply_to)) status.in_reply_to_id = parent->id;
        }
        status.local = false;
        status.created_at = created;
        storage::insert_status(conn, status);
        // Home timelines: local followers see what is addressed to followers or the public; mentioned local
        // accounts see what mentions them.
        if (status.visibility != core::Visibility::direct) {
            for (core::Id follower : storage::local_follower_ids(conn, author.id)) {
                storage::add_to_home_timeline(conn, follower, status.id);
            }
        }
        for (const auto& mention : object.mentions) {
            auto local = storage::find_account_by_uri(conn, mention.href);
            if (local && local->is_local()) storage::add_to_home_timeline(conn, local->id, status.id);
        }
        return status;
    });
}

void on_create(Inbound& in) {
    rapidjson::Document doc = object_document(in);
    if (!as2::is_post_type(document_type(doc))) return;  // not a post (yet): ignored
    as2::ParsedObject object = as2::parse_object(doc, in.signer.followers_url);
    std::string author = object.attributed_to.empty() ? in.signer.uri : object.attributed_to;
    if (author != in.signer.uri) throw Error(Errc::unauthorized, "the post's author is not the signer");
    store_remote_post(in.ctx, object, in.signer);
}

// The status an activity's object names: known already, or (for boosts of posts we have not seen) fetched
// from its own server, with its author.
std::optional<core::Status> known_or_fetched_status(Context& ctx, const std::string& uri, bool fetch) {
    auto known = ctx.db.read([&](storage::Connection& conn) { return storage::find_status_by_uri(conn, uri); });
    if (known || !fetch) return known;
    rapidjson::Document doc = fetch_document(ctx, uri);
    if (!as2::is_post_type(document_type(doc))) return std::nullopt;
    std::string author_uri;
    if (doc.HasMember("attributedTo") && doc["attributedTo"].IsString()) author_uri = doc["attributedTo"].GetString();
    if (author_uri.empty()) return std::nullopt;
    core::Account author = remote_actor(ctx, author_uri);
    as2::ParsedObject object = as2::parse_object(doc, author.followers_url);
    if (object.attributed_to != author.uri) return std::nullopt;
    return store_remote_post(ctx, object, author);
}

void on_like(Inbound& in) {
    auto status = known_or_fetched_status(in.ctx, in.activity.object_id, false);
    if (!status) return;  // we only count likes of posts we have
    in.ctx.db.write([&](storage::Connection& conn) {
        storage::insert_favourite(conn, in.ctx.ids.next(), in.signer.id, status->id, in.activity.id, in.ctx.clock.now());
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
            for (core::Id follower : storage::local_follower_ids(conn, in.signer.id)) {
                storage::add_to_home_timeline(conn, follower, boost.id);
            }
        }
    });
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
    in.ctx.db.write([&](storage::Connection& conn) {
        auto status = storage::find_status_by_uri(conn, object.id);
        if (!status || status->account_id != in.signer.id) return;
        storage::update_status_content(conn, status->id, object.content, object.summary, object.sensitive,
                                       object.updated.value_or(in.ctx.clock.now()));
    });
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
        if (status && status->account_id == in.signer.id) storage::mark_status_deleted(conn, status->id, now);
    });
}

void on_block(Inbound& in) {
    auto target = local_account_for(in.ctx, in.activity.object_id);
    if (!target) return;
    in.ctx.db.write([&](storage::Connection& conn) {
        if (auto f = storage::find_follow(conn, in.signer.id, target->id)) storage::delete_follow(conn, f->id);
        if (auto f = storage::find_follow(conn, target->id, in.signer.id)) storage::delete_follow(conn, f->id);
    });
}

}  // namespace

void apply_activity(Context& ctx, const std::string& signer_uri, const std::string& payload) {
    rapidjson::Document doc = core::parse_json(payload);
    as2::ParsedActivity activity = as2::parse_activity(doc);
    core::Account signer = remote_actor(ctx, signer_uri);
    if (signer.is_suspended()) return;
    Inbound in{ctx, activity, signer};
    switch (activity.kind) {
        case ActivityType::follow: on_follow(in); break;
        case ActivityType::accept: on_accept(in); break;
        case ActivityType::reject: on_reject(in); break;
        case ActivityType::undo: on_undo(in); break;
        case ActivityType::create: on_create(in); break;
        case ActivityType::update: on_update(in); break;
        case ActivityType::delete_: on_delete(in); break;
        case ActivityType::block: on_block(in); break;
        case ActivityType::like:
        case ActivityType::emoji_react: on_like(in); break;
        case ActivityType::announce: on_announce(in); break;
        default:
            GESSO_LOG(debug) << "ignoring " << activity.type << " " << activity.id;
            break;
    }
}

}  // namespace gesso::activitypub
