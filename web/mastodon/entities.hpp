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

}  // namespace gesso::web::mastodon
