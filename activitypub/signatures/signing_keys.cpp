#include "activitypub/signatures/signing_keys.hpp"

#include "activitypub/openssl_handles.hpp"

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <memory>
#include <mutex>
#include <unordered_map>

#include "activitypub/signatures/signature_limits.hpp"
#include "core/error.hpp"

namespace gesso::activitypub {

namespace {


// Decodes PEM with OpenSSL's decoder chain, which accepts every structure peers publish (SPKI, PKCS#1, PKCS#8)
// without the deprecated PEM_read_RSA* functions. Returns null on failure.
KeyPtr decode_pem(const std::string& pem, int selection) {
    EVP_PKEY* raw = nullptr;
    DecoderPtr decoder(
        OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, nullptr, selection, nullptr, nullptr));
    if (!decoder) return nullptr;
    const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
    std::size_t length = pem.size();
    if (OSSL_DECODER_from_data(decoder.get(), &data, &length) != 1) {
        EVP_PKEY_free(raw);
        ERR_clear_error();  // the error queue is per thread; leave it clean for TLS code on this thread
        return nullptr;
    }
    return KeyPtr(raw);
}

// Decoding PEM through OpenSSL 3's decoder chain costs far more than one RSA verification (provider lookups
// under global locks), and the same few keys sign most traffic. Decoded keys are kept here, bounded; an
// EVP_PKEY is safe to use for signing and verifying from several threads at once.
using SharedKey = std::shared_ptr<EVP_PKEY>;
constexpr std::size_t kKeyCacheEntries = 1024;  // ~4 KiB each

SharedKey cached_pem(const std::string& pem, int selection) {
    static std::mutex mutex;
    static std::unordered_map<std::string, SharedKey> cache;
    std::string cache_key = std::to_string(selection) + pem;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(cache_key); it != cache.end()) return it->second;
    }
    KeyPtr decoded = decode_pem(pem, selection);
    if (!decoded) return nullptr;
    SharedKey key(decoded.release(), [](EVP_PKEY* k) { EVP_PKEY_free(k); });
    std::lock_guard lock(mutex);
    if (cache.size() >= kKeyCacheEntries) cache.clear();
    cache.emplace(std::move(cache_key), key);
    return key;
}

KeyType type_of(const EVP_PKEY* key) {
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA:
        case EVP_PKEY_RSA_PSS: return KeyType::rsa;
        case EVP_PKEY_ED25519: return KeyType::ed25519;
        default: return KeyType::other;
    }
}

KeyType required_type(SignatureAlgorithm algorithm) {
    return algorithm == SignatureAlgorithm::ed25519 ? KeyType::ed25519 : KeyType::rsa;
}

[[noreturn]] void internal(const char* detail) { throw core::Error(core::Errc::internal, "internal error", detail); }

// Starts a one-shot sign or verify operation on `ctx` with the padding `algorithm` needs.
bool init(EVP_MD_CTX* ctx, SignatureAlgorithm algorithm, EVP_PKEY* key, bool signing) {
    const char* md = nullptr;
    if (algorithm == SignatureAlgorithm::rsa_v1_5_sha256) md = "SHA256";
    if (algorithm == SignatureAlgorithm::rsa_pss_sha512) md = "SHA512";
    EVP_PKEY_CTX* pctx = nullptr;
    int ok = signing ? EVP_DigestSignInit_ex(ctx, &pctx, md, nullptr, nullptr, key, nullptr)
                     : EVP_DigestVerifyInit_ex(ctx, &pctx, md, nullptr, nullptr, key, nullptr);
    if (ok != 1) return false;
    if (algorithm == SignatureAlgorithm::rsa_pss_sha512) {
        // RFC 9421 §3.3.1: MGF1 with SHA-512 and a 64-byte salt, on signing and verifying alike.
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, "SHA512", nullptr) != 1 ||
            EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 64) != 1) {
            return false;
        }
    } else if (algorithm == SignatureAlgorithm::rsa_v1_5_sha256) {
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) return false;
    }
    return true;
}

