#include "core/json_parse.hpp"

#include <rapidjson/error/en.h>

#include <string>

#include "core/error.hpp"

namespace gesso::core {

int json_nesting_depth(std::string_view text) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        switch (c) {
            case '"': in_string = true; break;
            case '[':
            case '{':
                if (++depth > deepest) deepest = depth;
                break;
            case ']':
            case '}': --depth; break;
            default: break;
        }
    }
    return deepest;
}

rapidjson::Document parse_json(std::string_view text, int max_depth, std::size_t max_bytes) {
    if (text.size() > max_bytes) {
        throw Error(Errc::too_large, "JSON document is larger than " + std::to_string(max_bytes) + " bytes");
    }
    if (json_nesting_depth(text) > max_depth) {
        throw Error(Errc::bad_request, "JSON is nested deeper than " + std::to_string(max_depth) + " levels");
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
    if (doc.HasParseError()) {
        throw Error(Errc::bad_request, std::string("malformed JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
                                           " at byte " + std::to_string(doc.GetErrorOffset()));
    }
    return doc;
}

}  // namespace gesso::core
