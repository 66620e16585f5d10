#include "web/pages/page.hpp"

#include "core/text.hpp"
#include "web/pages/session.hpp"

namespace gesso::web::pages {

namespace {
using core::html_escape;

// Appends every part (GCC 12 warns falsely, -Wrestrict, on long `"literal" + std::string` chains at -O3).
template <typename... Parts>
void add(std::string& out, const Parts&... parts) {
    (out.append(parts), ...);
}

std::string error_for(std::string_view name, const FieldErrors& errors) {
    auto it = errors.find(name);
    if (it == errors.end()) return "";
    return "<span class=\"field-error\" id=\"" + std::string(name) + "-error\" role=\"alert\">" + html_escape(it->second) +
           "</span>\n";
}

std::string described_by(std::string_view name, const FieldErrors& errors) {
    if (!errors.contains(name)) return "";
    return " aria-invalid=\"true\" aria-describedby=\"" + std::string(name) + "-error\"";
}

std::string id_for(std::string_view name) {
    std::string id = "f-";
    for (char c : name) id += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return id;
}

}  // namespace

Response render_form_page(const Site& site, const Request& req, std::string_view title, std::string_view body,
                          http::status status) {
    PageContext page = site.context(req);
    page.title = std::string(title);
    mustache::data data;
    data.set("content", std::string(body));
    Response res = render_page(page, "form_page", std::move(data), status);
    res.set(http::field::cache_control, "private, no-store");
    return res;
}

Response render_settings_page(const Site& site, const Request& req, std::string_view active_path,
                              std::string_view title, std::string_view body, http::status status) {
    static constexpr std::pair<std::string_view, std::string_view> kSections[] = {
        {"/settings/profile", "Profile"},   {"/settings/protection", "Protection"}, {"/settings/password", "Password"},
        {"/settings/apps", "Authorised apps"}, {"/settings/blocks", "Blocks"},       {"/settings/mutes", "Mutes"},
    };
    std::string page = "<div class=\"settings\"><nav aria-label=\"Settings\" class=\"settings-nav\"><ul>\n";
    for (const auto& [path, label] : kSections) {
        page += "<li><a href=\"" + std::string(path) + "\"" + (path == active_path ? " aria-current=\"page\"" : "") +
                ">" + std::string(label) + "</a></li>\n";
    }
    page += "</ul></nav>\n<section class=\"settings-body\">\n";
    page += body;
    page += "</section></div>\n";
    return render_form_page(site, req, title, page, status);
}

Response see_other(const std::string& path) {
    Response res = redirect_response(path, http::status::see_other);
    res.set(http::field::cache_control, "no-store");
    return res;
}

FieldErrors errors_from(const core::Error& error, ErrorPlaces places) {
    std::string_view message = error.what();
    for (const auto& [phrase, field] : places) {
        if (message.find(phrase) != std::string_view::npos) return {{std::string(field), std::string(message)}};
    }
    return {{"", std::string(message)}};
}

std::string csrf_input(const SessionViewer& viewer) {
    std::string html;
    add(html, "<input type=\"hidden\" name=\"", kCsrfField, "\" value=\"", html_escape(viewer.csrf_token), "\">");
    return html;
}

std::string input_field(std::string_view name, std::string_view label, std::string_view type, std::string_view value,
                        const FieldErrors& errors, std::string_view extra_attributes) {
    std::string id = id_for(name);
    std::string html;
    add(html, "<p class=\"field\"><label for=\"", id, "\">", html_escape(label), "</label>\n<input id=\"", id,
        "\" name=\"", html_escape(name), "\" type=\"", type, "\"");
    if (type != "password" && type != "file") add(html, " value=\"", html_escape(value), "\"");
    if (!extra_attributes.empty()) add(html, " ", extra_attributes);
    add(html, described_by(name, errors), ">\n", error_for(name, errors), "</p>\n");
    return html;
}

std::string textarea_field(std::string_view name, std::string_view label, std::string_view value,
                           const FieldErrors& errors, std::size_t rows) {
    std::string id = id_for(name);
    std::string html;
    add(html, "<p class=\"field\"><label for=\"", id, "\">", html_escape(label), "</label>\n<textarea id=\"", id,
        "\" name=\"", html_escape(name), "\" rows=\"", std::to_string(rows), "\"", described_by(name, errors), ">",
        html_escape(value), "</textarea>\n", error_for(name, errors), "</p>\n");
    return html;
}

std::string checkbox_field(std::string_view name, std::string_view label, bool checked, std::string_view hint) {
    std::string id = id_for(name);
    // The hidden "0" makes an unchecked box arrive as false instead of missing (the checkbox's "1" comes later
    // in the body and wins).
    std::string html;
    add(html, "<p class=\"field check\"><input type=\"hidden\" name=\"", html_escape(name),
        "\" value=\"0\"><input type=\"checkbox\" id=\"", id, "\" name=\"", html_escape(name), "\" value=\"1\"",
        checked ? " checked" : "");
    if (!hint.empty()) add(html, " aria-describedby=\"", id, "-hint\"");
    add(html, "> <label for=\"", id, "\">", html_escape(label), "</label>");
    if (!hint.empty()) add(html, "<br><small id=\"", id, "-hint\">", html_escape(hint), "</small>");
    html += "</p>\n";
    return html;
}

std::string select_field(std::string_view name, std::string_view label,
                         const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected,
                         const FieldErrors& errors) {
    std::string id = id_for(name);
    std::string html;
    add(html, "<p class=\"field\"><label for=\"", id, "\">", html_escape(label), "</label>\n<select id=\"", id,
        "\" name=\"", html_escape(name), "\"", described_by(name, errors), ">\n");
    for (const auto& [value, text] : options) {
        add(html, "<option value=\"", html_escape(value), "\"", value == selected ? " selected" : "", ">",
            html_escape(text), "</option>\n");
    }
    add(html, "</select>\n", error_for(name, errors), "</p>\n");
    return html;
}

std::string form_messages(const FieldErrors& errors, std::string_view notice) {
    std::string html;
    if (auto it = errors.find(""); it != errors.end()) {
        html += "<p class=\"form-error\" role=\"alert\">" + html_escape(it->second) + "</p>\n";
    } else if (!errors.empty()) {
        html += "<p class=\"form-error\" role=\"alert\">Please correct the fields marked below.</p>\n";
    }
    if (!notice.empty()) html += "<p class=\"notice\" role=\"status\">" + html_escape(notice) + "</p>\n";
    return html;
}

}  // namespace gesso::web::pages
