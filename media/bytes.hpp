#pragma once
// Bounds-checked readers and writers for the integers image formats are made of. Readers take the whole
// buffer and an offset and return nullopt past the end, so a parser over hostile bytes cannot overrun.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gesso::media::bytes {

inline std::optional<std::uint32_t> be(std::string_view d, std::size_t at, int n) {
    if (at > d.size() || d.size() - at < static_cast<std::size_t>(n)) return std::nullopt;
    std::uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(d[at + i]);
    return v;
}

inline std::optional<std::uint32_t> le(std::string_view d, std::size_t at, int n) {
    if (at > d.size() || d.size() - at < static_cast<std::size_t>(n)) return std::nullopt;
    std::uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(d[at + i]);
    return v;
}

inline void put_be(std::string& out, std::uint32_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

inline void put_le(std::string& out, std::uint32_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace gesso::media::bytes
