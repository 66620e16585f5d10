#pragma once
// Shared by the account route groups: finding the account an :id names, the viewer of a request, lists of
// accounts, and the Relationship entity (https://docs.joinmastodon.org/entities/Relationship/).
#include <optional>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "core/json.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"
#include "web/http.hpp"

namespace gesso::web::mastodon {

// The account `id_text` names, if it may be shown at all (not suspended, not the instance actor). Throws
// not_found ("Record not found") otherwise, also for ids that are not numbers.
core::Account shown_account(storage::Connection& conn, std::string_view id_text);

// The local account behind the request's token, if any (throws unauthorized for a bad token).
std::optional<core::Id> request_viewer(activitypub::Context& ctx, const Request& req);

// The actor URI of an account (local accounts' is derived from the node's URLs).
std::string actor_uri(activitypub::Context& ctx, const core::Account& account);

// A JSON array of the accounts `ids` (ones gone or suspended meanwhile are left out).
void write_account_list(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                        const std::vector<core::Id>& ids);

// The Relationship entity of `viewer` with `target`.
void write_relationship(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, core::Id viewer,
                        const core::Account& target);

// A relationship as the response body, read after the change the handler made.
Response relationship_response(activitypub::Context& ctx, core::Id viewer, core::Id target_id);

}  // namespace gesso::web::mastodon
