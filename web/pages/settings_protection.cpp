// GET/POST /settings/protection: the artist's protection defaults (AI-training reservation as a PLUS DataMining
// value, indexable, discoverable, licence, cloak level, watermark, original downloads). The form posts the same
// gesso[...] parameters as update_credentials and goes through the same code (web/noai/protection_params.hpp).
#include <cstdio>

#include "activitypub/protection.hpp"
#include "core/protection.hpp"
#include "web/noai/protection_params.hpp"
#include "web/pages/choices.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

std::string opacity_text(double opacity) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", opacity);
    return buf;
}

// The form as the person last sent it or as stored.
Response form(const Site& site, const Request& req, const core::ProtectionSettings& s, bool indexable,
              bool discoverable, const FieldErrors& errors, std::string_view notice) {
    mustache::data data;
    data.set("data_mining_options", choices_view(data_mining_choices(), s.data_mining));
    data.set("license_options", choices_view(licence_choices(), licence_name(s.license)));
    data.set("cloak_options", choices_view(cloak_choices(), s.cloak_level));
    data.set("position_options", choices_view(watermark_positions(), s.watermark_position));
    if (indexable) data.set("indexable", true);
    if (discoverable) data.set("discoverable", true);
    if (s.allow_original_download) data.set("allow_original_download", true);
    data.set("watermark_text", s.watermark_text);
    data.set("watermark_opacity", opacity_text(s.watermark_opacity));
    add_form_messages(data, errors, notice);
    return render_settings_page(site, req, "/settings/protection", "Protection", "settings_protection", std::move(data),
                                form_status(errors));
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string notice = req.query_param("saved") ? "Your protection settings were saved." : "";
    return form(site, req, activitypub::protection_settings(ctx, viewer.account.id), viewer.account.indexable,
                viewer.account.discoverable, {}, notice);
}

Response save(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    Params p = Params::from(req);
    try {
        noai::apply_protection_params(ctx, viewer.account, p);
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable) throw;
        // Show what was sent, with the error next to its field; nothing was saved.
        core::ProtectionSettings sent = activitypub::protection_settings(ctx, viewer.account.id);
        sent.data_mining = p.get_or("gesso[data_mining]", sent.data_mining);
        sent.license = core::normalize_license(p.get_or("gesso[license]", "")).value_or(sent.license);
        sent.cloak_level = p.get_or("gesso[cloak_level]", sent.cloak_level);
        sent.watermark_text = p.get_or("gesso[watermark][text]", sent.watermark_text);
        sent.watermark_position = p.get_or("gesso[watermark][position]", sent.watermark_position);
        FieldErrors errors = errors_from(e, {{"data_mining", "gesso[data_mining]"},
                                             {"license", "gesso[license]"},
                                             {"cloak_level", "gesso[cloak_level]"},
                                             {"watermark text", "gesso[watermark][text]"},
                                             {"watermark position", "gesso[watermark][position]"},
                                             {"opacity", "gesso[watermark][opacity]"}});
        return form(site, req, sent, p.boolean("indexable").value_or(viewer.account.indexable),
                    p.boolean("discoverable").value_or(viewer.account.discoverable), errors, "");
    }
    return see_other("/settings/protection?saved=1");
}

}  // namespace

void add_protection_settings_routes(Router& router, const SitePtr& site) {
    router.get("/settings/protection", signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return show(*s, req, v); }));
    router.add(http::verb::post, "/settings/protection",
               signed_in(site, [s = site.get()](const Request& req, const SessionViewer& v) { return save(*s, req, v); }),
               core::limits::kMaxFormBodyBytes);
}

}  // namespace gesso::web::pages
