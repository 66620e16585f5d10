#pragma once
// Mastodon's Filter, FilterKeyword, FilterStatus and FilterResult entities, and the v1 (legacy) Filter: one
// keyword of a v2 filter seen as a filter of its own.
#include "activitypub/status_filters.hpp"
#include "core/json.hpp"
#include "storage/filters.hpp"

namespace gesso::web::mastodon {

void write_filter_keyword(core::JsonWriter& w, const storage::FilterKeyword& k);
void write_filter_status(core::JsonWriter& w, const storage::FilterStatus& s);
// The v2 Filter with its keywords and statuses.
void write_filter(core::JsonWriter& w, const storage::Filter& f);
// A FilterResult as the `filtered` array of a Status carries it.
void write_filter_result(core::JsonWriter& w, const activitypub::FilterResult& r);
// The v1 Filter for keyword `k` of `f` (its id is the keyword's id, as Mastodon maps them).
void write_v1_filter(core::JsonWriter& w, const storage::Filter& f, const storage::FilterKeyword& k);

}  // namespace gesso::web::mastodon
