// GET /admin/settings: the node's public profile (title, description, contact e-mail, registration mode, rules);
// POST saves it (activitypub/node_profile.hpp: stored in the database over the configuration file's defaults).
// The instance API, NodeInfo, the pages' layout and the sign-up pages read it.
#include "activitypub/node_profile.hpp"
#include "core/error.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

constexpr std::pair<std::string_view, std::string_view> kModes[] = {
    {"open", "Open: anyone can sign up"},
    {"approval", "Approval: sign-ups wait for an admin"},
    {"closed", "Closed: no sign-ups"},
};

std::string joined_rules(const std::vector<std::string>& rules) {
    std::string out;
    for (const auto& r : rules) out.append(r).append("\n");
    return out;
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer, const activitypub::NodeProfile& p,
              std::string_view rules_text, const FieldErrors& errors, http::status status) {
    mustache::data data;
    set_form_errors(data, errors);
    if (req.query_param("done") && errors.empty()) data.set("notice", std::string("The node settings were saved."));
    data.set("title", p.title);
    data.set("description", p.description);
    data.set("contact_email", p.contact_email);
    data.set("rules", std::string(rules_text));
    mustache::data modes{mustache::data::type::list};
    for (const auto& [value, label] : kModes) {
        mustache::data item;
        item.set("value", std::string(value));
        item.set("label", std::string(label));
        std::string id = "f-registrations-";
        id += value;
        item.set("id", id);
        if (value == activitypub::registrations_word(p.registrations)) item.set("checked", true);
        modes.push_back(std::move(item));
    }
    data.set("modes", std::move(modes));
    return render_admin_page(site, req, viewer, "/admin/settings", "Node settings", "admin_settings", std::move(data),
                             status);
}

Response save(const Site& site, const Request& req, const SessionViewer& viewer) {
    activitypub::Context& ctx = site.ctx();
    Params params = Params::from(req);
    activitypub::NodeProfile p = activitypub::node_profile(ctx);
    p.title = params.get_or("title", "");
    p.description = params.get_or("description", "");
    p.contact_email = params.get_or("contact_email", "");
    std::string rules_text = params.get_or("rules", "");
    p.rules = {rules_text};
    auto mode = activitypub::parse_registrations(params.get_or("registrations", ""));
    if (!mode) return show(site, req, viewer, p, rules_text, {{"registrations", "Choose a registration mode."}},
                           http::status::unprocessable_entity);
    p.registrations = *mode;
    try {
        activitypub::save_node_profile(ctx, p);
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable) throw;
        return show(site, req, viewer, p, rules_text,
                    errors_from(e, {{"Title", "title"}, {"Description", "description"}, {"Contact", "contact_email"},
                                    {"Rules", "rules"}}),
                    http::status::unprocessable_entity);
    }
    return see_other("/admin/settings?done=1");
}

}  // namespace

void add_admin_settings_routes(Router& router, const SitePtr& site) {
    const Site* s = site.get();
    router.get("/admin/settings", admin_only(site, [s](const Request& req, const SessionViewer& v) {
                   activitypub::NodeProfile p = activitypub::node_profile(s->ctx());
                   return show(*s, req, v, p, joined_rules(p.rules), {}, http::status::ok);
               }));
    add_admin_post(router, site, "/admin/settings", [s](const Request& req, const SessionViewer& v) { return save(*s, req, v); });
}

}  // namespace gesso::web::pages
