#pragma once
// Password hashing with Argon2id through libsodium (crypto_pwhash_str): memory-hard, salted, self-describing.
#include <string>
#include <string_view>

namespace gesso::activitypub {

// Throws core::Error(internal) if hashing fails (out of memory).
std::string hash_password(std::string_view password);
// Constant-time check of `password` against a stored hash; false for a malformed hash.
bool verify_password(std::string_view password, const std::string& hash);

}  // namespace gesso::activitypub
