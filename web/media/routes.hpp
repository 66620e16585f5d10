#pragma once
// Serving image files: GET /media/:name.
#include "activitypub/context.hpp"
#include "web/router.hpp"

namespace gesso::web::media_files {

// GET /media/:name streams a served derivative (a local upload's "full", "small" or, when its owner allows
// it, "original" copy; a cached remote image; a profile image) with its type, length, long-lived immutable
// caching, a strong ETag (If-None-Match answers 304) and the file's rights: X-Robots-Tag from a local
// upload's own mark or a remote post's xRobotsTag as received (default noai, noimageai; the finisher adds
// tdm-reservation and tdm-policy), the licence as Link rel="license". Originals are never reachable: their
// area is not mapped and their names are refused. Unknown names answer 404 JSON; an evicted remote copy
// answers 302 to the origin.
void add_media_file_routes(Router& router, activitypub::Context& ctx);  // files.cpp

}  // namespace gesso::web::media_files
