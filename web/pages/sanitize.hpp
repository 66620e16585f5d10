#pragma once
// HTML from other servers (remote bios, profile fields, posts) is stored as sent (activitypub/as2/values.hpp):
// pages pass it through this allowlist before it reaches a browser.
#include <string>
#include <string_view>

namespace gesso::web::pages {

// Keeps text (entities kept when well-formed, stray '<' '>' '&' escaped) and these elements only: p, br, a, span,
// strong, b, em, i, u, s, del, code, pre, blockquote, ul, ol, li. Attributes kept: a's href (http, https or
// mailto only), always with rel="nofollow noopener noreferrer ugc"; a and span's class only for Mastodon's
// mention/hashtag/invisible/ellipsis classes. Every other element is dropped with its tags (script, style,
// iframe, object, svg, math, template, textarea, title, noscript also with their content); comments and
// declarations are dropped; elements left open are closed at the end. Never throws.
std::string sanitize_html(std::string_view html);

// Plain text (a local bio) as HTML: escaped, with paragraphs at blank lines and <br> at single newlines.
std::string text_to_html(std::string_view text);

}  // namespace gesso::web::pages
