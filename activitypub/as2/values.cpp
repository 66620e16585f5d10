#include "activitypub/as2/values.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/timestamp.hpp"
#include "activitypub/as2/url_check.hpp"
#include "activitypub/as2/utf8.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace gesso::activitypub::as2 {

namespace {

std::string too_long(std::string_view what, std::size_t max_bytes) {
    return std::string(what) + " is longer than " + std::to_string(max_bytes) + " bytes";
}

const char* json_type_name(const rapidjson::Value& v) {
    switch (v.GetType()) {
        case rapidjson::kNullType: return "null";
        case rapidjson::kFalseType:
        case rapidjson::kTrueType: return "a boolean";
        case rapidjson::kObjectType: return "an object";
        case rapidjson::kArrayType: return "an array";
        case rapidjson::kStringType: return "a string";
        case rapidjson::kNumberType: return "a number";
    }
    return "unknown";
}

// Refuses text over `max_bytes` or not UTF-8: the rule for every piece of text kept.
void check_text(std::string_view text, std::size_t max_bytes, std::string_view what) {
    if (text.size() > max_bytes) refuse(too_long(what, max_bytes));
    if (!is_valid_utf8(text)) refuse(std::string(what) + " is not valid UTF-8");
}

[[noreturn]] void wrong_type(std::string_view what, std::string_view expected, const rapidjson::Value& got) {
    refuse(std::string(what) + " must be " + std::string(expected) + ", not " + json_type_name(got));
}

bool is_language_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > limits::kMaxLanguageTagBytes) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alpha(tag.front())) return false;
    return std::all_of(tag.begin(), tag.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9') || c == '-'; });
}

// One candidate link: its URL and whether it declared itself an HTML page.
struct LinkCandidate {
    std::string_view href;
    bool html = false;
};

void collect_links(const rapidjson::Value& v, std::vector<LinkCandidate>& out, int depth) {
    if (v.IsString()) {
        out.push_back({view(v), false});
        return;
    }
    if (v.IsObject()) {
        const rapidjson::Value* href = find(v, "href");
        if (!href) href = find(v, "url");
        if (!href) return;
        bool html = false;
        if (const auto* mt = find(v, "mediaType"); mt && mt->IsString()) {
            html = core::starts_with_icase(view(*mt), "text/html");
        }
        if (href->IsString()) {
            out.push_back({view(*href), html});
        } else if (depth == 0) {
            // {"type": "Image", "url": {"type": "Link", "href": ...}}: one level of nesting is real, more is not.
            collect_links(*href, out, depth + 1);
        }
        return;
    }
    if (v.IsArray() && depth == 0) {
        for (const auto& item : v.GetArray()) collect_links(item, out, depth + 1);
    }
}

}  // namespace

void refuse(std::string message) { throw core::Error(core::Errc::unprocessable, std::move(message)); }

std::string excerpt(std::string_view text) {
    constexpr std::size_t kMax = 100;
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : text[i];
    }
    if (text.size() > kMax) out += "...";
    out += '"';
    return out;
}

const rapidjson::Value* find(const rapidjson::Value& object, std::string_view key) {
    if (!object.IsObject()) return nullptr;
    rapidjson::Value name(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
}

std::string_view view(const rapidjson::Value& string_value) {
    return {string_value.GetString(), string_value.GetStringLength()};
}

std::string read_text(const rapidjson::Value& object, std::string_view key, std::size_t max_bytes,
                      std::string_view what) {
    const auto* v = find(object, key);
    if (!v) return {};
    if (!v->IsString()) wrong_type(what, "a string", *v);
    check_text(view(*v), max_bytes, what);
    return std::string(view(*v));
}

bool read_bool(const rapidjson::Value& object, std::string_view key, bool fallback, std::string_view what) {
    const auto* v = find(object, key);
    if (!v) return fallback;
    if (!v->IsBool()) wrong_type(what, "true or false", *v);
    return v->GetBool();
}

std::optional<std::int64_t> read_count(const rapidjson::Value& object, std::string_view key, std::int64_t max) {
    const auto* v = find(object, key);
    if (!v) return std::nullopt;
    if (v->IsInt64()) {
        std::int64_t n = v->GetInt64();
        if (n < 0 || n > max) return std::nullopt;
        return n;
    }
    if (v->IsString()) {
        std::string_view s = view(*v);
        if (s.empty() || s.size() > 18) return std::nullopt;
        std::int64_t n = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            n = n * 10 + (c - '0');
        }
        if (n > max) return std::nullopt;
        return n;
    }
    return std::nullopt;
}

