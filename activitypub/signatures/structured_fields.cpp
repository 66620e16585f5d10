#include "activitypub/signatures/structured_fields.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "activitypub/signatures/encoding.hpp"
#include "activitypub/signatures/signature_limits.hpp"
#include "core/error.hpp"

namespace gesso::activitypub::sf {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lcalpha(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || is_lcalpha(c); }
bool is_key_char(char c) { return is_lcalpha(c) || is_digit(c) || c == '_' || c == '-' || c == '.' || c == '*'; }
bool is_tchar(char c) {
    return is_alpha(c) || is_digit(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}
bool is_token_char(char c) { return is_tchar(c) || c == ':' || c == '/'; }

template <typename Member>
void put(std::vector<Member>& members, std::string key, auto value, std::size_t limit, const char* what,
         const auto& fail) {
    for (auto& m : members) {
        if (m.key == key) {
            m.value = std::move(value);
            return;
        }
    }
    if (members.size() >= limit) fail(std::string("too many ") + what);
    members.push_back({std::move(key), std::move(value)});
}

// Recursive-descent parser over RFC 8941 §4.2; `pos` walks `in`, every failure throws with the field's name.
class Parser {
public:
    Parser(std::string_view in, std::string_view field) : in_(in), field_(field) {}

    Dictionary dictionary() {
        Dictionary dict;
        skip_sp();
        while (!at_end()) {
            std::string key = parse_key();
            std::variant<Item, InnerList> value;
            if (peek() == '=') {
                ++pos_;
                value = item_or_inner_list();
            } else {
                value = Item{true, parameters()};
            }
            put(dict, std::move(key), std::move(value), signature_limits::kMaxDictionaryMembers,
                "dictionary members", [this](const std::string& why) { fail(why); });
            skip_ows();
            if (at_end()) break;
            if (peek() != ',') fail("expected ',' between members");
            ++pos_;
            skip_ows();
            if (at_end()) fail("trailing comma");
        }
        return dict;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw core::Error(core::Errc::bad_request,
                          std::string(field_) + " is not a valid structured field: " + why + " at offset " +
                              std::to_string(pos_));
    }
    bool at_end() const { return pos_ >= in_.size(); }
    char peek() const { return at_end() ? '\0' : in_[pos_]; }
    void skip_sp() {
        while (peek() == ' ') ++pos_;
    }
    void skip_ows() {
        while (peek() == ' ' || peek() == '\t') ++pos_;
    }

    std::variant<Item, InnerList> item_or_inner_list() {
        if (peek() == '(') return inner_list();
        return item();
    }

    InnerList inner_list() {
        ++pos_;  // '('
        InnerList list;
        for (;;) {
            skip_sp();
            if (at_end()) fail("unterminated inner list");
            if (peek() == ')') {
                ++pos_;
                list.params = parameters();
                return list;
            }
            if (list.items.size() >= signature_limits::kMaxCoveredComponents) fail("too many inner list items");
            list.items.push_back(item());
            if (peek() != ' ' && peek() != ')') fail("expected ' ' or ')' in inner list");
        }
    }

    Item item() {
        BareItem value = bare_item();
        return Item{std::move(value), parameters()};
    }

    Parameters parameters() {
        Parameters params;
        while (peek() == ';') {
            ++pos_;
            skip_sp();
            std::string key = parse_key();
            BareItem value = true;
            if (peek() == '=') {
                ++pos_;
                value = bare_item();
            }
            put(params, std::move(key), std::move(value), signature_limits::kMaxParameters, "parameters",
                [this](const std::string& why) { fail(why); });
        }
        return params;
    }

    std::string parse_key() {
        if (!is_lcalpha(peek()) && peek() != '*') fail("a key must start with a lowercase letter or '*'");
        std::size_t start = pos_;
        while (!at_end() && is_key_char(in_[pos_])) ++pos_;
        return std::string(in_.substr(start, pos_ - start));
    }

    BareItem bare_item() {
        char c = peek();
        if (c == '-' || is_digit(c)) return number();
        if (c == '"') return string();
        if (c == ':') return byte_sequence();
        if (c == '?') return boolean();
        if (is_alpha(c) || c == '*') return token();
        fail("unrecognised item");
    }

    BareItem number() {
        bool negative = peek() == '-';
        if (negative) ++pos_;
        if (!is_digit(peek())) fail("a number needs a digit");
        std::size_t start = pos_;
        std::size_t dot = std::string_view::npos;
        while (!at_end() && (is_digit(in_[pos_]) || (in_[pos_] == '.' && dot == std::string_view::npos))) {
            if (in_[pos_] == '.') {
                if (pos_ - start > 12) fail("a decimal has more than 12 integer digits");
                dot = pos_;
            }
            ++pos_;
            if (dot == std::string_view::npos && pos_ - start > 15) fail("an integer has more than 15 digits");
            if (dot != std::string_view::npos && pos_ - start > 16) fail("a decimal is too long");
        }
        std::string digits(in_.substr(start, pos_ - start));
        if (dot == std::string_view::npos) {
            std::int64_t n = 0;  // at most 15 digits: cannot overflow
            std::from_chars(digits.data(), digits.data() + digits.size(), n);
            return negative ? -n : n;
        }
        std::size_t fraction = pos_ - dot - 1;
        if (fraction < 1 || fraction > 3) fail("a decimal needs 1 to 3 fractional digits");
        double d = 0;  // from_chars, unlike stod, ignores the process locale's decimal separator
        std::from_chars(digits.data(), digits.data() + digits.size(), d);
        return Decimal{negative ? -d : d};
    }

    BareItem string() {
        ++pos_;  // '"'
        std::string out;
        for (;;) {
            if (at_end()) fail("unterminated string");
            char c = in_[pos_++];
            if (c == '"') return out;
            if (c == '\\') {
                char next = peek();
                if (next != '"' && next != '\\') fail("invalid escape in string");
                out.push_back(next);
                ++pos_;
            } else if (c < 0x20 || c > 0x7e) {
                fail("a string may only hold printable ASCII");
            } else {
                out.push_back(c);
            }
        }
    }

    BareItem token() {
        std::size_t start = pos_;
        while (!at_end() && is_token_char(in_[pos_])) ++pos_;
        return Token{std::string(in_.substr(start, pos_ - start))};
    }

    BareItem byte_sequence() {
        ++pos_;  // ':'
        std::size_t end = in_.find(':', pos_);
        if (end == std::string_view::npos) fail("unterminated byte sequence");
        auto decoded = base64_decode(in_.substr(pos_, end - pos_), /*allow_unpadded=*/true);
        if (!decoded) fail("a byte sequence is not valid base64");
        pos_ = end + 1;
        return ByteSequence{std::move(*decoded)};
    }

    BareItem boolean() {
        ++pos_;  // '?'
        char c = peek();
        if (c != '0' && c != '1') fail("a boolean must be ?0 or ?1");
        ++pos_;
        return c == '1';
    }

    std::string_view in_;
    std::string_view field_;
    std::size_t pos_ = 0;
};

[[noreturn]] void unserialisable(const char* what) {
    throw core::Error(core::Errc::internal, "internal error", std::string("cannot serialise structured field ") + what);
}

std::string serialize_key(const std::string& key) {
    if (key.empty() || (!is_lcalpha(key[0]) && key[0] != '*')) unserialisable("key");
    for (char c : key) {
        if (!is_key_char(c)) unserialisable("key");
    }
    return key;
}

}  // namespace

Dictionary parse_dictionary(std::string_view text, std::string_view field_name) {
    return Parser(text, field_name).dictionary();
}

const BareItem* find_parameter(const Parameters& params, std::string_view key) {
    for (const auto& p : params) {
        if (p.key == key) return &p.value;
    }
    return nullptr;
}

std::string serialize_bare_item(const BareItem& value) {
    struct Visitor {
        std::string operator()(std::int64_t n) const {
            if (n > 999'999'999'999'999 || n < -999'999'999'999'999) unserialisable("integer");
            return std::to_string(n);
        }
        std::string operator()(const Decimal& d) const {
            double rounded = std::nearbyint(d.value * 1000) / 1000;  // round half to even, RFC 8941 §4.1.5
            if (!std::isfinite(rounded) || std::fabs(rounded) >= 1e12) unserialisable("decimal");
            char buffer[32];
            auto result = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, 3);
            std::string out(buffer, result.ptr);
            while (out.back() == '0' && out[out.size() - 2] != '.') out.pop_back();
            return out;
        }
        std::string operator()(const std::string& s) const {
            std::string out = "\"";
            for (char c : s) {
                if (c < 0x20 || c > 0x7e) unserialisable("string");
                if (c == '"' || c == '\\') out.push_back('\\');
                out.push_back(c);
            }
            return out + "\"";
        }
        std::string operator()(const Token& t) const {
            if (t.name.empty() || (!is_alpha(t.name[0]) && t.name[0] != '*')) unserialisable("token");
            for (char c : t.name) {
                if (!is_token_char(c)) unserialisable("token");
            }
            return t.name;
        }
        std::string operator()(const ByteSequence& b) const {
            std::string out(1, ':');
            out += base64_encode(b.bytes);
            out.push_back(':');
            return out;
        }
        std::string operator()(bool b) const { return b ? "?1" : "?0"; }
    };
    return std::visit(Visitor{}, value);
}

std::string serialize_parameters(const Parameters& params) {
    std::string out;
    for (const auto& p : params) {
        out.push_back(';');
        out += serialize_key(p.key);
        const bool* flag = std::get_if<bool>(&p.value);
        if (!(flag && *flag)) {  // ?1 parameters are written bare
            out.push_back('=');
            out += serialize_bare_item(p.value);
        }
    }
    return out;
}

std::string serialize_item(const Item& item) {
    std::string out = serialize_bare_item(item.value);
    out += serialize_parameters(item.params);
    return out;
}

std::string serialize_inner_list(const InnerList& list) {
    std::string out = "(";
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        if (i > 0) out += ' ';
        out += serialize_item(list.items[i]);
    }
    return out + ")" + serialize_parameters(list.params);
}

}  // namespace gesso::activitypub::sf
