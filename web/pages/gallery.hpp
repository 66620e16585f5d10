#pragma once
// What the gallery, front and tag pages share: the public_gallery switch, max_id paging and the local gallery.
#include <optional>
#include <string>

#include "web/pages/render.hpp"
#include "web/pages/works.hpp"

namespace gesso::web::pages {

// The page's max_id query parameter; core::Error(bad_request) when it is not an id.
std::optional<core::Id> page_max_id(const Request& req);
// core::Error(not_found) when the admin turned the public gallery off.
void require_public_gallery(const Site& site);
// A page of the works of this node's public posts, below `max_id`.
WorksPage local_gallery_page(const Site& site, std::optional<core::Id> max_id);
// Sets older_url / newer_url for a page of works at `base_url`.
void set_paging(mustache::data& data, const WorksPage& page, const std::string& base_url, bool older_page);

}  // namespace gesso::web::pages
