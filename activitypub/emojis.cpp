#include "activitypub/emojis.hpp"

#include "storage/post_details.hpp"

namespace gesso::activitypub {

std::string emoji_shortcode(const std::string& name) {
    std::string code = name;
    if (!code.empty() && code.front() == ':') code.erase(0, 1);
    if (!code.empty() && code.back() == ':') code.pop_back();
    return code;
}

void store_emojis(storage::Connection& conn, const std::vector<as2::CustomEmoji>& emojis, const std::string& domain,
                  core::TimePoint at) {
    for (const auto& emoji : emojis) {
        std::string code = emoji_shortcode(emoji.name);
        if (code.empty()) continue;
        storage::upsert_emoji(conn, code, domain, emoji.icon_url, emoji.id, at);
    }
}

}  // namespace gesso::activitypub
