#include "core/random.hpp"

#include <openssl/rand.h>

#include "core/error.hpp"

namespace gesso::core {

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
        throw Error(Errc::internal, "internal error", "RAND_bytes failed");
    }
    return out;
}

std::string random_hex(std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string bytes = random_bytes(n);
    std::string out;
    out.reserve(2 * n);
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0xF];
    }
    return out;
}

std::string random_password(std::size_t length) {
    static constexpr std::string_view kAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    out.reserve(length);
    while (out.size() < length) {
        for (unsigned char c : random_bytes(length)) {
            // Rejection sampling keeps the choice uniform: 4 * 57 = 228 is the largest multiple below 256.
            if (c < 228 && out.size() < length) out += kAlphabet[c % kAlphabet.size()];
        }
    }
    return out;
}

}  // namespace gesso::core
