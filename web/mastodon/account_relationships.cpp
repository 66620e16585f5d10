// GET /api/v1/accounts/relationships?id[]=, GET /api/v1/accounts/familiar_followers?id[]=,
// POST /api/v1/accounts/:id/{follow,unfollow,block,unblock,mute,unmute,note}
#include "activitypub/outbox.hpp"
#include "activitypub/personal_filters.hpp"
#include "activitypub/relationships.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "storage/account_notes.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "web/mastodon/account_views.hpp"
#include "web/mastodon/entities.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

// The ids of `id[]`, at most limits::kMaxRelationshipIds; ids that are not numbers name nobody.
std::vector<core::Id> id_list(const Params& p) {
    std::vector<std::string> texts = p.all("id");
    if (texts.size() > core::limits::kMaxRelationshipIds) {
        throw Error(Errc::unprocessable,
                    "Validation failed: at most " + std::to_string(core::limits::kMaxRelationshipIds) + " ids at once");
    }
    std::vector<core::Id> ids;
    for (const auto& t : texts) {
        if (auto id = core::parse_id(t)) ids.push_back(*id);
    }
    return ids;
}

Response relationships(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:follows");
    std::vector<core::Id> ids = id_list(Params::from(req));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (core::Id id : ids) {
            auto target = storage::find_account(conn, id);
            if (target) write_relationship(w, ctx, conn, caller.account->id, *target);
        }
        w.end_array();
    });
    return json_response(w.str());
}

Response familiar_followers(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "read:follows");
    std::vector<core::Id> ids = id_list(Params::from(req));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (core::Id id : ids) {
            auto target = storage::find_account(conn, id);
            if (!target) continue;
            w.begin_object().field("id", std::to_string(id)).key("accounts");
            std::vector<core::Id> familiar;
            if (!storage::collections_hidden(conn, id) || id == caller.account->id) {
                familiar =
                    storage::familiar_followers(conn, caller.account->id, id, core::limits::kMaxFamiliarFollowers);
            }
            write_account_list(w, ctx, conn, familiar);
            w.end_object();
        }
        w.end_array();
    });
    return json_response(w.str());
}

core::Account target_of(activitypub::Context& ctx, const Request& req) {
    return ctx.db.read([&](storage::Connection& conn) { return shown_account(conn, req.param("id")); });
}

// Mastodon's follow options; only those given change (a repeated follow may switch one alone).
std::optional<storage::FollowOptions> follow_options(activitypub::Context& ctx, const Params& p, core::Id follower,
                                                     core::Id target) {
    auto reblogs = p.boolean("reblogs");
    auto notify = p.boolean("notify");
    bool has_languages = p.has("languages");
    if (!reblogs && !notify && !has_languages) return std::nullopt;
    storage::FollowOptions o =
        ctx.db.read([&](storage::Connection& conn) { return storage::find_follow_options(conn, follower, target); });
    if (reblogs) o.show_reblogs = *reblogs;
    if (notify) o.notify = *notify;
    if (has_languages) {
        o.languages.clear();
        for (const auto& l : p.all("languages")) {
            if (l.empty()) continue;  // languages[]= (empty) means all languages
            bool code = l.size() >= 2 && l.size() <= 3;
            for (char c : l) code = code && c >= 'a' && c <= 'z';
            if (!code) throw Error(Errc::unprocessable, "Validation failed: languages must be ISO 639 codes");
            o.languages.push_back(l);
        }
        if (o.languages.size() > core::limits::kMaxFollowLanguages) {
            throw Error(Errc::unprocessable, "Validation failed: too many languages");
        }
    }
    return o;
}

Response follow(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:follows");
    core::Account target = target_of(ctx, req);
    auto options = follow_options(ctx, Params::from(req), caller.account->id, target.id);
    activitypub::follow_account(ctx, *caller.account, actor_uri(ctx, target), options);
    return relationship_response(ctx, caller.account->id, target.id);
}

Response unfollow(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:follows");
    core::Account target = target_of(ctx, req);
    activitypub::unfollow_account(ctx, *caller.account, actor_uri(ctx, target));
    return relationship_response(ctx, caller.account->id, target.id);
}

Response block(activitypub::Context& ctx, const Request& req, bool on) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:blocks");
    core::Account target = target_of(ctx, req);
    if (on)
        activitypub::block_account(ctx, *caller.account, target.id);
    else
        activitypub::unblock_account(ctx, *caller.account, target.id);
    return relationship_response(ctx, caller.account->id, target.id);
}

Response mute(activitypub::Context& ctx, const Request& req, bool on) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:mutes");
    core::Account target = target_of(ctx, req);
    if (on) {
        Params p = Params::from(req);
        bool notifications = p.boolean("notifications").value_or(true);
        std::optional<std::chrono::seconds> duration;
        if (auto d = p.integer("duration")) duration = std::chrono::seconds(*d);
        activitypub::mute_account(ctx, *caller.account, target.id, notifications, duration);
    } else {
        activitypub::unmute_account(ctx, *caller.account, target.id);
    }
    return relationship_response(ctx, caller.account->id, target.id);
}

Response note(activitypub::Context& ctx, const Request& req) {
    oauth::Caller caller = oauth::require_caller(ctx, req, "write:accounts");
    core::Account target = target_of(ctx, req);
    std::string comment = Params::from(req).get_or("comment", "");
    if (comment.size() > core::limits::kMaxAccountNoteBytes) {
        throw Error(Errc::unprocessable, "Validation failed: Comment is too long (maximum is " +
                                             std::to_string(core::limits::kMaxAccountNoteBytes) + " characters)");
    }
    ctx.db.write([&](storage::Connection& conn) {
        storage::set_account_note(conn, caller.account->id, target.id, comment, ctx.clock.now());
    });
    return relationship_response(ctx, caller.account->id, target.id);
}

}  // namespace

void add_account_relationship_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/accounts/relationships", [&ctx](const Request& req) { return relationships(ctx, req); });
    router.get("/api/v1/accounts/familiar_followers",
               [&ctx](const Request& req) { return familiar_followers(ctx, req); });
    auto post = [&](const char* path, Handler h) {
        router.add(http::verb::post, path, std::move(h), core::limits::kMaxFormBodyBytes);
    };
    post("/api/v1/accounts/:id/follow", [&ctx](const Request& req) { return follow(ctx, req); });
    post("/api/v1/accounts/:id/unfollow", [&ctx](const Request& req) { return unfollow(ctx, req); });
    post("/api/v1/accounts/:id/block", [&ctx](const Request& req) { return block(ctx, req, true); });
    post("/api/v1/accounts/:id/unblock", [&ctx](const Request& req) { return block(ctx, req, false); });
    post("/api/v1/accounts/:id/mute", [&ctx](const Request& req) { return mute(ctx, req, true); });
    post("/api/v1/accounts/:id/unmute", [&ctx](const Request& req) { return mute(ctx, req, false); });
    post("/api/v1/accounts/:id/note", [&ctx](const Request& req) { return note(ctx, req); });
}

}  // namespace gesso::web::mastodon
