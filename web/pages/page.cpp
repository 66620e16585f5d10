#include "web/pages/page.hpp"

#include <cctype>

#include "web/pages/embedded.hpp"

namespace gesso::web::pages {

namespace {

// Every template whose name starts with "_" as a partial of `data` ({{>_name}}).
void add_partials(mustache::data& data) {
    for (const EmbeddedFile& file : embedded_templates()) {
        if (!file.name.starts_with('_')) continue;
        std::string_view text = file.content;
        data.set(std::string(file.name), mustache::partial([text] { return std::string(text); }));
    }
}

}  // namespace

Response render_form_page(const Site& site, const Request& req, std::string_view title, std::string_view template_name,
                          mustache::data data, http::status status) {
    PageContext page = site.context(req);
    page.title = std::string(title);
    add_partials(data);
    Response res = render_page(page, template_name, std::move(data), status);
    res.set(http::field::cache_control, "private, no-store");
    return res;
}

Response render_settings_page(const Site& site, const Request& req, std::string_view active_path,
                              std::string_view title, std::string_view template_name, mustache::data data,
                              http::status status) {
    static constexpr std::pair<std::string_view, std::string_view> kSections[] = {
        {"/settings/profile", "Profile"},      {"/settings/protection", "Protection"}, {"/settings/password", "Password"},
        {"/settings/apps", "Authorised apps"}, {"/settings/blocks", "Blocks"},         {"/settings/mutes", "Mutes"},
    };
    mustache::data nav{mustache::data::type::list};
    for (const auto& [path, label] : kSections) {
        mustache::data item;
        item.set("path", std::string(path));
        item.set("label", std::string(label));
        if (path == active_path) item.set("current", true);
        nav.push_back(std::move(item));
    }
    data.set("settings_nav", std::move(nav));
    return render_form_page(site, req, title, template_name, std::move(data), status);
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

std::string error_key(std::string_view name) {
    std::string key;
    bool gap = false;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            if (gap && !key.empty()) key += '_';
            gap = false;
            key += c;
        } else {
            gap = true;
        }
    }
    return key;
}

void add_form_messages(mustache::data& data, const FieldErrors& errors, std::string_view notice) {
    mustache::data by_field;
    for (const auto& [field, message] : errors) {
        if (!field.empty()) by_field.set(error_key(field), message);
    }
    data.set("errors", std::move(by_field));
    if (auto it = errors.find(""); it != errors.end()) {
        data.set("form_error", it->second);
    } else if (!errors.empty()) {
        data.set("form_error", std::string("Please correct the fields marked below."));
    }
    if (!notice.empty()) data.set("notice", std::string(notice));
}

http::status form_status(const FieldErrors& errors) {
    return errors.empty() ? http::status::ok : http::status::unprocessable_entity;
}

}  // namespace gesso::web::pages
