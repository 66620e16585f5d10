#pragma once
// The Ed25519 keys local actors sign object integrity proofs with (FEP-8b32), published in their actor
// documents as `assertionMethod` Multikeys (FEP-521a) beside the RSA `publicKey` used for HTTP signatures.
// Accounts created before Ed25519 keys existed get one at start-up (backfill) or, at the latest, when they
// first sign an activity.
#include <string>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// The id of a local account's Ed25519 key: its actor id + "#ed25519-key".
std::string ed25519_key_id(const core::Account& local);

// The local account's Ed25519 key with its private part; when it has none, one is generated and stored on
// `conn` (which must be inside Database::write). Throws core::Error(internal) if key generation fails.
core::KeyPair ensure_ed25519_key(Context& ctx, storage::Connection& conn, const core::Account& local);

// Gives every local account (the instance actor included) that lacks an Ed25519 key one. Idempotent.
// Returns how many keys were created.
int backfill_ed25519_keys(Context& ctx);

}  // namespace gesso::activitypub
