#pragma once
// Which URLs from other servers Gesso keeps. Everything it stores may later be fetched (through the SSRF-guarded
// transport) or put into an href, so only plain absolute http(s) URLs pass; javascript:, data:, relative and
// credential-carrying URLs do not.
#include <string_view>

namespace gesso::activitypub::as2 {

// True for an absolute http or https URL (scheme in any case) with a non-empty host made of letters, digits,
// '-', '_' and '.', or a bracketed IPv6 literal; an optional numeric port (1-65535); no user info ('@' in the
// authority, a phishing device no server needs); no whitespace, control characters, '\', '<', '>', '"' or '`'
// anywhere; at most limits::kMaxUrlBytes bytes. Well-formed UTF-8 is accepted after the host, for servers that
// send IRIs with unencoded paths.
bool is_absolute_http_url(std::string_view url);

// The three spellings of the public collection ("https://www.w3.org/ns/activitystreams#Public", "as:Public",
// "Public") as the full URI; any other value unchanged.
std::string_view normalise_public(std::string_view address);

}  // namespace gesso::activitypub::as2
