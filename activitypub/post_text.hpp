#pragma once
// A local post's plain text -> the HTML that federates and the mentions and hashtags it contains, the way
// Mastodon formats statuses: paragraphs and line breaks, links for URLs, @user and @user@host mentions (when the
// account can be resolved; otherwise left as text) and #hashtags.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/urls.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

struct FormattedPost {
    std::string html;
    std::vector<core::Account> mentions;  // each account once, in order of first appearance
    std::vector<std::string> hashtags;    // as written, without '#', each once (case-insensitively)
};

// Finds the account "@username" (host empty) or "@username@host" names; nullopt leaves it as plain text.
using MentionResolver = std::function<std::optional<core::Account>(std::string_view username, std::string_view host)>;

// Formats `text`. At most limits::kMaxPostMentions mentions are resolved and kMaxPostHashtags tags kept; later
// ones stay plain text.
FormattedPost format_post_text(std::string_view text, const NodeUrls& urls, const MentionResolver& resolve);

// "@user@host" for a remote account, "@user@<our domain>" for a local one: the name a Mention tag carries.
std::string mention_name(const core::Account& account, const NodeUrls& urls);

}  // namespace gesso::activitypub
