#pragma once
// Mastodon's list paging: max_id, since_id, min_id and limit in, Link header (rel="next"/"prev") out.
#include <algorithm>
#include <string>
#include <vector>

#include "core/limits.hpp"

#include "core/model.hpp"
#include "storage/statuses.hpp"
#include "web/http.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

// Reads the paging parameters; limit defaults to `default_limit` and is clamped to 1..`max_limit`.
// Ids that are not numbers are ignored (Mastodon answers an empty page for nonsense, never an error).
storage::IdPage read_page(const Params& params, int default_limit = 20, int max_limit = 40);

// Sets `Link: <base?max_id=oldest>; rel="next", <base?min_id=newest>; rel="prev"` for a non-empty page of ids
// (newest first). `base` is the absolute URL of the endpoint without paging parameters.
void set_link_header(Response& res, const std::string& base, const std::vector<core::Id>& ids);

// Fills one page from an index range when some rows may not be shown: `fetch(page)` answers a page of ids
// (newest first, as storage's *_page functions do) and `keep(id)` says whether one is shown. Reads batches of
// limits::kTimelineScanBatchRows ids, at most kMaxTimelineScanBatches of them, and stops as soon as the page is
// full; past that bound it answers what it found (possibly fewer than page.limit, possibly nothing: a client
// asks again from the Link header). With min_id the page is the kept ids just above it.
template <typename Fetch, typename Keep>
std::vector<core::Id> scan_page(storage::IdPage page, Fetch fetch, Keep keep) {
    const std::size_t wanted = static_cast<std::size_t>(page.limit);
    const bool upward = page.min_id.has_value();
    page.limit = std::max(page.limit, core::limits::kTimelineScanBatchRows);
    std::vector<core::Id> out;  // in scan order: newest first, or oldest first when paging upward
    for (int batch = 0; batch < core::limits::kMaxTimelineScanBatches && out.size() < wanted; ++batch) {
        std::vector<core::Id> ids = fetch(page);
        if (upward) std::reverse(ids.begin(), ids.end());
        for (core::Id id : ids) {
            if (out.size() >= wanted) break;
            if (keep(id)) out.push_back(id);
        }
        if (ids.size() < static_cast<std::size_t>(page.limit)) break;
        if (upward) page.min_id = ids.back();
        else page.max_id = ids.back();
    }
    if (upward) std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace gesso::web::mastodon
