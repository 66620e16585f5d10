#include "activitypub/signatures/encoding.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <vector>

#include "activitypub/signatures/signature_limits.hpp"
#include "core/error.hpp"

namespace gesso::activitypub {

namespace {

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

std::string digest(const EVP_MD* md, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out, &n, md, nullptr) != 1) {
        throw core::Error(core::Errc::internal, "internal error", "EVP_Digest failed");
    }
    return std::string(reinterpret_cast<const char*>(out), n);
}

constexpr std::string_view kBase58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

}  // namespace

std::string base64_encode(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX / 4 * 3)) {
        throw core::Error(core::Errc::internal, "internal error", "base64 input too large");
    }
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock writes a NUL terminator
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text, bool allow_unpadded) {
    // EVP_DecodeBlock trims whitespace and does not report padding, so validate the shape here first.
    std::size_t data_end = text.size();
    while (data_end > 0 && text[data_end - 1] == '=') --data_end;
    std::size_t padding = text.size() - data_end;
    if (padding > 2) return std::nullopt;
    if (!std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(data_end), is_base64_char)) {
        return std::nullopt;
    }
    std::string padded(text);
    if (padded.size() % 4 != 0) {
        if (!allow_unpadded || padding != 0) return std::nullopt;
        padding = 4 - padded.size() % 4;
        if (padding == 3) return std::nullopt;  // one leftover character cannot encode a byte
        padded.append(padding, '=');
    } else if (padding > 0 && data_end % 4 != 4 - padding) {
        return std::nullopt;  // "ab=" + "=" or "abc==": padding that does not complete the final group
    }
    if (padded.empty()) return std::string();
    if (padded.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
    std::string out(padded.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(padded.data()), static_cast<int>(padded.size()));
    if (n < 0 || static_cast<std::size_t>(n) != out.size()) return std::nullopt;
    out.resize(out.size() - padding);  // EVP_DecodeBlock counts the zero bytes that padding stands for
    return out;
}

std::string sha256(std::string_view data) { return digest(EVP_sha256(), data); }
std::string sha512(std::string_view data) { return digest(EVP_sha512(), data); }

std::string base58btc_encode(std::string_view bytes) {
    std::size_t zeros = 0;
    while (zeros < bytes.size() && bytes[zeros] == '\0') ++zeros;
    // Little-endian base-58 digits of the big-endian number in `bytes`.
    std::vector<std::uint8_t> digits;
    digits.reserve(bytes.size() * 138 / 100 + 1);  // log(256)/log(58) ~ 1.37
    for (std::size_t i = zeros; i < bytes.size(); ++i) {
        unsigned carry = static_cast<unsigned char>(bytes[i]);
        for (auto& d : digits) {
            carry += static_cast<unsigned>(d) << 8;
            d = static_cast<std::uint8_t>(carry % 58);
            carry /= 58;
        }
        while (carry > 0) {
            digits.push_back(static_cast<std::uint8_t>(carry % 58));
            carry /= 58;
        }
    }
    std::string out(zeros, '1');
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kBase58Alphabet[*it]);
    return out;
}

std::optional<std::string> base58btc_decode(std::string_view text) {
    if (text.size() > signature_limits::kMaxBase58Chars) return std::nullopt;
    static const std::array<int, 256> index = [] {
        std::array<int, 256> table{};
        table.fill(-1);
        for (std::size_t i = 0; i < kBase58Alphabet.size(); ++i) {
            table[static_cast<unsigned char>(kBase58Alphabet[i])] = static_cast<int>(i);
        }
        return table;
    }();
    std::size_t ones = 0;
    while (ones < text.size() && text[ones] == '1') ++ones;
    std::vector<std::uint8_t> bytes;  // little-endian base-256
    for (std::size_t i = ones; i < text.size(); ++i) {
        int value = index[static_cast<unsigned char>(text[i])];
        if (value < 0) return std::nullopt;
        unsigned carry = static_cast<unsigned>(value);
        for (auto& b : bytes) {
            carry += static_cast<unsigned>(b) * 58;
            b = static_cast<std::uint8_t>(carry & 0xff);
            carry >>= 8;
        }
        while (carry > 0) {
            bytes.push_back(static_cast<std::uint8_t>(carry & 0xff));
            carry >>= 8;
        }
    }
    std::string out(ones, '\0');
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) out.push_back(static_cast<char>(*it));
    return out;
}

}  // namespace gesso::activitypub
