// activitypub/signatures/jcs: RFC 8785 canonical JSON. Vectors are the RFC's own: §3.2.2/§3.2.4 (sample
// object and its exact UTF-8 bytes), §3.2.3 (property sorting by UTF-16 code units) and Appendix B (number
// serialisation), stored in tests/fixtures/signatures/rfc8785_examples.txt.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <bit>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>

#include "activitypub/signatures/jcs.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"
#include "support/fixtures.hpp"
#include "support/json.hpp"

namespace gesso::activitypub {
namespace {

using test::error_code;
using test::parse_document_exact;
using test::read_sections;

std::string from_hex(const std::string& text) {
    std::istringstream in(text);
    std::string out, byte;
    while (in >> byte) out.push_back(static_cast<char>(std::stoi(byte, nullptr, 16)));
    return out;
}

class JcsRfc8785 : public ::testing::Test {
protected:
    std::map<std::string, std::string> v = read_sections("signatures", "rfc8785_examples.txt");
};

TEST_F(JcsRfc8785, Section322SampleGivesTheExactBytesOfSection324) {
    EXPECT_EQ(jcs_canonicalize(parse_document_exact(v.at("3.2.2-input"))), from_hex(v.at("3.2.4-utf8")));
}

TEST_F(JcsRfc8785, Section323SortsPropertiesByUtf16CodeUnits) {
    std::string canonical = jcs_canonicalize(parse_document_exact(v.at("3.2.3-input")));
    rapidjson::Document sorted = parse_document_exact(canonical);
    std::string order;
    for (const auto& m : sorted.GetObject()) order += std::string(m.value.GetString()) + "\n";
    EXPECT_EQ(order, v.at("3.2.3-order") + "\n");
    // The emoji (a surrogate pair, D83D DE00) sorts before U+FB33 although its code point is larger.
    EXPECT_LT(canonical.find("\xf0\x9f\x98\x80"), canonical.find("\xef\xac\xb3"));
}

TEST_F(JcsRfc8785, AppendixBNumberSamples) {
    std::istringstream lines(v.at("appendix-b"));
    std::string bits, expected;
    int count = 0;
    while (lines >> bits >> expected) {
        double value = std::bit_cast<double>(static_cast<std::uint64_t>(std::stoull(bits, nullptr, 16)));
        if (expected == "error") {
            EXPECT_EQ(error_code([&] { jcs_number(value); }), core::Errc::bad_request) << bits;
        } else {
            EXPECT_EQ(jcs_number(value), expected) << bits;
        }
        ++count;
    }
    EXPECT_EQ(count, 26);
}

TEST(Jcs, NumbersAtTheNotationBoundaries) {
    EXPECT_EQ(jcs_number(1e21), "1e+21");
    EXPECT_EQ(jcs_number(1e20), "100000000000000000000");
    EXPECT_EQ(jcs_number(123e18), "123000000000000000000");
    EXPECT_EQ(jcs_number(1e-6), "0.000001");
    EXPECT_EQ(jcs_number(1e-7), "1e-7");
    EXPECT_EQ(jcs_number(1.5e-7), "1.5e-7");
    EXPECT_EQ(jcs_number(-71.184902), "-71.184902");
    EXPECT_EQ(jcs_number(42), "42");
    EXPECT_EQ(jcs_number(0.1), "0.1");
}

TEST(Jcs, IntegersAndOtherValueKinds) {
    EXPECT_EQ(jcs_canonicalize(parse_document_exact(
                  R"( { "b" : [ 1 , -2 , 18446744073709551615 , 9007199254740993 ] , "a" : { } , "c":[] } )")),
              R"({"a":{},"b":[1,-2,18446744073709552000,9007199254740992],"c":[]})");
}

TEST(Jcs, EscapesStringsLikeJsonStringify) {
    rapidjson::Document doc(rapidjson::kObjectType);
    std::string controls("\x00\x01\x1f\x7f \" \\ / \b\f\n\r\t caf\xc3\xa9", 22);
    doc.AddMember("s", rapidjson::Value(controls.data(), static_cast<rapidjson::SizeType>(controls.size()), doc.GetAllocator()),
                  doc.GetAllocator());
    EXPECT_EQ(jcs_canonicalize(doc), "{\"s\":\"\\u0000\\u0001\\u001f\x7f \\\" \\\\ / \\b\\f\\n\\r\\t caf\xc3\xa9\"}");
}

TEST(Jcs, RejectsWhatJcsCannotRepresent) {
    rapidjson::Document doc(rapidjson::kObjectType);
    doc.AddMember("a", 1, doc.GetAllocator());
    doc.AddMember("a", 2, doc.GetAllocator());  // RapidJSON keeps duplicates; I-JSON forbids them
    EXPECT_EQ(error_code([&] { jcs_canonicalize(doc); }), core::Errc::bad_request);

    for (const char* bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
        rapidjson::Value s(bad, doc.GetAllocator());
        EXPECT_EQ(error_code([&] { jcs_canonicalize(s); }), core::Errc::bad_request) << "invalid UTF-8";
        rapidjson::Document o(rapidjson::kObjectType);
        rapidjson::Value name(bad, o.GetAllocator());
        o.AddMember(name, 1, o.GetAllocator());
        EXPECT_EQ(error_code([&] { jcs_canonicalize(o); }), core::Errc::bad_request) << "invalid UTF-8 name";
    }

    std::string deep(40, '[');
    deep += std::string(40, ']');
    EXPECT_EQ(error_code([&] { jcs_canonicalize(parse_document_exact(deep)); }), core::Errc::bad_request);
    std::string ok(32, '[');
    ok += std::string(32, ']');
    EXPECT_NO_THROW(jcs_canonicalize(parse_document_exact(ok)));
}

}  // namespace
}  // namespace gesso::activitypub
