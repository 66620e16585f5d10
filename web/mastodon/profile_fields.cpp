#include "web/mastodon/profile_fields.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

std::optional<std::vector<core::ProfileField>> read_fields(const Params& p) {
    std::vector<core::ProfileField> fields;
    bool present = false;
    auto names = p.all("fields_attributes[][name]");
    auto values = p.all("fields_attributes[][value]");
    if (!names.empty() || !values.empty()) {
        present = true;
        if (names.size() != values.size()) throw Error(Errc::unprocessable, "Validation failed: each field needs a name and a value");
        for (std::size_t i = 0; i < names.size(); ++i) fields.push_back({names[i], values[i]});
    }
    for (std::size_t i = 0; i <= core::limits::kMaxProfileFields; ++i) {
        std::string prefix = "fields_attributes[";
        prefix += std::to_string(i);
        auto name = p.get(prefix + "][name]");
        auto value = p.get(prefix + "][value]");
        if (!name && !value) continue;
        present = true;
        if (i == core::limits::kMaxProfileFields) {
            throw Error(Errc::unprocessable, "Validation failed: at most " + std::to_string(core::limits::kMaxProfileFields) +
                                                 " profile fields");
        }
        // Mastodon drops rows whose name and value are both empty.
        if (name.value_or("").empty() && value.value_or("").empty()) continue;
        fields.push_back({name.value_or(""), value.value_or("")});
    }
    if (!present) return std::nullopt;
    return fields;
}

}  // namespace gesso::web::mastodon
