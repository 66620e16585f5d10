#pragma once
// Object integrity proofs (FEP-8b32): a Data Integrity `proof` of cryptosuite eddsa-jcs-2022 (W3C
// vc-di-eddsa) inside an activity, signed with the actor's Ed25519 key (an assertionMethod Multikey,
// FEP-521a). The hash signed is SHA-256(JCS(proof config)) || SHA-256(JCS(document without proof)).
// Documents must be parsed with full-precision numbers (see jcs.hpp). Thread-safe.
#include <rapidjson/document.h>

#include <chrono>
#include <optional>
#include <string>

#include "activitypub/signatures/signature_limits.hpp"
#include "core/clock.hpp"

namespace gesso::activitypub {

// Adds `proof` to `activity`: {"@context": <the activity's @context, when it has one>, "type":
// "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "verificationMethod": verification_method,
// "proofPurpose": "assertionMethod", "created": <ISO 8601 seconds of `created`>, "proofValue": "z<base58btc>"}.
// Throws core::Error(internal) if `activity` is not an object, already has a proof, or the key is not an
// Ed25519 private key; core::Error(bad_request) if the activity cannot be canonicalised.
void add_proof(rapidjson::Document& activity, const std::string& verification_method,
               const std::string& ed25519_private_pem, core::TimePoint created);

// The verificationMethod of the activity's proof: the key id to fetch before verify_proof. Throws
// core::Error(unauthorized) if there is no proof, bad_request if the proof or the id is malformed.
std::string proof_verification_method(const rapidjson::Value& activity);

// Verifies the activity's single eddsa-jcs-2022 proof with the signer's Ed25519 public key. Throws
// core::Error(unauthorized) when there is no proof, several proofs, another type or cryptosuite, a
// proofPurpose other than assertionMethod, a proof @context that is not a prefix of the document's, or a
// signature that does not verify (tampered document or proof, wrong key); core::Error(bad_request) when the
// proof is malformed (missing or non-string fields, proofValue not 'z' + base58btc of 64 bytes).
// With `now`, also rejects (unauthorized) a proof whose `expires` has passed or whose `created` lies more than
// `max_skew` ahead of `now`, and (bad_request) either date when it is not an XML Schema dateTime with a zone.
// A proof is not "too old": objects are verified long after they were signed.
void verify_proof(const rapidjson::Value& activity, const std::string& ed25519_public_pem,
                  std::optional<core::TimePoint> now = std::nullopt,
                  std::chrono::seconds max_skew = signature_limits::kDefaultMaxSkew);

}  // namespace gesso::activitypub
