#include "core/protection.hpp"

#include <array>

#include "core/text.hpp"

namespace gesso::core {

namespace {

constexpr std::array<std::string_view, 6> kDataMiningValues = {
    "DMI-UNSPECIFIED",
    "DMI-ALLOWED",
    "DMI-PROHIBITED",
    "DMI-PROHIBITED-AIMLTRAINING",
    "DMI-PROHIBITED-GENAIMLTRAINING",
    "DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING",
};

struct Licence {
    std::string_view name;
    std::string_view url;
};
constexpr std::array<Licence, 7> kLicences = {{
    {"cc-by-4.0", "https://creativecommons.org/licenses/by/4.0/"},
    {"cc-by-sa-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"},
    {"cc-by-nc-4.0", "https://creativecommons.org/licenses/by-nc/4.0/"},
    {"cc-by-nc-sa-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
    {"cc-by-nd-4.0", "https://creativecommons.org/licenses/by-nd/4.0/"},
    {"cc-by-nc-nd-4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"},
    {"cc0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"},
}};

}  // namespace

bool is_data_mining_value(std::string_view value) {
    for (auto v : kDataMiningValues) {
        if (v == value) return true;
    }
    return false;
}

bool reserves_ai_training(std::string_view data_mining) { return data_mining.starts_with("DMI-PROHIBITED"); }

std::string robots_tag_for(std::string_view data_mining) {
    if (reserves_ai_training(data_mining)) return std::string(kReservedRobotsTag);
    if (data_mining == "DMI-ALLOWED") return std::string(kUnreservedRobotsTag);
    return {};
}

bool robots_tag_reserves(std::string_view robots_tag) {
    std::string lower = to_lower_ascii(robots_tag);
    return lower.find("noai") != std::string::npos || lower.find("noimageai") != std::string::npos;
}

std::optional<std::string> normalize_license(std::string_view value) {
    std::string v = to_lower_ascii(trim(value));
    if (v.empty() || v == "all-rights-reserved") return std::string();
    for (const auto& l : kLicences) {
        std::string_view url = l.url;
        std::string_view bare = url.substr(0, url.size() - 1);  // without the trailing slash
        if (v == l.name || v == url || v == bare) return std::string(url);
        // http:// spellings are common in older metadata.
        if (v.starts_with("http://") && (v.substr(7) == url.substr(8) || v.substr(7) == bare.substr(8))) {
            return std::string(url);
        }
    }
    return std::nullopt;
}

bool is_cloak_level(std::string_view value) {
    return value == "off" || value == "low" || value == "medium" || value == "high";
}

bool is_watermark_position(std::string_view value) {
    return value == "top-left" || value == "top-right" || value == "bottom-left" || value == "bottom-right" ||
           value == "center";
}

}  // namespace gesso::core
