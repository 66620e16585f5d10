#include "activitypub/keys.hpp"

#include "activitypub/openssl_handles.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::activitypub {

namespace {


[[noreturn]] void fail(const char* what) { throw core::Error(core::Errc::internal, "internal error", what); }

std::string bio_string(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

PemKeyPair to_pem(EVP_PKEY* key) {
    BioPtr pub(BIO_new(BIO_s_mem()));
    BioPtr priv(BIO_new(BIO_s_mem()));
    if (!pub || !priv || PEM_write_bio_PUBKEY(pub.get(), key) != 1 ||
        PEM_write_bio_PrivateKey(priv.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        fail("PEM encoding failed");
    }
    return {bio_string(pub.get()), bio_string(priv.get())};
}

}  // namespace

PemKeyPair generate_rsa_key() {
    KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(core::limits::kRsaKeyBits)));
    if (!key) fail("RSA key generation failed");
    return to_pem(key.get());
}

PemKeyPair generate_ed25519_key() {
    KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) fail("Ed25519 key generation failed");
    return to_pem(key.get());
}

int rsa_public_key_bits(const std::string& public_pem) {
    BioPtr bio(BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())));
    if (!bio) return 0;
    KeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) return 0;
    return EVP_PKEY_get_bits(key.get());
}

}  // namespace gesso::activitypub
