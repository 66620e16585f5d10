#pragma once
// UTF-8 validity for text taken from other servers. core::parse_json does not check encodings, and text we keep is
// later written into JSON and HTML for clients that reject (or mis-render) broken UTF-8.
#include <string_view>

namespace gesso::activitypub::as2 {

// True when `text` is well-formed UTF-8 (RFC 3629): no stray continuation bytes, no truncated sequences, no
// overlong forms, no UTF-16 surrogates (U+D800-U+DFFF), nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

}  // namespace gesso::activitypub::as2
