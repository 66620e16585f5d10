#pragma once
// Length in characters (UTF-8 code points) as Mastodon counts titles and keywords against their limits.
#include <cstddef>
#include <string_view>

namespace gesso::web::mastodon {

inline std::size_t char_count(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace gesso::web::mastodon
