#include "web/mastodon/account_views.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "storage/account_notes.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/mutes.hpp"
#include "storage/relations.hpp"
#include "web/mastodon/entities.hpp"
#include "web/oauth/tokens.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

core::Account shown_account(storage::Connection& conn, std::string_view id_text) {
    auto id = core::parse_id(id_text);
    auto account = id ? storage::find_account(conn, *id) : std::nullopt;
    if (!account || account->is_suspended() || account->actor_type == "Application") {
        throw Error(Errc::not_found, "Record not found");
    }
    return *account;
}

std::optional<core::Id> request_viewer(activitypub::Context& ctx, const Request& req) {
    auto caller = oauth::bearer_caller(ctx, req);
    if (caller && caller->account) return caller->account->id;
    return std::nullopt;
}

std::string actor_uri(activitypub::Context& ctx, const core::Account& account) {
    return account.is_local() ? ctx.urls.actor(account.username) : account.uri;
}

void write_account_list(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                        const std::vector<core::Id>& ids) {
    w.begin_array();
    for (core::Id id : ids) {
        auto account = storage::find_account(conn, id);
        if (account && !account->is_suspended()) write_account(w, ctx, conn, *account);
    }
    w.end_array();
}

void write_relationship(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, core::Id viewer,
                        const core::Account& target) {
    auto ours = storage::find_follow(conn, viewer, target.id);
    auto theirs = storage::find_follow(conn, target.id, viewer);
    storage::FollowOptions options = storage::find_follow_options(conn, viewer, target.id);
    auto mute = storage::find_mute(conn, viewer, target.id, ctx.clock.now());
    w.begin_object().field("id", std::to_string(target.id));
    w.field("following", ours && ours->accepted).field("showing_reblogs", ours && options.show_reblogs);
    w.field("notifying", ours && options.notify);
    w.key("languages");
    if (ours && !options.languages.empty()) {
        w.begin_array();
        for (const auto& l : options.languages) w.value(l);
        w.end_array();
    } else {
        w.null();
    }
    w.field("followed_by", theirs && theirs->accepted);
    w.field("blocking", storage::find_block(conn, viewer, target.id).has_value());
    w.field("blocked_by", storage::find_block(conn, target.id, viewer).has_value());
    w.field("muting", mute.has_value()).field("muting_notifications", mute && mute->notifications);
    w.field("requested", ours && !ours->accepted).field("requested_by", theirs && !theirs->accepted);
    w.field("domain_blocking", !target.is_local() && storage::account_blocks_domain(conn, viewer, target.domain));
    w.field("endorsed", false).field("note", storage::find_account_note(conn, viewer, target.id));
    w.end_object();
}

Response relationship_response(activitypub::Context& ctx, core::Id viewer, core::Id target_id) {
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        auto target = storage::find_account(conn, target_id);
        if (!target) throw Error(Errc::not_found, "Record not found");
        write_relationship(w, ctx, conn, viewer, *target);
    });
    return json_response(w.str());
}

}  // namespace gesso::web::mastodon
