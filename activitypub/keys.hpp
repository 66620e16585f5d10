#pragma once
// Key generation for actors (OpenSSL 3). PEM in, PEM out: SubjectPublicKeyInfo for public keys,
// PKCS#8 for private keys, as every ActivityPub peer reads them.
#include <string>

namespace gesso::activitypub {

struct PemKeyPair {
    std::string public_pem;
    std::string private_pem;
};

// RSA with core::limits::kRsaKeyBits. Throws core::Error(internal) if OpenSSL fails.
PemKeyPair generate_rsa_key();
PemKeyPair generate_ed25519_key();

// Bits of the RSA modulus in a public PEM, 0 if it is not a readable RSA key.
int rsa_public_key_bits(const std::string& public_pem);

}  // namespace gesso::activitypub
