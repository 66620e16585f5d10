#include "activitypub/signatures/multikey.hpp"

#include "activitypub/openssl_handles.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <optional>

#include "activitypub/signatures/encoding.hpp"
#include "core/error.hpp"

namespace gesso::activitypub {

namespace {


constexpr std::string_view kEd25519PublicPrefix{"\xed\x01", 2};   // multicodec ed25519-pub (0xed)
constexpr std::string_view kEd25519PrivatePrefix{"\x80\x26", 2};  // multicodec ed25519-priv (0x1300)
constexpr std::size_t kEd25519KeyBytes = 32;

[[noreturn]] void bad(const std::string& why) { throw core::Error(core::Errc::bad_request, why); }

// The 32 key bytes behind 'z' + base58btc(prefix || key), or a bad_request naming `what`.
std::string decode_multikey(std::string_view multibase, std::string_view prefix, const char* what) {
    if (multibase.empty() || multibase.front() != 'z') bad(std::string(what) + " is not base58btc multibase ('z...')");
    std::optional<std::string> bytes = base58btc_decode(multibase.substr(1));
    if (!bytes) bad(std::string(what) + " is not valid base58btc");
    if (bytes->size() != prefix.size() + kEd25519KeyBytes || std::string_view(*bytes).substr(0, 2) != prefix) {
        bad(std::string(what) + " is not an Ed25519 multikey");
    }
    return bytes->substr(prefix.size());
}

std::string bio_string(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

[[noreturn]] void internal(const char* detail) { throw core::Error(core::Errc::internal, "internal error", detail); }

}  // namespace

std::string ed25519_public_multibase(const std::string& public_pem) {
    BioPtr bio(BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())));
    KeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
        ERR_clear_error();
        bad("key is not an Ed25519 public key");
    }
    unsigned char raw[kEd25519KeyBytes];
    std::size_t length = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key.get(), raw, &length) != 1 || length != kEd25519KeyBytes) {
        internal("EVP_PKEY_get_raw_public_key failed");
    }
    std::string multibase(1, 'z');
    multibase += base58btc_encode(std::string(kEd25519PublicPrefix) + std::string(reinterpret_cast<char*>(raw), length));
    return multibase;
}

std::string ed25519_pem_from_multibase(std::string_view multibase) {
    std::string raw = decode_multikey(multibase, kEd25519PublicPrefix, "publicKeyMultibase");
    KeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                           reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!key || !out || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1) internal("Ed25519 public key encoding failed");
    return bio_string(out.get());
}

std::string ed25519_private_pem_from_multibase(std::string_view multibase) {
    std::string seed = decode_multikey(multibase, kEd25519PrivatePrefix, "secretKeyMultibase");
    KeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                            reinterpret_cast<const unsigned char*>(seed.data()), seed.size()));
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!key || !out || PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        internal("Ed25519 private key encoding failed");
    }
    return bio_string(out.get());
}

}  // namespace gesso::activitypub
