#pragma once
// Multikey (FEP-521a, W3C Controlled Identifiers): Ed25519 keys as `publicKeyMultibase` "z6Mk..." — the
// multibase prefix 'z' (base58btc) over the multicodec varint 0xed 0x01 (ed25519-pub) and the 32 key bytes.
// PEM on our side, as in activitypub/keys.hpp. Thread-safe.
#include <string>
#include <string_view>

namespace gesso::activitypub {

// The publicKeyMultibase of an Ed25519 public key PEM. Throws core::Error(bad_request) if the PEM is not an
// Ed25519 public key.
std::string ed25519_public_multibase(const std::string& public_pem);

// The SubjectPublicKeyInfo PEM of a publicKeyMultibase value. Throws core::Error(bad_request) unless it is
// 'z' + base58btc of 0xed 0x01 followed by exactly 32 bytes.
std::string ed25519_pem_from_multibase(std::string_view multibase);

// The PKCS#8 PEM of an Ed25519 secret key given as secretKeyMultibase ('z' + base58btc of the multicodec
// ed25519-priv prefix 0x80 0x26 and the 32-byte seed), the form the Data Integrity test vectors publish.
// Throws core::Error(bad_request) if malformed.
std::string ed25519_private_pem_from_multibase(std::string_view multibase);

}  // namespace gesso::activitypub
