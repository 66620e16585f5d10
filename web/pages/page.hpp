#pragma once
// The signed-in pages (sign-in, registration, settings) in the site's layout (web/pages/render.hpp: the
// navigation, the stylesheet, the security headers), never cached. Their bodies are built by these helpers for
// accessible forms: every input has a label, and a field's error is shown next to it (aria-describedby).
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "activitypub/context.hpp"
#include "core/error.hpp"
#include "web/http.hpp"
#include "web/pages/render.hpp"

namespace gesso::web::pages {

struct SessionViewer;

// Errors by field name; "" holds an error about the whole form.
using FieldErrors = std::map<std::string, std::string, std::less<>>;

// A complete page around `body` (already HTML, template form_page), for `req`'s viewer.
Response render_form_page(const Site& site, const Request& req, std::string_view title, std::string_view body,
                          http::status status = http::status::ok);

// A settings page: render_page with the settings navigation, `active_path` marked as the current page.
Response render_settings_page(const Site& site, const Request& req, std::string_view active_path,
                              std::string_view title, std::string_view body, http::status status = http::status::ok);
// 303 to `path` (after a successful form: the browser then GETs the page, so a reload does not post again).
Response see_other(const std::string& path);

// An engine error shown next to the field it is about: the field of the first (phrase, field) pair whose phrase
// the message contains; "" (the whole form) when none matches.
using ErrorPlaces = std::initializer_list<std::pair<std::string_view, std::string_view>>;
FieldErrors errors_from(const core::Error& error, ErrorPlaces places);

// <input type="hidden" name="csrf_token" ...> for the viewer's session.
std::string csrf_input(const SessionViewer& viewer);
// A labelled <input> (type text, email, password, url...), with its error from `errors` next to it.
std::string input_field(std::string_view name, std::string_view label, std::string_view type, std::string_view value,
                        const FieldErrors& errors, std::string_view extra_attributes = "");
std::string textarea_field(std::string_view name, std::string_view label, std::string_view value,
                           const FieldErrors& errors, std::size_t rows = 4);
std::string checkbox_field(std::string_view name, std::string_view label, bool checked, std::string_view hint = "");
// <select> with (value, label) options, `selected` chosen.
std::string select_field(std::string_view name, std::string_view label,
                         const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected,
                         const FieldErrors& errors);
// The form-wide error (errors[""]) as an alert, and `notice` (a success message) as a status line.
std::string form_messages(const FieldErrors& errors, std::string_view notice);

}  // namespace gesso::web::pages
