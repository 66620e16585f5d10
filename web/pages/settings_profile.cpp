// GET/POST /settings/profile: display name, bio, profile fields, avatar and header. The form is multipart and
// goes through the same engine call as update_credentials (activitypub/profile_edit.hpp): the images pass the
// safe intake (type sniffed from the bytes, pixel limits, metadata stripped) and followers get an Update.
#include "activitypub/profile_edit.hpp"
#include "core/limits.hpp"
#include "storage/profiles.hpp"
#include "web/mastodon/profile_fields.hpp"
#include "web/multipart.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

Response form(const Site& site, const Request& req, const core::Account& shown,
              const std::vector<core::ProfileField>& fields, const FieldErrors& errors, std::string_view notice) {
    mustache::data data;
    data.set("display_name", shown.display_name);
    data.set("note", shown.note);
    data.set("max_display_name", std::to_string(core::limits::kMaxDisplayNameLength));
    data.set("max_field", std::to_string(core::limits::kMaxProfileFieldChars));
    mustache::data slots{mustache::data::type::list};
    for (std::size_t i = 0; i < core::limits::kMaxProfileFields; ++i) {
        mustache::data slot;
        slot.set("index", std::to_string(i));
        slot.set("number", std::to_string(i + 1));
        slot.set("name", i < fields.size() ? fields[i].name : "");
        slot.set("value", i < fields.size() ? fields[i].value : "");
        slots.push_back(std::move(slot));
    }
    data.set("fields", std::move(slots));
    if (!shown.avatar_url.empty()) data.set("avatar_url", shown.avatar_url);
    if (!shown.header_url.empty()) data.set("header_url", shown.header_url);
    add_form_messages(data, errors, notice);
    return render_settings_page(site, req, "/settings/profile", "Profile", "settings_profile", std::move(data),
                                form_status(errors));
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    auto profile = ctx.db.read([&](storage::Connection& conn) { return storage::find_profile(conn, viewer.account.id); });
    return form(site, req, viewer.account, profile.fields, {},
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
        return form(site, req, shown, sent_fields, errors, "");
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
