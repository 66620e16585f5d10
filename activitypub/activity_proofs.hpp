#pragma once
// Object integrity proofs (FEP-8b32, eddsa-jcs-2022) at the level of activities: the outbox signs every
// activity once before it is queued, so every delivery carries the same bytes; the inbox verifies the proof of
// an activity that has one. The cryptography is in signatures/object_proof.hpp. Rules (docs/FEDERATION.md):
//   - the proof's verificationMethod must be on the host of the activity's `actor`, and the key (fetched with
//     its actor when unknown) must belong to that actor and be an Ed25519 key;
//   - a proof that is present but malformed, by another actor or not verifying rejects the activity (401),
//     whatever the HTTP signature says;
//   - a verified proof authenticates the activity as its `actor`, even when another actor signed the request
//     (the inbox still requires a valid HTTP signature, and refuses our own actors' activities from elsewhere).
#include <rapidjson/document.h>

#include <string>

#include "activitypub/context.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// `activity_json` (an AS2 activity object by local `author`) with an eddsa-jcs-2022 DataIntegrityProof made
// with the author's Ed25519 key (created on `conn`, inside Database::write, if the account has none yet):
// proofPurpose assertionMethod, verificationMethod the key id, created now. Throws core::Error(internal) if
// the JSON is not an object or already has a proof.
std::string add_activity_proof(Context& ctx, storage::Connection& conn, const core::Account& author,
                               const std::string& activity_json);

// True if the activity carries a `proof` member (of any shape).
bool has_proof(const rapidjson::Value& activity);

// Verifies the proof of an incoming activity whose `actor` is `actor_uri` and returns that actor. The key is
// looked up by its id (fetched with its actor when unknown; fetched once more when a cached key fails, for
// key rotation). Throws core::Error(unauthorized) under the rules above, for a malformed proof too.
core::Account verify_activity_proof(Context& ctx, const rapidjson::Value& activity, const std::string& actor_uri);

}  // namespace gesso::activitypub
