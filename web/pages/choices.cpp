#include "web/pages/choices.hpp"

#include "core/protection.hpp"

namespace gesso::web::pages {

const Choices& data_mining_choices() {
    static const Choices kChoices = {
        {"DMI-PROHIBITED-AIMLTRAINING", "Reserved: no AI or machine-learning training (recommended)"},
        {"DMI-PROHIBITED-GENAIMLTRAINING", "Reserved: no generative AI training"},
        {"DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING", "Reserved: no data mining except search engine indexing"},
        {"DMI-PROHIBITED", "Reserved: no data mining at all"},
        {"DMI-UNSPECIFIED", "Not stated (the node's default applies)"},
        {"DMI-ALLOWED", "Allowed: I opt in to AI training and data mining"},
    };
    return kChoices;
}

const Choices& licence_choices() {
    static const Choices kChoices = {
        {"all-rights-reserved", "All rights reserved"}, {"cc-by-4.0", "CC BY 4.0"},
        {"cc-by-sa-4.0", "CC BY-SA 4.0"},               {"cc-by-nc-4.0", "CC BY-NC 4.0"},
        {"cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"},         {"cc-by-nd-4.0", "CC BY-ND 4.0"},
        {"cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"},         {"cc0-1.0", "CC0 1.0 (public domain)"},
    };
    return kChoices;
}

const Choices& cloak_choices() {
    static const Choices kChoices = {{"off", "Off"}, {"low", "Low"}, {"medium", "Medium"}, {"high", "High"}};
    return kChoices;
}

const Choices& watermark_positions() {
    static const Choices kChoices = {{"bottom-right", "Bottom right"}, {"bottom-left", "Bottom left"},
                                     {"top-right", "Top right"},       {"top-left", "Top left"},
                                     {"center", "Center"}};
    return kChoices;
}

std::string licence_name(const std::string& url) {
    for (const auto& [name, label] : licence_choices()) {
        if (core::normalize_license(name).value_or("-") == url) return name;
    }
    return "all-rights-reserved";
}

mustache::data choices_view(const Choices& choices, std::string_view selected) {
    mustache::data list{mustache::data::type::list};
    for (const auto& [value, label] : choices) {
        mustache::data item;
        item.set("value", value);
        item.set("label", label);
        if (value == selected) item.set("selected", true);
        list.push_back(std::move(item));
    }
    return list;
}

}  // namespace gesso::web::pages
