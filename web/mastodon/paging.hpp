#pragma once
// Mastodon's list paging: max_id, since_id, min_id and limit in, Link header (rel="next"/"prev") out.
#include <string>
#include <vector>

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

}  // namespace gesso::web::mastodon
