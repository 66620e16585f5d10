#include "web/pages/admin.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::web::pages {

namespace {

struct Section {
    std::string_view path;
    std::string_view label;
};
constexpr Section kSections[] = {
    {"/admin", "Overview"},          {"/admin/accounts", "Accounts"}, {"/admin/domains", "Domains"},
    {"/admin/policy", "Policy rules"}, {"/admin/reports", "Reports"},   {"/admin/crawlers", "AI crawlers"},
    {"/admin/settings", "Node settings"},
};

}  // namespace

Handler admin_only(const SitePtr& site, ViewerHandler handler) {
    return signed_in(site, [handler = std::move(handler)](const Request& req, const SessionViewer& viewer) {
        if (!viewer.user.admin) throw core::Error(core::Errc::not_found, "The page you are looking for isn't here.");
        return handler(req, viewer);
    });
}

void add_admin_post(Router& router, const SitePtr& site, const std::string& path, ViewerHandler handler) {
    router.add(http::verb::post, path, admin_only(site, std::move(handler)), core::limits::kMaxFormBodyBytes);
}

Response render_admin_page(const Site& site, const Request& req, const SessionViewer& viewer, std::string_view section,
                           std::string_view title, std::string_view template_name, mustache::data data,
                           http::status status) {
    PageContext page = site.context(req);
    page.title = std::string(title);
    data.set("csrf_token", viewer.csrf_token);
    mustache::data nav{mustache::data::type::list};
    for (const Section& s : kSections) {
        mustache::data item;
        item.set("path", std::string(s.path));
        item.set("label", std::string(s.label));
        if (s.path == section) item.set("current", true);
        nav.push_back(std::move(item));
    }
    mustache::data frame;
    frame.set("admin_nav", std::move(nav));
    frame.set("content", site.render_template(template_name, data));
    Response res = render_page(page, "admin_frame", std::move(frame), status);
    res.set(http::field::cache_control, "private, no-store");
    return res;
}

void set_form_errors(mustache::data& data, const FieldErrors& errors) {
    for (const auto& [field, message] : errors) {
        if (!field.empty()) data.set(field + "_error", message);
    }
    if (auto it = errors.find(""); it != errors.end()) {
        data.set("form_error", it->second);
    } else if (!errors.empty()) {
        data.set("form_error", std::string("Please correct the fields marked below."));
    }
}

std::string url_encode(std::string_view text) { return boost::urls::encode(text, boost::urls::unreserved_chars); }

std::string admin_time(core::TimePoint t) {
    std::string iso = core::format_iso8601_seconds(t);  // 2026-11-26T08:15:00Z
    if (iso.size() < 16) return iso;
    std::string out = iso.substr(0, 10);
    out.append(" ").append(iso.substr(11, 5)).append(" UTC");
    return out;
}

}  // namespace gesso::web::pages
