#pragma once
// Byte encodings and hashes shared by HTTP signatures, Multikey and object proofs. Base64 and SHA come from
// OpenSSL 3 (EVP); base58btc, which OpenSSL lacks, is implemented here (Bitcoin alphabet, as multibase 'z').
// All functions are pure and thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace gesso::activitypub {

// Standard base64 (RFC 4648 §4) with '=' padding. Never throws except std::bad_alloc.
std::string base64_encode(std::string_view bytes);

// Decodes standard base64. Returns nullopt on a character outside the alphabet, on padding anywhere but the end,
// or on a length that cannot be base64. With `allow_unpadded`, missing trailing '=' are tolerated (RFC 8941
// §4.2.7 asks byte-sequence parsers to accept that). Whitespace is never accepted.
std::optional<std::string> base64_decode(std::string_view text, bool allow_unpadded = false);

// Raw digests (32 and 64 bytes). Throw core::Error(internal) only if OpenSSL fails.
std::string sha256(std::string_view data);
std::string sha512(std::string_view data);

// Base58btc (the Bitcoin alphabet): leading zero bytes become '1'. Input is bytes, output text without a
// multibase prefix.
std::string base58btc_encode(std::string_view bytes);

// Inverse of base58btc_encode. Returns nullopt on a character outside the alphabet or when `text` is longer
// than signature_limits::kMaxBase58Chars (decoding is quadratic).
std::optional<std::string> base58btc_decode(std::string_view text);

}  // namespace gesso::activitypub
