#pragma once
// The admin pages (/admin/...): for signed-in admins only. Anyone else signed in gets the plain 404 page (the pages
// do not reveal that they exist), a signed-out visitor the sign-in page; every POST passes the session layer's
// origin and CSRF checks first (session.hpp). Each page calls the same engine functions as the CLI
// (`gesso admin ...`) and the admin API. Bodies are Mustache templates (templates/admin_*.mustache) inside the
// admin frame (templates/admin_frame.mustache: the admin navigation); handlers only build the view.
//
// Forms: success answers 303 to the page (with ?done=WORD, which the page turns into a fixed notice); failure
// shows the form again with 422, the engine's message next to its field, nothing stored.
#include <string>
#include <string_view>

#include "web/pages/page.hpp"
#include "web/pages/render.hpp"
#include "web/pages/session.hpp"
#include "web/router.hpp"

namespace gesso::web::pages {

// signed_in() plus the admin check: a viewer who is not an admin gets Errc::not_found (the site's 404 page).
Handler admin_only(const SitePtr& site, ViewerHandler handler);

// Adds a POST route with the form body limit, admin-only.
void add_admin_post(Router& router, const SitePtr& site, const std::string& path, ViewerHandler handler);

// Renders `template_name` with `data` in the admin frame, `section` ("/admin/accounts") marked current in the
// admin navigation. Sets csrf_token in `data` for the template's forms. Never cached.
Response render_admin_page(const Site& site, const Request& req, const SessionViewer& viewer, std::string_view section,
                           std::string_view title, std::string_view template_name, mustache::data data,
                           http::status status = http::status::ok);

// The view keys of form errors: "<field>_error" for each field's message, and "form_error" for the form (the
// message about the whole form, or a pointer to the fields marked below).
void set_form_errors(mustache::data& data, const FieldErrors& errors);

// `text` percent-encoded for a query string value (unreserved characters kept).
std::string url_encode(std::string_view text);

// "2026-11-26 08:15 UTC", for tables.
std::string admin_time(core::TimePoint t);

}  // namespace gesso::web::pages
