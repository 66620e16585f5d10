// GET/POST /settings/protection: the artist's protection defaults (AI-training reservation as a PLUS DataMining
// value, indexable, discoverable, licence, cloak level, watermark, original downloads). The form posts the same
// gesso[...] parameters as update_credentials and goes through the same code (web/noai/protection_params.hpp).
#include <cstdio>

#include "activitypub/protection.hpp"
#include "core/protection.hpp"
#include "web/noai/protection_params.hpp"
#include "web/pages/page.hpp"
#include "web/pages/routes.hpp"
#include "web/pages/session.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

const Options kDataMining = {
    {"DMI-PROHIBITED-AIMLTRAINING", "Reserved: no AI or machine-learning training (recommended)"},
    {"DMI-PROHIBITED-GENAIMLTRAINING", "Reserved: no generative AI training"},
    {"DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING", "Reserved: no data mining except search engine indexing"},
    {"DMI-PROHIBITED", "Reserved: no data mining at all"},
    {"DMI-UNSPECIFIED", "Not stated (the node's default applies)"},
    {"DMI-ALLOWED", "Allowed: I opt in to AI training and data mining"},
};
const Options kLicences = {
    {"all-rights-reserved", "All rights reserved"}, {"cc-by-4.0", "CC BY 4.0"},
    {"cc-by-sa-4.0", "CC BY-SA 4.0"},               {"cc-by-nc-4.0", "CC BY-NC 4.0"},
    {"cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"},         {"cc-by-nd-4.0", "CC BY-ND 4.0"},
    {"cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"},         {"cc0-1.0", "CC0 1.0 (public domain)"},
};
const Options kCloak = {{"off", "Off"}, {"low", "Low"}, {"medium", "Medium"}, {"high", "High"}};
const Options kPositions = {{"bottom-right", "Bottom right"}, {"bottom-left", "Bottom left"}, {"top-right", "Top right"},
                            {"top-left", "Top left"},         {"center", "Center"}};

// The short name of the stored licence URL, for the <select>.
std::string licence_name(const std::string& url) {
    for (const auto& [name, label] : kLicences) {
        if (core::normalize_license(name).value_or("-") == url) return name;
    }
    return "all-rights-reserved";
}

std::string opacity_text(double opacity) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", opacity);
    return buf;
}

// The form as the person last sent it (`sent`) or as stored.
Response form(const Site& site, const Request& req, const SessionViewer& viewer, const core::ProtectionSettings& s, bool indexable,
              bool discoverable, const FieldErrors& errors, std::string_view notice) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string body = "<h1>Protection</h1>\n<p>These choices are the defaults of your new works. They travel with "
                       "your posts to other servers and are served to crawlers as <code>X-Robots-Tag</code>, "
                       "<code>&lt;meta name=\"robots\"&gt;</code> and TDM reservation signals.</p>\n" +
                       form_messages(errors, notice) +
                       "<form method=\"post\" action=\"/settings/protection\" class=\"stack\">\n" + csrf_input(viewer) +
                       "\n<fieldset><legend>AI training and data mining</legend>\n" +
                       select_field("gesso[data_mining]", "Reservation", kDataMining, s.data_mining, errors) +
                       checkbox_field("indexable", "Let search engines and fediverse search index my public posts",
                                      indexable) +
                       checkbox_field("discoverable", "Suggest my account to others in the directory", discoverable) +
                       "</fieldset>\n<fieldset><legend>Licence and downloads</legend>\n" +
                       select_field("gesso[license]", "Default licence", kLicences, licence_name(s.license), errors) +
                       checkbox_field("gesso[allow_original_download]", "Allow downloading the original files",
                                      s.allow_original_download, "Off: visitors only get the resized, marked copies.") +
                       "</fieldset>\n<fieldset><legend>Cloak and watermark</legend>\n" +
                       select_field("gesso[cloak_level]", "Cloak level (experimental)", kCloak, s.cloak_level, errors) +
                       input_field("gesso[watermark][text]", "Watermark text (empty: none)", "text", s.watermark_text,
                                   errors, "maxlength=\"100\"") +
                       select_field("gesso[watermark][position]", "Watermark position", kPositions,
                                    s.watermark_position, errors) +
                       input_field("gesso[watermark][opacity]", "Watermark opacity (0.05 to 1)", "number",
                                   opacity_text(s.watermark_opacity), errors, "min=\"0.05\" max=\"1\" step=\"0.05\"") +
                       "</fieldset>\n<p><button type=\"submit\">Save protection settings</button></p>\n</form>\n";
    return render_settings_page(site, req, "/settings/protection", "Protection", body,
                                errors.empty() ? http::status::ok : http::status::unprocessable_entity);
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer) {
    [[maybe_unused]] activitypub::Context& ctx = site.ctx();
    std::string notice = req.query_param("saved") ? "Your protection settings were saved." : "";
    return form(site, req, viewer, activitypub::protection_settings(ctx, viewer.account.id), viewer.account.indexable,
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
        return form(site, req, viewer, sent, p.boolean("indexable").value_or(viewer.account.indexable),
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
