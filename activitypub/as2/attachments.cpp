#include "activitypub/as2/attachments.hpp"

#include <algorithm>
#include <cmath>

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/rights.hpp"
#include "activitypub/as2/values.hpp"

namespace gesso::activitypub::as2 {

namespace {

bool is_media_type(std::string_view type) {
    return type == "Document" || type == "Image" || type == "Video" || type == "Audio";
}

// Blurhash's base-83 alphabet; anything else would make client decoders misbehave.
bool is_blurhash(std::string_view s) {
    constexpr std::string_view kAlphabet =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    return s.size() >= 6 &&
           std::all_of(s.begin(), s.end(), [&](char c) { return kAlphabet.find(c) != kAlphabet.npos; });
}

std::optional<FocalPoint> read_focal_point(const rapidjson::Value& item) {
    const auto* v = find(item, "focalPoint");
    if (!v || !v->IsArray() || v->Size() != 2 || !(*v)[0].IsNumber() || !(*v)[1].IsNumber()) return std::nullopt;
    double x = (*v)[0].GetDouble();
    double y = (*v)[1].GetDouble();
    if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
    return FocalPoint{std::clamp(x, -1.0, 1.0), std::clamp(y, -1.0, 1.0)};
}

std::optional<int> read_dimension(const rapidjson::Value& item, std::string_view key) {
    auto n = read_count(item, key, limits::kMaxMediaDimension);
    if (!n || *n == 0) return std::nullopt;
    return static_cast<int>(*n);
}

std::optional<Attachment> read_attachment(const rapidjson::Value& item, std::string_view what) {
    if (!item.IsObject()) return std::nullopt;
    Attachment a;
    a.type = read_type(item, what);
    if (!is_media_type(a.type)) return std::nullopt;
    a.url = read_link(item, "url", path(what, "url"));
    if (a.url.empty()) return std::nullopt;
    a.media_type = read_text(item, "mediaType", limits::kMaxMediaTypeBytes, path(what, "mediaType"));
    a.name = read_text(item, "name", limits::kMaxAltTextBytes, path(what, "name"));
    if (a.name.empty()) a.name = read_text(item, "summary", limits::kMaxAltTextBytes, path(what, "summary"));
    a.blurhash = read_text(item, "blurhash", limits::kMaxBlurhashBytes, path(what, "blurhash"));
    if (!is_blurhash(a.blurhash)) a.blurhash.clear();
    a.focal_point = read_focal_point(item);
    a.width = read_dimension(item, "width");
    a.height = read_dimension(item, "height");
    a.license = read_license(item, path(what, "license"));
    a.sensitive = read_bool(item, "sensitive", false, path(what, "sensitive"));
    return a;
}

}  // namespace

std::vector<Attachment> read_attachments(const rapidjson::Value& object, std::string_view what) {
    std::vector<Attachment> out;
    const auto* v = find(object, "attachment");
    if (!v) return out;
    auto add = [&](const rapidjson::Value& item, std::string_view item_what) {
        auto a = read_attachment(item, item_what);
        if (!a) return;
        if (out.size() >= limits::kMaxAttachments) {
            refuse(std::string(what) + " has more than " + std::to_string(limits::kMaxAttachments) +
                   " media attachments");
        }
        out.push_back(std::move(*a));
    };
    if (v->IsArray()) {
        for (rapidjson::SizeType i = 0; i < v->Size(); ++i) add((*v)[i], path(what, i));
    } else if (v->IsObject()) {
        add(*v, what);
    } else {
        refuse(std::string(what) + " must be an object or an array");
    }
    return out;
}

}  // namespace gesso::activitypub::as2
