#pragma once
// ActivityStreams constants and the @context Gesso puts on every document: only widely preloaded context
// URLs (peers that never fetch unknown contexts still understand us) plus inline term definitions.
#include <string_view>

#include "core/json.hpp"

namespace gesso::activitypub {

inline constexpr std::string_view kActivityStreamsContext = "https://www.w3.org/ns/activitystreams";
inline constexpr std::string_view kSecurityContext = "https://w3id.org/security/v1";
// DataIntegrityProof (object integrity proofs, FEP-8b32) and Multikey (assertionMethod keys, FEP-521a).
inline constexpr std::string_view kDataIntegrityContext = "https://w3id.org/security/data-integrity/v1";
inline constexpr std::string_view kMultikeyContext = "https://w3id.org/security/multikey/v1";
inline constexpr std::string_view kPublic = "https://www.w3.org/ns/activitystreams#Public";
inline constexpr std::string_view kActivityJson = "application/activity+json";
inline constexpr std::string_view kLdJsonProfile =
    "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

// Writes the "@context" key and its value.
void write_context(core::JsonWriter& w);

// True for the three spellings of the public collection peers use.
bool is_public_address(std::string_view address);

}  // namespace gesso::activitypub
