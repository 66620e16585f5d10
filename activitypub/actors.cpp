#include "activitypub/actors.hpp"

#include "activitypub/accounts.hpp"
#include "activitypub/actor_document.hpp"
#include "activitypub/collections.hpp"
#include "activitypub/note_document.hpp"
#include "activitypub/webfinger.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "storage/account_settings.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/profiles.hpp"
#include "storage/relations.hpp"
#include "storage/statuses.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

std::string collection_id(const NodeUrls& urls, const std::string& username, ActorCollection which) {
    switch (which) {
        case ActorCollection::outbox: return urls.outbox(username);
        case ActorCollection::followers: return urls.followers(username);
        case ActorCollection::following: return urls.following(username);
        case ActorCollection::featured: return urls.featured(username);
    }
    return {};
}

// Fills a page of `side` follows; returns the total.
void fill_follow_page(storage::Connection& conn, core::Id account_id, storage::FollowSide side,
                      std::optional<core::Id> max_id, CollectionPage& page) {
    const int size = core::limits::kCollectionPageSize;
    page.total_items = storage::count_follows(conn, account_id, side);
    auto entries = storage::list_follows(conn, account_id, side, max_id, size + 1);
    for (std::size_t i = 0; i < entries.size() && i < static_cast<std::size_t>(size); ++i) {
        page.items_json.push_back(json_string(entries[i].actor_uri));
    }
    if (entries.size() > static_cast<std::size_t>(size)) page.next_max_id = entries[size - 1].follow_id;
}

void fill_outbox_page(storage::Connection& conn, const core::Account& account, const NodeUrls& urls,
                      std::optional<core::Id> max_id, CollectionPage& page) {
    const int size = core::limits::kCollectionPageSize;
    page.total_items = storage::count_public_statuses(conn, account.id);
    auto statuses = storage::list_public_statuses(conn, account.id, max_id, size + 1);
    for (std::size_t i = 0; i < statuses.size() && i < static_cast<std::size_t>(size); ++i) {
        page.items_json.push_back(render_stored_create_note(conn, statuses[i], account, urls));
    }
    if (statuses.size() > static_cast<std::size_t>(size)) page.next_max_id = statuses[size - 1].id;
}

}  // namespace

core::Account visible_local_account(Context& ctx, std::string_view username) {
    core::Account account = require_local_account(ctx, username);
    if (account.is_suspended()) throw Error(Errc::gone, "account '" + account.username + "' is suspended");
    return account;
}

std::string local_actor_json(Context& ctx, std::string_view username) {
    core::Account account = visible_local_account(ctx, username);
    return ctx.db.read([&](storage::Connection& conn) {
        auto keys = storage::find_keys(conn, account.id);
        core::AccountProfile extras = storage::find_profile(conn, account.id);
        core::ProtectionSettings protection = storage::find_protection_settings(conn, account.id);
        ActorProfile profile{extras.fields, extras.also_known_as, "", core::robots_tag_for(protection.data_mining),
                             protection.license};
        if (extras.moved_to_account_id) {
            if (auto target = storage::find_account(conn, *extras.moved_to_account_id)) profile.moved_to = target->uri;
        }
        return render_local_actor(account, keys, ctx.urls, profile);
    });
}

std::string instance_actor_json(Context& ctx) {
    auto actor = find_instance_actor(ctx);
    if (!actor) throw Error(Errc::not_found, "the instance actor does not exist yet");
    auto keys = ctx.db.read([&](storage::Connection& conn) { return storage::find_keys(conn, actor->id); });
    return render_local_actor(*actor, keys, ctx.urls);
}

std::string actor_collection_json(Context& ctx, std::string_view username, ActorCollection which, bool page,
                                  std::optional<core::Id> max_id) {
    core::Account account = visible_local_account(ctx, username);
    std::string id = collection_id(ctx.urls, account.username, which);
    if (which == ActorCollection::featured) {
        return ctx.db.read([&](storage::Connection& conn) {
            std::vector<std::string> items;
            for (core::Id status_id : storage::pinned_status_ids(conn, account.id, core::limits::kMaxPins)) {
                auto status = storage::find_status(conn, status_id);
                if (!status || (status->visibility != core::Visibility::public_ &&
                                status->visibility != core::Visibility::unlisted)) {
                    continue;
                }
                items.push_back(render_stored_note(conn, *status, account, ctx.urls, false));
            }
            return render_collection_inline(id, items);
        });
    }

    return ctx.db.read([&](storage::Connection& conn) {
        storage::ReadSnapshot snapshot(conn);  // the total and the items agree
        CollectionPage result;
        result.collection_id = id;
        result.max_id = max_id;
        if (which == ActorCollection::outbox) {
            if (!page) return render_collection_root(id, storage::count_public_statuses(conn, account.id));
            fill_outbox_page(conn, account, ctx.urls, max_id, result);
        } else {
            auto side = which == ActorCollection::followers ? storage::FollowSide::followers
                                                            : storage::FollowSide::following;
            if (storage::collections_hidden(conn, account.id)) {
                return render_collection_total(id, storage::count_follows(conn, account.id, side));
            }
            if (!page) return render_collection_root(id, storage::count_follows(conn, account.id, side));
            fill_follow_page(conn, account.id, side, max_id, result);
        }
        return render_collection_page(result);
    });
}

void refuse_blocked_requester(Context& ctx, std::string_view username, const std::optional<core::Account>& requester) {
    if (!requester) return;
    bool blocked = ctx.db.read([&](storage::Connection& conn) {
        auto owner = storage::find_local_account(conn, username);
        return owner && storage::find_block(conn, owner->id, requester->id).has_value();
    });
    if (blocked) throw Error(Errc::forbidden, "this account does not share its documents with the requester");
}

void set_collections_hidden(Context& ctx, std::string_view username, bool hidden) {
    core::Account account = require_local_account(ctx, username);
    ctx.db.write([&](storage::Connection& conn) { storage::set_collections_hidden(conn, account.id, hidden); });
}

std::string local_status_json(Context& ctx, std::string_view username, core::Id status_id) {
    core::Account account = visible_local_account(ctx, username);
    return ctx.db.read([&](storage::Connection& conn) {
        auto status = storage::find_status(conn, status_id);
        if (!status || status->account_id != account.id || !status->local ||
            (status->visibility != core::Visibility::public_ && status->visibility != core::Visibility::unlisted)) {
            throw Error(Errc::not_found, "no such status");
        }
        return render_stored_note(conn, *status, account, ctx.urls, true);
    });
}

std::string webfinger_json(Context& ctx, std::string_view resource) {
    std::string username = username_from_resource(resource, ctx.urls);
    auto account = ctx.db.read([&](storage::Connection& conn) { return storage::find_local_account(conn, username); });
    if (!account) throw Error(Errc::not_found, "no account '" + username + "' on this server");
    if (account->is_suspended()) throw Error(Errc::gone, "account '" + account->username + "' is suspended");
    return render_jrd(*account, ctx.urls);
}

}  // namespace gesso::activitypub
