#pragma once
// Reading the timestamps peers put in `published`, `updated`, `endTime` and `closed`.
#include <optional>
#include <string_view>

#include "core/clock.hpp"

namespace gesso::activitypub::as2 {

// Parses an ISO 8601 / RFC 3339 date-time as servers send it:
//   "2024-03-01T12:34:56Z"            Mastodon, GoToSocial, snac
//   "2024-03-01T12:34:56.789Z"        Misskey (JavaScript toISOString)
//   "2021-10-20T12:40:37+02:00"       GoToSocial test data, Pixelfed (toAtomString)
//   "2024-03-01T12:34:56.123456-0700" offsets without a colon, up to nanosecond fractions
// 't', 'z' and a space instead of 'T' are accepted; a missing offset means UTC; a date alone means its midnight
// UTC; a leap second (:60) is read as :59. Returns nullopt for anything else, including impossible dates
// (2023-02-29), trailing text, and years outside 1900-2200 (a nanosecond clock cannot hold much more, and
// nothing federated was written earlier or will be read later).
std::optional<core::TimePoint> parse_iso8601(std::string_view text);

}  // namespace gesso::activitypub::as2
