#include "support/json_shape.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace gesso::test {
namespace {

const std::regex kDatetime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
const std::regex kDate(R"(^\d{4}-\d{2}-\d{2}$)");
const std::regex kAnyDatetime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
const std::regex kUrl(R"(^(https?|wss?)://[^/\s]+(/\S*)?$)");

std::string last_segment(const std::string& key) {
    auto dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(dot + 1);
}

// The type word of a documented example value.
std::string type_of_example(const std::string& key, const rapidjson::Value& v) {
    if (v.IsBool()) return "boolean";
    if (v.IsInt64() || v.IsUint64()) return "integer";
    if (v.IsNumber()) return "number";
    if (v.IsObject()) return "object";
    if (v.IsArray()) return "array";
    if (!v.IsString()) return "null";
    std::string s = v.GetString();
    auto name = last_segment(key);
    if (name == "id" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0)) return "id";
    if (std::regex_match(s, kDatetime)) return "datetime";
    if (std::regex_match(s, kDate)) return "date";
    if (std::regex_match(s, kAnyDatetime)) return "anydatetime";
    if (std::regex_match(s, kUrl)) return "url";
    return "string";
}

std::string describe(const rapidjson::Value& v) {
    if (v.IsNull()) return "null";
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (v.IsString()) return std::string("\"") + v.GetString() + "\"";
    if (v.IsObject()) return "an object";
    if (v.IsArray()) return "an array";
    return "a number";
}

// Whether `v` has the JSON type (and string format) `type`.
bool has_type(const rapidjson::Value& v, const std::string& type) {
    if (type == "boolean") return v.IsBool();
    if (type == "integer") return v.IsInt64() || v.IsUint64();
    if (type == "number") return v.IsNumber();
    if (type == "object") return v.IsObject();
    if (type == "array") return v.IsArray();
    if (type == "null") return v.IsNull();
    if (type == "scalar") return v.IsString() || v.IsInt64() || v.IsUint64();
    if (!v.IsString()) return false;
    std::string s = v.GetString();
    if (type == "id") return !s.empty();
    if (type == "datetime") return std::regex_match(s, kDatetime);
    if (type == "date") return std::regex_match(s, kDate);
    if (type == "anydatetime") return std::regex_match(s, kAnyDatetime);
    if (type == "url") return std::regex_match(s, kUrl);
    return type == "string";
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

ShapeCatalog::ShapeCatalog(const std::filesystem::path& dir) {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".json") continue;
        Shape shape;
        auto text = read_file(e.path());
        shape.doc.Parse(text.data(), text.size());
        if (shape.doc.HasParseError() || !shape.doc.IsObject() || !shape.doc.HasMember("example") ||
            !shape.doc["example"].IsObject())
            throw std::runtime_error("not an entity shape: " + e.path().string());
        auto map_of = [&](const char* name, std::map<std::string, std::string>& out) {
            if (!shape.doc.HasMember(name)) return;
            for (const auto& m : shape.doc[name].GetObject()) out[m.name.GetString()] = m.value.GetString();
        };
        map_of("nullable", shape.nullable);
        map_of("entities", shape.entities);
        if (shape.doc.HasMember("optional"))
            for (const auto& o : shape.doc["optional"].GetArray()) shape.optional.emplace_back(o.GetString());
        shapes_.emplace(e.path().stem().string(), std::move(shape));
    }
}

std::string ShapeCatalog::compare(const rapidjson::Value& actual, const std::string& name,
                                  const std::string& where) const {
    std::vector<std::string> out;
    entity(actual, name, where, out);
    std::string joined;
    for (const auto& line : out) joined += line + "\n";
    return joined;
}

std::string ShapeCatalog::compare_each(const rapidjson::Value& actual, const std::string& name,
                                       const std::string& where) const {
    if (!actual.IsArray()) return where + ": expected an array of " + name + ", got " + describe(actual) + "\n";
    std::string joined;
    for (rapidjson::SizeType i = 0; i < actual.Size(); ++i) {
        std::string at = where + "[";
        at += std::to_string(i);
        at += "]";
        joined += compare(actual[i], name, at);
    }
    return joined;
}

void ShapeCatalog::entity(const rapidjson::Value& actual, const std::string& name, const std::string& where,
                          std::vector<std::string>& out) const {
    auto it = shapes_.find(name);
    if (it == shapes_.end()) {
        out.push_back(where + ": no documented shape named " + name);
        return;
    }
    if (!actual.IsObject()) {
        out.push_back(where + ": expected " + name + " (an object), got " + describe(actual));
        return;
    }
    object(actual, it->second.doc["example"], it->second, "", where, out);
}

void ShapeCatalog::object(const rapidjson::Value& actual, const rapidjson::Value& example, const Shape& shape,
                          const std::string& prefix, const std::string& where, std::vector<std::string>& out) const {
    for (const auto& m : example.GetObject()) {
        std::string key = prefix.empty() ? m.name.GetString() : prefix + "." + m.name.GetString();
        std::string at = where + "." + m.name.GetString();
        if (!actual.HasMember(m.name.GetString())) {
            if (std::find(shape.optional.begin(), shape.optional.end(), key) == shape.optional.end())
                out.push_back(at + ": missing (documented as always present)");
            continue;
        }
        value(actual[m.name.GetString()], m.value, shape, key, at, out);
    }
}

void ShapeCatalog::value(const rapidjson::Value& actual, const rapidjson::Value& example, const Shape& shape,
                         const std::string& key, const std::string& where, std::vector<std::string>& out) const {
    auto nullable = shape.nullable.find(key);
    if (actual.IsNull()) {
        if (nullable == shape.nullable.end()) out.push_back(where + ": null, documented as never null");
        return;
    }
    if (auto e = shape.entities.find(key); e != shape.entities.end()) {
        if (actual.IsArray()) {
            for (rapidjson::SizeType i = 0; i < actual.Size(); ++i) {
                std::string at = where + "[";
                at += std::to_string(i);
                at += "]";
                entity(actual[i], e->second, at, out);
            }
        } else {
            entity(actual, e->second, where, out);
        }
        return;
    }
    std::string type =
        example.IsNull() ? (nullable == shape.nullable.end() ? "?" : nullable->second) : type_of_example(key, example);
    if (type == "?") {
        out.push_back(where + ": the shape file gives no type for this null example (add it to `nullable`)");
        return;
    }
    if (shapes_.count(type) != 0) {
        entity(actual, type, where, out);
        return;
    }
    if (!has_type(actual, type)) {
        out.push_back(where + ": expected " + type + ", got " + describe(actual));
        return;
    }
    if (example.IsObject()) {
        object(actual, example, shape, key, where, out);
    } else if (example.IsArray() && !example.Empty()) {
        for (rapidjson::SizeType i = 0; i < actual.Size(); ++i) {
            std::string at = where + "[";
            at += std::to_string(i);
            at += "]";
            value(actual[i], example[0], shape, key, at, out);
        }
    }
}

const ShapeCatalog& mastodon_shapes() {
    static const ShapeCatalog catalog(std::filesystem::path(GESSO_SOURCE_DIR) / "tests" / "fixtures" / "mastodon");
    return catalog;
}

}  // namespace gesso::test
