#pragma once
// The one place filters are applied: which of a reader's filters match a status in a context (home,
// notifications, public, thread, account), by whole-word or substring keyword on the plain text of content
// and content warning, or by status. Routes load the reader's live filters once per request
// (ActiveFilters::load) and ask per status.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/filters.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {

// Text of HTML: tags dropped (a <br> or block end becomes a space), the common entities decoded.
std::string html_to_text(std::string_view html);

// Case-insensitive (ASCII) search of `keyword` in `text`; with `whole_word`, the match must not touch a letter or
// digit on either side.
bool keyword_matches(std::string_view text, std::string_view keyword, bool whole_word);

struct FilterResult {
    const storage::Filter* filter = nullptr;
    std::vector<std::string> keyword_matches;  // the keywords that matched
    std::vector<std::string> status_matches;   // ids (as text) of the filter's statuses that matched
};

class ActiveFilters {
public:
    // The reader's filters that are not expired at `now` and apply in `context`.
    static ActiveFilters load(storage::Connection& conn, core::Id reader, const std::string& context, core::TimePoint now);

    // The filters that match `status` (a boost is matched by what it boosts: pass that).
    std::vector<FilterResult> match(const core::Status& status) const;
    // True when a matching filter's action is hide.
    bool hides(const core::Status& status) const;
    bool empty() const { return filters_.empty(); }
    // When the first of these filters expires (nothing when none does): what was loaded is stale from then.
    std::optional<core::TimePoint> next_expiry() const;

private:
    std::vector<storage::Filter> filters_;
};

}  // namespace gesso::activitypub
