#pragma once
// Internal to the inbox handlers: one received activity, verified, with its signer, and the handlers by
// group (inbox_handlers.cpp: follows and undo; inbound_posts.cpp: posts and reactions;
// inbound_moderation.cpp: blocks, reports, moves and featured collections).
#include <optional>
#include <string>

#include "activitypub/as2/activity.hpp"
#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub::inbound {

struct Inbound {
    Context& ctx;
    const as2::ParsedActivity& activity;
    core::Account signer;
};

// The local account an id names (a person of this node, not the instance actor), if any.
std::optional<core::Account> local_account_for(Context& ctx, const std::string& uri);

void on_create(Inbound& in);
void on_update(Inbound& in);
void on_delete(Inbound& in);
void on_like(Inbound& in);
void on_announce(Inbound& in);
void undo_like(Inbound& in);
void undo_announce(Inbound& in);

void on_block(Inbound& in);
void undo_block(Inbound& in);
void on_flag(Inbound& in);
void on_move(Inbound& in);
void on_add(Inbound& in);
void on_remove(Inbound& in);

}  // namespace gesso::activitypub::inbound
