#pragma once
// The Mastodon API side of an artist's protection settings, for update_credentials and the account's `source`
// (docs/admin/no-ai.md lists the parameters). Mastodon has no fields for these, so they live in a `gesso`
// object; `indexable` and `discoverable` are Mastodon's own parameters.
#include "activitypub/context.hpp"
#include "activitypub/protection.hpp"
#include "core/json.hpp"
#include "core/model.hpp"
#include "core/protection.hpp"
#include "web/params.hpp"

namespace gesso::web::noai {

// Reads gesso[data_mining], gesso[ai_training_reserved], gesso[license], gesso[cloak_level],
// gesso[watermark][text|position|opacity], gesso[allow_original_download], indexable and discoverable from
// `params` and saves those present for the local `account` in one transaction. Throws core::Error(unprocessable)
// naming the first invalid parameter, with nothing saved. Returns the settings now in force.
core::ProtectionSettings apply_protection_params(activitypub::Context& ctx, const core::Account& account,
                                                 const Params& params);

// A post's own choices from POST/PUT /api/v1/statuses: gesso[data_mining] (or the gesso[ai_training_reserved]
// shortcut), gesso[license], gesso[indexable]; each may be "default" (the author's setting again). Validation
// happens in activitypub::apply_post_rights. Throws core::Error(unprocessable) when the shortcut and the
// DataMining value disagree.
activitypub::PostRightsChange read_post_rights(const Params& params);

// Writes "gesso": {ai_training_reserved, data_mining, x_robots_tag, license, cloak_level, watermark: {text,
// position, opacity}, allow_original_download} as the next member of the object being written (the account's
// `source`).
void write_protection_source(core::JsonWriter& w, const core::ProtectionSettings& settings);

}  // namespace gesso::web::noai
