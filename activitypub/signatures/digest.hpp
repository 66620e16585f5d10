#pragma once
// Body digests that HTTP signatures cover: `Digest` (RFC 3230, used with draft-cavage signatures) and
// `Content-Digest` (RFC 9530, used with RFC 9421 signatures). Pure functions, thread-safe.
#include <string>
#include <string_view>

namespace gesso::activitypub {

// "SHA-256=<base64 of SHA-256(body)>", the Digest value every fediverse peer sends and Misskey requires.
std::string digest_header(std::string_view body);

// "sha-256=:<base64 of SHA-256(body)>:", an RFC 9530 Content-Digest dictionary with one member.
std::string content_digest_header(std::string_view body);

// Checks an incoming Digest value against `body`. The value is a comma-separated list of `algorithm=base64`;
// algorithm names compare case-insensitively. SHA-256 and SHA-512 are understood, others are skipped. Throws
// core::Error(bad_request) when the value is malformed or too long, and core::Error(unauthorized) when no
// understood algorithm is present or an understood one does not match the body.
void check_digest_header(std::string_view value, std::string_view body);

// Checks an incoming Content-Digest value (an RFC 8941 dictionary of byte sequences) against `body`.
// sha-256 and sha-512 are understood, others are skipped. Same errors as check_digest_header.
void check_content_digest_header(std::string_view value, std::string_view body);

}  // namespace gesso::activitypub