// Ed25519 verification through libsodium: OpenSSL 3's EVP set-up (algorithm fetch, provider key export)
// costs more than the verification itself, which tripled the cost of each object integrity proof.
// libsodium is also the stricter verifier (it refuses non-canonical and small-order encodings).
bool verify_ed25519(EVP_PKEY* key, std::string_view message, std::string_view signature) {
    static const bool ready = sodium_init() >= 0;
    if (!ready) internal("sodium_init failed");
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    std::size_t length = sizeof public_key;
    if (EVP_PKEY_get_raw_public_key(key, public_key, &length) != 1 || length != sizeof public_key) {
        ERR_clear_error();
        throw core::Error(core::Errc::unauthorized, "the signer's Ed25519 key is unreadable");
    }
    if (signature.size() != crypto_sign_BYTES) return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                       public_key) == 0;
}

}  // namespace

KeyType public_key_type(const std::string& public_pem) {
    SharedKey key = cached_pem(public_pem, EVP_PKEY_PUBLIC_KEY);
    if (!key) throw core::Error(core::Errc::unauthorized, "the signer's public key is not a readable PEM key");
    return type_of(key.get());
}

KeyType private_key_type(const std::string& private_pem) {
    SharedKey key = cached_pem(private_pem, EVP_PKEY_KEYPAIR);
    if (!key) internal("private key PEM is unreadable");
    return type_of(key.get());
}

SignatureAlgorithm algorithm_for_key(KeyType type) {
    switch (type) {
        case KeyType::rsa: return SignatureAlgorithm::rsa_v1_5_sha256;
        case KeyType::ed25519: return SignatureAlgorithm::ed25519;
        case KeyType::other: break;
    }
    throw core::Error(core::Errc::unauthorized, "the signer's key type is not supported (only RSA and Ed25519)");
}

std::string sign_message(SignatureAlgorithm algorithm, const std::string& private_pem, std::string_view message) {
    SharedKey key = cached_pem(private_pem, EVP_PKEY_KEYPAIR);
    if (!key) internal("private key PEM is unreadable");
    if (type_of(key.get()) != required_type(algorithm)) internal("private key type does not fit the algorithm");
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || !init(ctx.get(), algorithm, key.get(), true)) internal("signature setup failed");
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    std::size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, message.size()) != 1) internal("signing failed");
    std::string signature(length, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                       message.size()) != 1) {
        internal("signing failed");
    }
    signature.resize(length);
    return signature;
}

bool verify_message(SignatureAlgorithm algorithm, const std::string& public_pem, std::string_view message,
                    std::string_view signature) {
    SharedKey key = cached_pem(public_pem, EVP_PKEY_PUBLIC_KEY);
    if (!key) throw core::Error(core::Errc::unauthorized, "the signer's public key is not a readable PEM key");
    KeyType type = type_of(key.get());
    if (type != required_type(algorithm)) {
        throw core::Error(core::Errc::unauthorized, "the signature algorithm does not match the signer's key type");
    }
    if (type == KeyType::rsa) {
        int bits = EVP_PKEY_get_bits(key.get());
        if (bits < signature_limits::kMinRsaKeyBits || bits > signature_limits::kMaxRsaKeyBits) {
            throw core::Error(core::Errc::unauthorized, "the signer's RSA key size is outside 1024..8192 bits");
        }
    }
    if (signature.size() > signature_limits::kMaxSignatureBytes) return false;
    if (type == KeyType::ed25519) return verify_ed25519(key.get(), message, signature);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || !init(ctx.get(), algorithm, key.get(), false)) {
        throw core::Error(core::Errc::unauthorized, "the signer's key cannot be used with this signature algorithm");
    }
    bool valid = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                  signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size()) == 1;
    ERR_clear_error();  // a wrong signature leaves an entry on this thread's queue
    return valid;
}

}  // namespace gesso::activitypub
