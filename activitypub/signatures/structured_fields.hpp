#pragma once
// The part of RFC 8941 (Structured Field Values for HTTP) that HTTP message signatures need: parsing
// Dictionaries (Signature-Input, Signature, Content-Digest) whose members are Items or Inner Lists with
// Parameters, and serialising Inner Lists and Items (the "@signature-params" line, component identifiers).
// Lists as top-level fields are not needed and not implemented. Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gesso::activitypub::sf {

struct Token {
    std::string name;
    bool operator==(const Token&) const = default;
};
struct ByteSequence {
    std::string bytes;  // decoded
    bool operator==(const ByteSequence&) const = default;
};
struct Decimal {
    double value = 0;
    bool operator==(const Decimal&) const = default;
};

// Integer, Decimal, String (std::string, unescaped), Token, Byte Sequence or Boolean.
using BareItem = std::variant<std::int64_t, Decimal, std::string, Token, ByteSequence, bool>;

struct Parameter {
    std::string key;
    BareItem value;
};
using Parameters = std::vector<Parameter>;  // in order; a repeated key overwrites in place (RFC 8941 §4.2.3.2)

struct Item {
    BareItem value;
    Parameters params;
};

struct InnerList {
    std::vector<Item> items;
    Parameters params;
};

struct DictionaryMember {
    std::string key;
    std::variant<Item, InnerList> value;
};
using Dictionary = std::vector<DictionaryMember>;  // in order; a repeated key overwrites in place

// Parses a Dictionary field value (RFC 8941 §4.2.2). Throws core::Error(bad_request, "<field name> is not a
// valid structured field: <why>") on any syntax error, or when a dictionary, inner list or parameter list is
// longer than signature_limits allows. `field_name` only names the field in the message.
Dictionary parse_dictionary(std::string_view text, std::string_view field_name);

// The first parameter named `key`, or null.
const BareItem* find_parameter(const Parameters& params, std::string_view key);

// Canonical serialisations (RFC 8941 §4.1). Throw core::Error(internal) for values that cannot be serialised
// (a string with characters outside printable ASCII, an integer beyond 15 digits, an invalid key or token).
std::string serialize_bare_item(const BareItem& value);
std::string serialize_parameters(const Parameters& params);
std::string serialize_item(const Item& item);
std::string serialize_inner_list(const InnerList& list);

}  // namespace gesso::activitypub::sf
