#pragma once
// JSON Canonicalization Scheme (RFC 8785), the canonical form eddsa-jcs-2022 proofs sign: no whitespace,
// object members sorted by the UTF-16 code units of their names, numbers as ECMAScript writes them, strings
// with the minimal JSON.stringify escapes. Pure functions, thread-safe.
//
// Numbers are taken as the doubles RapidJSON holds. Parse documents with rapidjson::kParseFullPrecisionFlag
// (RapidJSON's default fast path can be one ulp off, which changes the canonical text and breaks proofs).
#include <rapidjson/document.h>

#include <string>

namespace gesso::activitypub {

// The canonical UTF-8 text of `value`. Throws core::Error(bad_request) for invalid UTF-8 in a string or name,
// a name that appears twice in one object, a non-finite number, or nesting deeper than
// signature_limits::kMaxJcsDepth.
std::string jcs_canonicalize(const rapidjson::Value& value);

// ECMAScript Number::toString of a finite double (RFC 8785 §3.2.2.3): shortest round-trip digits, plain
// notation for exponents -6..20, "e+N"/"e-N" otherwise, -0 as "0". Throws core::Error(bad_request) for NaN
// and infinities.
std::string jcs_number(double value);

}  // namespace gesso::activitypub
