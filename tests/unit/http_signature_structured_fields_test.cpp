// activitypub/signatures/structured_fields: the RFC 8941 subset HTTP message signatures need. Examples are
// RFC 8941's own (§3.2 dictionaries, §3.1.1 inner lists, §3.1.2 parameters) and RFC 9421 Signature-Input values.
#include <gtest/gtest.h>

#include <string>

#include "activitypub/signatures/signature_limits.hpp"
#include "activitypub/signatures/structured_fields.hpp"
#include "core/error.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub::sf {
namespace {

using test::error_code;

const Item& item_of(const DictionaryMember& m) { return std::get<Item>(m.value); }

TEST(Rfc9421StructuredFields, ParsesRfc8941DictionaryExample) {
    // RFC 8941 §3.2: Example-Dict: en="Applepie", da=:w4ZibGV0w6ZydGUK:
    Dictionary d = parse_dictionary(R"(en="Applepie", da=:w4ZibGV0w6ZydGUK:)", "Example-Dict");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].key, "en");
    EXPECT_EQ(std::get<std::string>(item_of(d[0]).value), "Applepie");
    EXPECT_EQ(std::get<ByteSequence>(item_of(d[1]).value).bytes, "\xc3\x86" "blet\xc3\xa6rte\n");
}

TEST(Rfc9421StructuredFields, ParsesBooleansAndParametersWithoutValues) {
    // RFC 8941 §3.2: Example-Dict: a=?0, b, c; foo=bar
    Dictionary d = parse_dictionary("a=?0, b, c; foo=bar", "Example-Dict");
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(std::get<bool>(item_of(d[0]).value), false);
    EXPECT_EQ(std::get<bool>(item_of(d[1]).value), true);
    EXPECT_EQ(std::get<bool>(item_of(d[2]).value), true);
    ASSERT_EQ(item_of(d[2]).params.size(), 1u);
    EXPECT_EQ(std::get<Token>(item_of(d[2]).params[0].value).name, "bar");
}

TEST(Rfc9421StructuredFields, ParsesInnerListsWithParametersAndReserialisesThem) {
    // RFC 8941 §3.1.1/§3.1.2 style members, in a dictionary.
    Dictionary d = parse_dictionary(R"(a=("foo";a=1;b=2);lvl=5, b=("bar" "baz");lvl=1, c=())", "X");
    ASSERT_EQ(d.size(), 3u);
    const auto& a = std::get<InnerList>(d[0].value);
    ASSERT_EQ(a.items.size(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(a.items[0].params[1].value), 2);
    EXPECT_EQ(serialize_inner_list(a), R"(("foo";a=1;b=2);lvl=5)");
    EXPECT_EQ(serialize_inner_list(std::get<InnerList>(d[1].value)), R"(("bar" "baz");lvl=1)");
    EXPECT_EQ(serialize_inner_list(std::get<InnerList>(d[2].value)), "()");
}

TEST(Rfc9421StructuredFields, ParsesAFedifySignatureInput) {
    Dictionary d = parse_dictionary(
        R"(sig1=("@method" "@target-uri" "@authority" "host" "date" "content-digest");alg="rsa-v1_5-sha256";)"
        R"(keyid="https://a.test/users/alice#main-key";created=1700000000)",
        "Signature-Input");
    ASSERT_EQ(d.size(), 1u);
    const auto& list = std::get<InnerList>(d[0].value);
    EXPECT_EQ(list.items.size(), 6u);
    EXPECT_EQ(std::get<std::string>(*find_parameter(list.params, "keyid")), "https://a.test/users/alice#main-key");
    EXPECT_EQ(std::get<std::int64_t>(*find_parameter(list.params, "created")), 1700000000);
    EXPECT_EQ(find_parameter(list.params, "expires"), nullptr);
}

TEST(Rfc9421StructuredFields, HandlesWhitespaceEscapesAndDuplicates) {
    Dictionary d = parse_dictionary("  a=1 ,\tb=\"q\\\"uo\\\\te\",a=2  ", "X");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].key, "a");
    EXPECT_EQ(std::get<std::int64_t>(item_of(d[0]).value), 2) << "a repeated key overwrites in place";
    EXPECT_EQ(std::get<std::string>(item_of(d[1]).value), "q\"uo\\te");
    EXPECT_EQ(serialize_bare_item(item_of(d[1]).value), R"("q\"uo\\te")");
    EXPECT_TRUE(parse_dictionary("", "X").empty());
}

TEST(Rfc9421StructuredFields, ParsesNumbers) {
    Dictionary d = parse_dictionary("a=-999999999999999, b=1.5, c=-0.125, d=123456789012.123", "X");
    EXPECT_EQ(std::get<std::int64_t>(item_of(d[0]).value), -999999999999999);
    EXPECT_DOUBLE_EQ(std::get<Decimal>(item_of(d[1]).value).value, 1.5);
    EXPECT_EQ(serialize_bare_item(item_of(d[2]).value), "-0.125");
    EXPECT_EQ(serialize_bare_item(Decimal{2.0}), "2.0");
}

TEST(Rfc9421StructuredFields, RejectsMalformedDictionaries) {
    for (const char* bad : {"a=1,", "A=1", "a=(1 2", "a=(1,2)", "a=\"open", "a=\"bad\\escape\"", "a=\"tab\there\"",
                            "a=1 b=2", "a=:abc", "a=:ab!c:", "a=?2", "a=1234567890123456", "a=1234567890123.1",
                            "a=1.2345", "a=1.", "a=@", "a=1;B=2", ",a=1", "a=1,,b=2"}) {
        EXPECT_EQ(error_code([&] { parse_dictionary(bad, "X"); }), core::Errc::bad_request) << bad;
    }
}

TEST(Rfc9421StructuredFields, EnforcesSizeLimits) {
    std::string many;
    for (std::size_t i = 0; i <= signature_limits::kMaxDictionaryMembers; ++i) {
        many += 'k';
        many += std::to_string(i);
        many += "=1,";
    }
    many.pop_back();
    EXPECT_EQ(error_code([&] { parse_dictionary(many, "X"); }), core::Errc::bad_request);
    std::string list = "a=(";
    for (std::size_t i = 0; i <= signature_limits::kMaxCoveredComponents; ++i) list += "\"h\" ";
    list += ")";
    EXPECT_EQ(error_code([&] { parse_dictionary(list, "X"); }), core::Errc::bad_request);
}

TEST(Rfc9421StructuredFields, SerialisationRefusesWhatCannotBeWritten) {
    EXPECT_EQ(error_code([] { serialize_bare_item(std::string("caf\xc3\xa9")); }), core::Errc::internal);
    EXPECT_EQ(error_code([] { serialize_bare_item(std::int64_t{1'000'000'000'000'000}); }), core::Errc::internal);
    EXPECT_EQ(error_code([] { serialize_parameters({{"Upper", true}}); }), core::Errc::internal);
    EXPECT_EQ(serialize_item(Item{Token{"a:b/c"}, {{"x", true}, {"y", false}}}), "a:b/c;x;y=?0");
    EXPECT_EQ(serialize_bare_item(ByteSequence{"hi"}), ":aGk=:");
}

}  // namespace
}  // namespace gesso::activitypub::sf