std::string read_type(const rapidjson::Value& object, std::string_view what) {
    const auto* v = find(object, "type");
    if (!v) return {};
    const rapidjson::Value* chosen = v;
    if (v->IsArray()) {
        chosen = nullptr;
        for (const auto& item : v->GetArray()) {
            if (item.IsString()) {
                chosen = &item;
                break;
            }
        }
        if (!chosen) return {};
    }
    if (!chosen->IsString()) wrong_type(path(what, "type"), "a string", *chosen);
    check_text(view(*chosen), limits::kMaxTypeBytes, path(what, "type"));
    return std::string(view(*chosen));
}

std::string id_of(const rapidjson::Value& value, std::string_view what) {
    if (value.IsString()) return std::string(view(value));
    if (value.IsObject()) {
        const auto* id = find(value, "id");
        if (!id) return {};
        if (!id->IsString()) wrong_type(path(what, "id"), "a string", *id);
        return std::string(view(*id));
    }
    if (value.IsNull()) return {};
    wrong_type(what, "a string or an object with an id", value);
}

void check_url(std::string_view url, std::string_view what) {
    if (url.empty() || is_absolute_http_url(url)) return;
    if (url.size() > limits::kMaxUrlBytes) refuse(too_long(what, limits::kMaxUrlBytes));
    refuse(std::string(what) + " is not an absolute http(s) URL: " + excerpt(url));
}

std::string read_id(const rapidjson::Value& object, std::string_view key, std::string_view what) {
    const auto* v = find(object, key);
    if (!v) return {};
    std::string id(normalise_public(id_of(*v, what)));
    check_url(id, what);
    return id;
}

std::string require_id(const rapidjson::Value& object, std::string_view key, std::string_view what) {
    std::string id = read_id(object, key, what);
    if (id.empty()) refuse(std::string(what) + " is missing");
    return id;
}

std::vector<std::string> read_id_list(const rapidjson::Value& object, std::string_view key, std::size_t max,
                                      std::string_view what) {
    std::vector<std::string> out;
    const auto* v = find(object, key);
    if (!v) return out;
    auto add = [&](const rapidjson::Value& item, std::string_view item_what) {
        std::string id(normalise_public(id_of(item, item_what)));
        if (id.empty()) return;
        check_url(id, item_what);
        out.push_back(std::move(id));
    };
    if (!v->IsArray()) {
        add(*v, what);
        return out;
    }
    if (v->Size() > max) refuse(std::string(what) + " has more than " + std::to_string(max) + " entries");
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) add((*v)[i], path(what, i));
    return out;
}

std::vector<std::string> read_addresses(const rapidjson::Value& object, std::string_view key, std::string_view what) {
    std::vector<std::string> out;
    const auto* v = find(object, key);
    if (!v) return out;
    auto add = [&](const rapidjson::Value& item) {
        if (!item.IsString() && !item.IsObject()) return;
        const rapidjson::Value* id = item.IsObject() ? find(item, "id") : &item;
        if (!id || !id->IsString()) return;
        std::string_view address = normalise_public(view(*id));
        if (!is_absolute_http_url(address)) return;
        if (std::find(out.begin(), out.end(), address) != out.end()) return;
        out.emplace_back(address);
    };
    if (!v->IsArray()) {
        add(*v);
        return out;
    }
    if (v->Size() > limits::kMaxAddressEntries) {
        refuse(std::string(what) + " has more than " + std::to_string(limits::kMaxAddressEntries) + " entries");
    }
    for (const auto& item : v->GetArray()) add(item);
    return out;
}

