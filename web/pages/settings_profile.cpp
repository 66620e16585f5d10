// GET/POST /settings/profile: display name, bio, profile fields, avatar and header. The form is multipart and
// goes through the same engine call as update_credentials (activitypub/profile_edit.hpp): the images pass the
// safe intake (type sniffed from the bytes, pixel limits, metadata stripped) and followers get an Update.
#include "activitypub/profile_edit.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/profiles.hpp"
#include "web/mastodon/profile_fields.hpp"
#include "web/multipart.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {
using core::html_escape;

// A small preview (width and height as attributes: the page's CSP allows no inline style).
std::string image_preview(const std::string& url, std::string_view alt, std::string_view css_class, int width,
                          int height) {
    if (url.empty()) return "";
    std::string html = "<img src=\"";
    html += html_escape(url);
    html += "\" alt=\"";
    html += html_escape(alt);
    html += "\" class=\"";
    html += css_class;
    html += "\" width=\"";
    html += std::to_string(width);
    html += "\" height=\"";
    html += std::to_string(height);
    html += "\">\n";
    return html;
}

Response form(const Site& site, const Request& req, const SessionViewer& viewer, const core::Account& shown,
              const std::vector<core::ProfileField>& fields, const FieldErrors& errors, std::string_view notice) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string body = "<h1>Profile</h1>\n" + form_messages(errors, notice) +
                       "<form method=\"post\" action=\"/settings/profile\" enctype=\"multipart/form-data\" "
                       "class=\"stack\">\n" + csrf_input(viewer) + "\n" +
                       input_field("display_name", "Display name", "text", shown.display_name, errors,
                                   "maxlength=\"" + std::to_string(core::limits::kMaxDisplayNameLength) + "\"") +
                       textarea_field("note", "Bio", shown.note, errors, 5) +
                       "<fieldset><legend>Profile fields (for example your shop, portfolio or commission "
                       "status)</legend>\n";
    for (std::size_t i = 0; i < core::limits::kMaxProfileFields; ++i) {
        std::string prefix = "fields_attributes[";
        prefix += std::to_string(i);
        const core::ProfileField* f = i < fields.size() ? &fields[i] : nullptr;
        std::string n = std::to_string(i + 1);
        body += "<div class=\"pair\">" +
                input_field(prefix + "][name]", "Label " + n, "text", f ? f->name : "", errors, "maxlength=\"255\"") +
                input_field(prefix + "][value]", "Content " + n, "text", f ? f->value : "", errors, "maxlength=\"255\"") +
                "</div>\n";
    }
    if (errors.contains("fields")) body += "<p class=\"field-error\" role=\"alert\">" + html_escape(errors.at("fields")) + "</p>\n";
    body += "</fieldset>\n<fieldset><legend>Images</legend>\n" +
            image_preview(shown.avatar_url, "Your current avatar", "avatar-preview", 96, 96) +
            input_field("avatar", "Avatar (PNG, JPEG, GIF or WebP; shown at 400×400)", "file", "", errors,
                        "accept=\"image/png,image/jpeg,image/gif,image/webp\"") +
            image_preview(shown.header_url, "Your current header image", "header-preview", 300, 100) +
            input_field("header", "Header (shown at 1500×500)", "file", "", errors,
                        "accept=\"image/png,image/jpeg,image/gif,image/webp\"") +
            "</fieldset>\n<p><button type=\"submit\">Save profile</button></p>\n</form>\n";
    return render_settings_page(site, req, "/settings/profile", "Profile", body,
                                errors.empty() ? http::status::ok : http::status::unprocessable_entity);
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    auto profile = ctx.db.read([&](storage::Connection& conn) { return storage::find_profile(conn, viewer.account.id); });
    return form(site, req, viewer, viewer.account, profile.fields, {},
                req.query_param("saved") ? "Your profile was saved." : "");
}

Response save(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    activitypub::ProfileChanges c;
    c.display_name = p.get("display_name");
    c.note = p.get("note");
    std::vector<MultipartPart> parts;
    if (auto boundary = multipart_boundary(req.header(http::field::content_type))) {
        parts = parse_multipart(req.message.body(), *boundary);
        for (const auto& part : parts) {
            // A file input left empty arrives as a part with an empty file name and no bytes.
            if (!part.filename || part.body.empty()) continue;
            if (part.name == "avatar") c.avatar = part.body;
            else if (part.name == "header") c.header = part.body;
        }
    }
    core::Account shown = viewer.account;
    if (c.display_name) shown.display_name = *c.display_name;
    if (c.note) shown.note = *c.note;
    std::vector<core::ProfileField> sent_fields;
    try {
        c.fields = mastodon::read_fields(p);
        if (c.fields) sent_fields = *c.fields;
        activitypub::update_credentials(ctx, viewer.account, c);
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable && e.code() != core::Errc::too_large) throw;
        FieldErrors errors = errors_from(e, {{"Display name", "display_name"},
                                             {"Note", "note"},
                                             {"field", "fields"},
                                             {"Fields", "fields"}});
        // Image refusals (type, size, pixels) name no field: put them next to the image that was sent.
        if (errors.contains("") && (c.avatar || c.header)) errors = {{c.avatar ? "avatar" : "header", e.what()}};
        return form(site, req, viewer, shown, sent_fields, errors, "");
    }
    return see_other("/settings/profile?saved=1");
}

}  // namespace

void add_profile_settings_routes(Router& router, const SitePtr& site) {
    router.get("/settings/profile", signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return show(*s, req, v); }));
    router.add(http::verb::post, "/settings/profile",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return save(*s, req, v); }),
               core::limits::kMaxProfileUpdateBodyBytes);
}

}  // namespace gesso::web::pages
