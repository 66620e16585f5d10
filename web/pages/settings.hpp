#pragma once
// What the admin configures for the HTML pages (server/config, docs/admin/pages.md).
#include <string>

namespace gesso::web::pages {

struct SiteSettings {
    bool public_gallery = true;  // the local timeline at /public (and on /) and tag pages /tags/:tag; off: 404 pages
    std::string login_url = "/auth/sign_in";  // where the layout's "Log in" link points (the session pages)
    bool require_alt_text = false;  // the compose page refuses works without alt text (config require_alt_text)
};

}  // namespace gesso::web::pages