std::string read_link(const rapidjson::Value& object, std::string_view key, std::string_view what) {
    const auto* v = find(object, key);
    if (!v) return {};
    if (!v->IsString() && !v->IsObject() && !v->IsArray()) wrong_type(what, "a URL, a Link or an array", *v);
    std::vector<LinkCandidate> candidates;
    collect_links(*v, candidates, 0);
    const LinkCandidate* chosen = nullptr;
    for (const auto& c : candidates) {
        if (c.html && is_absolute_http_url(c.href)) {
            chosen = &c;
            break;
        }
    }
    if (!chosen) {
        for (const auto& c : candidates) {
            if (is_absolute_http_url(c.href)) {
                chosen = &c;
                break;
            }
        }
    }
    if (!chosen) {
        if (candidates.empty()) return {};
        check_url(candidates.front().href, what);  // refuses, naming the first offender
        return {};
    }
    return std::string(chosen->href);
}

std::string read_image_url(const rapidjson::Value& object, std::string_view key, std::string_view what) {
    const auto* v = find(object, key);
    if (!v) return {};
    if (v->IsString()) {
        check_url(view(*v), what);
        return std::string(view(*v));
    }
    if (v->IsObject()) return read_link(*v, "url", path(what, "url"));
    if (!v->IsArray()) wrong_type(what, "an Image, a URL or an array", *v);
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
        const auto& item = (*v)[i];
        std::string url;
        if (item.IsString()) {
            url = std::string(view(item));
            check_url(url, path(what, i));
        } else if (item.IsObject()) {
            url = read_link(item, "url", path(path(what, i), "url"));
        }
        if (!url.empty()) return url;
    }
    return {};
}

LocalizedText read_localized(const rapidjson::Value& object, std::string_view key, std::string_view map_key,
                             std::size_t max_bytes, std::string_view what) {
    LocalizedText out;
    out.text = read_text(object, key, max_bytes, path(what, key));
    const auto* map = find(object, map_key);
    if (!map || !map->IsObject()) return out;
    std::string_view first_language;
    for (const auto& m : map->GetObject()) {
        std::string_view language = view(m.name);
        if (!is_language_tag(language) || !m.value.IsString()) continue;
        std::string_view text = view(m.value);
        if (first_language.empty()) first_language = language;
        if (out.text.empty() && !text.empty()) {
            check_text(text, max_bytes, path(what, map_key));
            out.text = std::string(text);
            out.language = std::string(language);
            return out;
        }
        if (!out.text.empty() && text == out.text) {
            out.language = std::string(language);
            return out;
        }
    }
    out.language = std::string(first_language);
    return out;
}

std::string read_attributed_to(const rapidjson::Value& object, std::string_view what) {
    const auto* v = find(object, "attributedTo");
    if (!v) return {};
    std::string id;
    if (!v->IsArray()) {
        id = id_of(*v, what);
    } else {
        const rapidjson::Value* first = nullptr;
        for (const auto& item : v->GetArray()) {
            if (!item.IsString() && !item.IsObject()) continue;
            if (!first) first = &item;
            if (item.IsObject()) {
                const auto* type = find(item, "type");
                if (type && type->IsString()) {
                    std::string_view t = view(*type);
                    if (t == "Person" || t == "Service" || t == "Application") {
                        first = &item;
                        break;
                    }
                }
            }
        }
        if (first) id = id_of(*first, what);
    }
    check_url(id, what);
    return id;
}

std::optional<core::TimePoint> read_time(const rapidjson::Value& object, std::string_view key, std::string_view what) {
    const auto* v = find(object, key);
    if (!v) return std::nullopt;
    if (!v->IsString()) wrong_type(what, "a string", *v);
    return parse_iso8601(view(*v));
}

std::string to_json(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string path(std::string_view what, std::string_view key) {
    std::string out(what);
    out += '.';
    out += key;
    return out;
}

std::string path(std::string_view what, std::size_t index) {
    return std::string(what) + "[" + std::to_string(index) + "]";
}

}  // namespace gesso::activitypub::as2
