#include "activitypub/as2/rights.hpp"

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/utf8.hpp"
#include "activitypub/as2/values.hpp"

namespace gesso::activitypub::as2 {

std::string read_x_robots_tag(const rapidjson::Value& object, std::string_view what) {
    const auto* v = find(object, "xRobotsTag");
    if (!v) return {};
    std::string out;
    if (v->IsString()) {
        out = std::string(view(*v));
    } else if (v->IsArray()) {
        for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
            const auto& item = (*v)[i];
            if (!item.IsString()) refuse(path(what, i) + " must be a string");
            if (view(item).empty()) continue;
            if (!out.empty()) out += ", ";
            out += view(item);
            if (out.size() > limits::kMaxXRobotsTagBytes) break;
        }
    } else {
        refuse(std::string(what) + " must be a string or an array of strings");
    }
    if (out.size() > limits::kMaxXRobotsTagBytes) {
        refuse(std::string(what) + " is longer than " + std::to_string(limits::kMaxXRobotsTagBytes) + " bytes");
    }
    if (!is_valid_utf8(out)) refuse(std::string(what) + " is not valid UTF-8");
    return out;
}

std::string read_license(const rapidjson::Value& object, std::string_view what) {
    const auto* v = find(object, "license");
    if (!v) return {};
    if (v->IsObject()) {
        for (std::string_view key : {"id", "url", "name"}) {
            if (const auto* s = find(*v, key); s && s->IsString() && s->GetStringLength() > 0) {
                return read_text(*v, key, limits::kMaxLicenseBytes, path(what, key));
            }
        }
        return {};
    }
    return read_text(object, "license", limits::kMaxLicenseBytes, what);
}

}  // namespace gesso::activitypub::as2
