#pragma once
// The signed-in pages (sign-in, registration, settings, compose) in the site's layout (web/pages/render.hpp: the
// navigation, the stylesheet, the security headers), never cached. Their bodies are Mustache templates
// (web/pages/templates/) with the form markup written in the template: every input has a label, and a field's
// error is shown next to it (aria-describedby). The C++ handler only builds the view.
//
// View keys every form page gets (besides render_page's csrf_token, viewer...):
//   errors.<key>   the error of one field, <key> being error_key(field name): "gesso[cloak_level]" →
//                  "gesso_cloak_level"; a template shows it next to its field and marks the input aria-invalid
//   form_error     the form-wide error (errors[""]), or "Please correct the fields marked below."
//   notice         a success message
// and these partials (templates whose name starts with "_"): {{>_form_messages}} (form_error and notice),
// {{>_csrf}} (the hidden csrf_token input), {{>_settings_nav}} (render_settings_page's section links).
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

// Template `template_name` rendered with `data` (plus the partials above) in the layout, titled `title`, for
// `req`'s viewer; Cache-Control: private, no-store.
Response render_form_page(const Site& site, const Request& req, std::string_view title, std::string_view template_name,
                          mustache::data data, http::status status = http::status::ok);

// A settings page: render_form_page with the settings navigation (view key settings_nav, partial _settings_nav),
// `active_path` marked as the current page.
Response render_settings_page(const Site& site, const Request& req, std::string_view active_path,
                              std::string_view title, std::string_view template_name, mustache::data data,
                              http::status status = http::status::ok);

// 303 to `path` (after a successful form: the browser then GETs the page, so a reload does not post again).
Response see_other(const std::string& path);

// An engine error shown next to the field it is about: the field of the first (phrase, field) pair whose phrase
// the message contains; "" (the whole form) when none matches.
using ErrorPlaces = std::initializer_list<std::pair<std::string_view, std::string_view>>;
FieldErrors errors_from(const core::Error& error, ErrorPlaces places);

// The view key of field `name`'s error: each run of characters other than letters, digits and '_' becomes one
// '_', with none at the end ("fields_attributes[0][name]" → "fields_attributes_0_name").
std::string error_key(std::string_view name);
// Sets errors.<key>, form_error and notice (see above) in `data`.
void add_form_messages(mustache::data& data, const FieldErrors& errors, std::string_view notice = "");
// The HTTP status of a form shown again: 422 with errors, 200 without.
http::status form_status(const FieldErrors& errors);

}  // namespace gesso::web::pages
