#include "activitypub/password.hpp"

#include <sodium.h>

#include "core/error.hpp"

namespace gesso::activitypub {

namespace {
void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw core::Error(core::Errc::internal, "internal error", "sodium_init failed");
}
}  // namespace

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw core::Error(core::Errc::internal, "internal error", "crypto_pwhash_str failed");
    }
    return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
    ensure_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace gesso::activitypub
