#pragma once
// Limits for everything under activitypub/signatures/. They bound the work an unauthenticated peer can make us
// do before a signature is checked (parsing, base conversions, RSA operations). core/limits.hpp holds the
// process-wide limits; these are specific to signatures and live beside the code that enforces them.
#include <chrono>
#include <cstddef>

namespace gesso::activitypub::signature_limits {

// Longest Signature, Signature-Input, Digest or Content-Digest value we parse, in bytes. A real draft-cavage
// header with an RSA-4096 signature and a long keyId is under 1.5 KiB; 8 KiB leaves room for a few RFC 9421
// signatures side by side and is still far below core::limits::kMaxHeaderBytes.
inline constexpr std::size_t kMaxSignatureHeaderBytes = 8 * 1024;

// Default tolerance between our clock and a peer's Date / `created`, in either direction. Mastodon and most
// peers accept about an hour; so do we (FEDERATION-NOTES.md).
inline constexpr std::chrono::seconds kDefaultMaxSkew{3600};

// Most signed headers (draft-cavage) or covered components (RFC 9421) in one signature. Real signatures use
// at most eight; the bound keeps the signing string small.
inline constexpr std::size_t kMaxCoveredComponents = 32;

// Most members of one structured-field dictionary (signatures in Signature-Input, digests in Content-Digest)
// and most parameters on one item. Fedify sends one signature with four parameters.
inline constexpr std::size_t kMaxDictionaryMembers = 16;
inline constexpr std::size_t kMaxParameters = 16;

// Largest decoded signature accepted, in bytes: an RSA-8192 signature is 1024 bytes, Ed25519 is 64.
inline constexpr std::size_t kMaxSignatureBytes = 1024;

// RSA moduli we verify with. 1024 is the floor because old peers (and draft-cavage's own test key) still
// use it; 8192 caps the cost of one verification, which an attacker can trigger with any key they publish.
inline constexpr int kMinRsaKeyBits = 1024;
inline constexpr int kMaxRsaKeyBits = 8192;

// Longest base58btc text we decode. Base conversion is quadratic; keys (48 chars) and Ed25519 proof values
// (about 88 chars) are far below this.
inline constexpr std::size_t kMaxBase58Chars = 256;

// Nesting depth canonicalised by JCS (objects and arrays). Documents reach us through core::parse_json,
// which already stops at core::limits::kMaxJsonDepth (32); values built in code get the same bound.
inline constexpr int kMaxJcsDepth = 32;

}  // namespace gesso::activitypub::signature_limits
