#include "web/params.hpp"

#include <boost/url/pct_string_view.hpp>
#include <charconv>

#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/text.hpp"
#include "web/multipart.hpp"

namespace gesso::web {

using core::Errc;
using core::Error;

namespace {

std::string json_scalar(const rapidjson::Value& v) {
    if (v.IsString()) return {v.GetString(), v.GetStringLength()};
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    if (v.IsNumber()) return std::to_string(v.GetDouble());
    return "";
}

void add_json(const std::string& prefix, const rapidjson::Value& value, Params& into) {
    if (value.IsObject()) {
        for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
            std::string key(it->name.GetString(), it->name.GetStringLength());
            add_json(prefix.empty() ? key : prefix + "[" + key + "]", it->value, into);
        }
    } else if (value.IsArray()) {
        for (const auto& item : value.GetArray()) add_json(prefix + "[]", item, into);
    } else if (!value.IsNull()) {
        into.add(prefix, json_scalar(value));
    }
}

std::string_view strip_brackets(std::string_view name) {
    if (name.ends_with("[]")) name.remove_suffix(2);
    return name;
}

}  // namespace

void parse_form(std::string_view body, Params& into) {
    // Split by hand rather than with the RFC 3986 query grammar: clients send unencoded brackets
    // (media_ids[]=1) and spaces, which browsers and Rails accept. Percent-escapes must be well formed.
    auto decode = [](std::string_view part) {
        auto pct = boost::urls::make_pct_string_view(part);
        if (!pct) throw Error(Errc::bad_request, "the form body is malformed (bad percent-encoding)");
        return pct->decode(boost::urls::encoding_opts(true));
    };
    std::size_t i = 0;
    while (i <= body.size()) {
        std::size_t end = body.find('&', i);
        if (end == std::string_view::npos) end = body.size();
        std::string_view pair = body.substr(i, end - i);
        if (!pair.empty()) {
            std::size_t eq = pair.find('=');
            std::string key = decode(pair.substr(0, eq));
            std::string value = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
            into.add(std::move(key), std::move(value));
        }
        i = end + 1;
    }
}

Params Params::from(const Request& req) {
    Params p;
    for (const auto& [k, v] : req.query) p.add(k, v);
    const std::string& body = req.message.body();
    if (body.empty()) return p;
    std::string type = core::to_lower_ascii(req.header(http::field::content_type));
    if (type.starts_with("application/json")) {
        rapidjson::Document doc = core::parse_json(body);
        if (!doc.IsObject()) throw Error(Errc::bad_request, "the JSON body must be an object");
        add_json("", doc, p);
    } else if (type.starts_with("application/x-www-form-urlencoded") || type.empty()) {
        parse_form(body, p);
    } else if (auto boundary = multipart_boundary(req.header(http::field::content_type))) {
        // Text fields only; files are read with parse_multipart by the routes that take them.
        for (const auto& part : parse_multipart(body, *boundary)) {
            if (!part.filename) p.add(part.name, std::string(part.body));
        }
    }
    return p;
}

std::optional<std::string> Params::get(std::string_view name) const {
    for (auto it = values_.rbegin(); it != values_.rend(); ++it) {
        if (it->first == name) return it->second;
    }
    return std::nullopt;
}

std::vector<std::string> Params::all(std::string_view name) const {
    std::string_view base = strip_brackets(name);
    std::vector<std::string> out;
    for (const auto& [k, v] : values_) {
        if (strip_brackets(k) == base) out.push_back(v);
    }
    return out;
}

std::vector<std::map<std::string, std::string>> Params::objects(std::string_view name, std::size_t max) const {
    std::vector<std::map<std::string, std::string>> out;
    std::vector<std::string> indexes;  // the N of name[N][field], per object; empty for name[][field]
    for (const auto& [k, v] : values_) {
        if (!k.starts_with(name) || k.size() <= name.size() + 2 || k[name.size()] != '[') continue;
        std::string_view rest = std::string_view(k).substr(name.size() + 1);
        std::size_t close = rest.find(']');
        if (close == std::string_view::npos || rest.size() < close + 3 || rest[close + 1] != '[' || !rest.ends_with("]")) {
            continue;
        }
        std::string index(rest.substr(0, close));
        std::string field(rest.substr(close + 2, rest.size() - close - 3));
        if (field.empty() || field.find_first_of("[]") != std::string::npos) continue;
        std::size_t at = out.size();
        if (!index.empty()) {
            for (std::size_t i = 0; i < indexes.size(); ++i) {
                if (indexes[i] == index) at = i;
            }
        } else if (!out.empty() && indexes.back().empty() && !out.back().count(field)) {
            at = out.size() - 1;
        }
        if (at == out.size()) {
            if (out.size() >= max) {
                throw Error(Errc::unprocessable, "Validation failed: too many " + std::string(name));
            }
            out.emplace_back();
            indexes.push_back(index);
        }
        out[at][field] = v;
    }
    return out;
}

std::optional<bool> Params::boolean(std::string_view name) const {
    auto v = get(name);
    if (!v) return std::nullopt;
    std::string lower = core::to_lower_ascii(*v);
    if (lower == "true" || lower == "1" || lower == "on") return true;
    if (lower == "false" || lower == "0" || lower == "off" || lower.empty()) return false;
    throw Error(Errc::unprocessable, "Validation failed: " + std::string(name) + " must be true or false");
}

std::optional<std::int64_t> Params::integer(std::string_view name) const {
    auto v = get(name);
    if (!v) return std::nullopt;
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size()) {
        throw Error(Errc::unprocessable, "Validation failed: " + std::string(name) + " must be an integer");
    }
    return out;
}

}  // namespace gesso::web
