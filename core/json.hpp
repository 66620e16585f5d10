#pragma once
// RapidJSON conveniences for writing documents. Writers are streaming (no DOM), which keeps rendering cheap.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace gesso::core {

class JsonWriter {
public:
    JsonWriter() : writer_(buffer_) {}
    rapidjson::Writer<rapidjson::StringBuffer>& raw() { return writer_; }

    JsonWriter& begin_object() { writer_.StartObject(); return *this; }
    JsonWriter& end_object() { writer_.EndObject(); return *this; }
    JsonWriter& begin_array() { writer_.StartArray(); return *this; }
    JsonWriter& end_array() { writer_.EndArray(); return *this; }
    JsonWriter& key(std::string_view k) {
        writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        return *this;
    }
    JsonWriter& value(std::string_view v) {
        writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
        return *this;
    }
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
    JsonWriter& value(bool v) { writer_.Bool(v); return *this; }
    JsonWriter& value(int v) { writer_.Int(v); return *this; }
    JsonWriter& value(std::int64_t v) { writer_.Int64(v); return *this; }
    JsonWriter& value(double v) { writer_.Double(v); return *this; }
    JsonWriter& null() { writer_.Null(); return *this; }

    // key + value in one call.
    template <class T>
    JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }

    std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

private:
    rapidjson::StringBuffer buffer_;
    rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

// {"error": message} as Mastodon renders every error.
std::string json_error_body(std::string_view message);

}  // namespace gesso::core
