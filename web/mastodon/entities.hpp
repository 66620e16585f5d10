#pragma once
// Mastodon API entities (https://docs.joinmastodon.org/entities/), rendered from the model. Shared by every
// route group of web/mastodon so each entity has one shape everywhere.
#include "activitypub/context.hpp"
#include "core/json.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::web::mastodon {

// "user" for local accounts, "user@host" for remote ones.
std::string acct(const core::Account& account);

// The Account entity. `with_source` adds `source` (the owner's own view: verify_credentials and
// update_credentials).
void write_account(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Account& account,
                   bool with_source = false);

// The Status entity as `viewer` sees it (favourited, reblogged, pinned are the viewer's; nullopt: anonymous).
// A boost carries the boosted status in `reblog`. The caller has checked that the viewer may see it.
void write_status(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Status& status,
                  std::optional<core::Id> viewer);

// The Notification entity as its recipient sees it; false (nothing written) when its sender or status is gone.
bool write_notification(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                        const core::Notification& n);

// The MediaAttachment entity.
void write_media(core::JsonWriter& w, activitypub::Context& ctx, const core::MediaAttachment& media);

}  // namespace gesso::web::mastodon
