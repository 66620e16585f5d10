#pragma once
// Parsing JSON that a test produced or reads, without core::parse_json's limits or error mapping.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <stdexcept>
#include <string_view>

namespace gesso::test {

// `json` parsed; a test failure quoting it when it is not JSON.
inline rapidjson::Document parse_document(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    EXPECT_FALSE(doc.HasParseError()) << json;
    return doc;
}

// `json` parsed with full precision (RapidJSON's default number parsing may be one ulp off; see
// activitypub/signatures/jcs.hpp). Throws std::runtime_error when it is not JSON.
inline rapidjson::Document parse_document_exact(std::string_view json) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
    if (doc.HasParseError()) throw std::runtime_error("fixture is not JSON");
    return doc;
}

}  // namespace gesso::test
