#pragma once
// Signing and verifying bytes with PEM keys (OpenSSL 3 EVP), for the algorithms ActivityPub peers use.
// Keys are parsed on every call: callers cache PEM text, not OpenSSL objects, so nothing here is shared
// between threads. All functions are thread-safe.
#include <string>
#include <string_view>

namespace gesso::activitypub {

enum class KeyType { rsa, ed25519, other };

enum class SignatureAlgorithm {
    rsa_v1_5_sha256,  // RSASSA-PKCS1-v1_5 with SHA-256 (draft-cavage rsa-sha256, RFC 9421 rsa-v1_5-sha256)
    rsa_pss_sha512,   // RSASSA-PSS, SHA-512, MGF1-SHA-512, 64-byte salt (RFC 9421 §3.3.1)
    ed25519,          // Ed25519, no pre-hash (RFC 8032)
};

// Type of a public key given as PEM: SubjectPublicKeyInfo ("PUBLIC KEY") or PKCS#1 ("RSA PUBLIC KEY").
// RSA-PSS keys count as rsa. Throws core::Error(unauthorized) if the text is not a readable public key: such
// keys come from peers, and a request signed with one cannot be authenticated.
KeyType public_key_type(const std::string& public_pem);

// Type of a private key given as PEM (PKCS#8 or PKCS#1). Throws core::Error(internal): private keys are ours.
KeyType private_key_type(const std::string& private_pem);

// The algorithm a signature uses when the sender leaves it to the key (draft-cavage hs2019, RFC 9421 without
// `alg`): RSASSA-PKCS1-v1_5 SHA-256 for RSA, as every fediverse peer does, Ed25519 for Ed25519.
// Throws core::Error(unauthorized) for other key types.
SignatureAlgorithm algorithm_for_key(KeyType type);

// Signs `message`. Throws core::Error(internal) if the key is unreadable or does not fit the algorithm.
std::string sign_message(SignatureAlgorithm algorithm, const std::string& private_pem, std::string_view message);

// True if `signature` is valid for `message` under the public key. Returns false for a wrong signature; throws
// core::Error(unauthorized) if the key is unreadable, of the wrong type for `algorithm`, or an RSA key outside
// signature_limits::kMinRsaKeyBits..kMaxRsaKeyBits.
bool verify_message(SignatureAlgorithm algorithm, const std::string& public_pem, std::string_view message,
                    std::string_view signature);

}  // namespace gesso::activitypub
