#include "activitypub/signatures/jcs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "activitypub/signatures/signature_limits.hpp"
#include "core/error.hpp"

namespace gesso::activitypub {

namespace {

[[noreturn]] void bad(const std::string& why) {
    throw core::Error(core::Errc::bad_request, "JSON cannot be canonicalised: " + why);
}

// UTF-16 code units of well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF);
// nullopt otherwise. JCS orders names by these units, not by code points or bytes.
std::optional<std::u16string> utf16_of(std::string_view s) {
    std::u16string out;
    std::size_t i = 0;
    while (i < s.size()) {
        auto byte = [&](std::size_t at) { return static_cast<unsigned char>(s[at]); };
        unsigned c = byte(i);
        std::size_t length = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (length == 0 || i + length > s.size()) return std::nullopt;
        char32_t cp = length == 1 ? c : length == 2 ? (c & 0x1f) : length == 3 ? (c & 0x0f) : (c & 0x07);
        for (std::size_t k = 1; k < length; ++k) {
            if ((byte(i + k) & 0xc0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (byte(i + k) & 0x3f);
        }
        static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMinimum[length] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
        i += length;
    }
    return out;
}

// JSON.stringify's escaping: the two-character escapes where JSON has them, \u00xx for other controls,
// everything else (including non-ASCII) as UTF-8.
void write_string(std::string& out, std::string_view s) {
    if (!utf16_of(s)) bad("a string is not valid UTF-8");
    out.push_back('"');
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    static constexpr char kHex[] = "0123456789abcdef";
                    out += "\\u00";
                    out.push_back(kHex[c >> 4]);
                    out.push_back(kHex[c & 0xf]);
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
}

// `depth` counts the arrays and objects around `value`.
void write_value(std::string& out, const rapidjson::Value& value, int depth) {
    if ((value.IsArray() || value.IsObject()) && depth >= signature_limits::kMaxJcsDepth) bad("nested too deeply");
    switch (value.GetType()) {
        case rapidjson::kNullType: out += "null"; return;
        case rapidjson::kFalseType: out += "false"; return;
        case rapidjson::kTrueType: out += "true"; return;
        case rapidjson::kNumberType: out += jcs_number(value.GetDouble()); return;
        case rapidjson::kStringType: write_string(out, {value.GetString(), value.GetStringLength()}); return;
        case rapidjson::kArrayType: {
            out.push_back('[');
            bool first = true;
            for (const auto& element : value.GetArray()) {
                if (!first) out.push_back(',');
                first = false;
                write_value(out, element, depth + 1);
            }
            out.push_back(']');
            return;
        }
        case rapidjson::kObjectType: {
            std::vector<std::pair<std::u16string, const rapidjson::Value::Member*>> members;
            for (const auto& m : value.GetObject()) {
                auto key = utf16_of({m.name.GetString(), m.name.GetStringLength()});
                if (!key) bad("a member name is not valid UTF-8");
                members.emplace_back(std::move(*key), &m);
            }
            std::sort(members.begin(), members.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t i = 1; i < members.size(); ++i) {
                if (members[i].first == members[i - 1].first) bad("a member name appears twice in one object");
            }
            out.push_back('{');
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (i > 0) out.push_back(',');
                const auto& name = members[i].second->name;
                write_string(out, {name.GetString(), name.GetStringLength()});
                out.push_back(':');
                write_value(out, members[i].second->value, depth + 1);
            }
            out.push_back('}');
            return;
        }
    }
}

}  // namespace

std::string jcs_number(double value) {
    if (!std::isfinite(value)) bad("numbers must be finite");
    if (value == 0) return "0";  // also -0
    // Shortest round-trip digits, closest to the value on ties: exactly ECMAScript's choice of k and s.
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    if (ec != std::errc()) bad("number formatting failed");
    std::string_view text(buffer, static_cast<std::size_t>(end - buffer));  // "-d.ddde+XX"
    std::string out;
    if (text.front() == '-') {
        out.push_back('-');
        text.remove_prefix(1);
    }
    std::size_t e = text.find('e');
    std::string digits;
    for (char c : text.substr(0, e)) {
        if (c != '.') digits.push_back(c);
    }
    int exponent = 0;
    std::string_view exp_text = text.substr(e + 1);
    if (exp_text.front() == '+') exp_text.remove_prefix(1);
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
    // ECMAScript names: k digits, value = 0.digits * 10^n.
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out.push_back(digits[0]);
        if (k > 1) {
            out.push_back('.');
            out += digits.substr(1);
        }
        out += n - 1 >= 0 ? "e+" : "e-";
        out += std::to_string(std::abs(n - 1));
    }
    return out;
}

std::string jcs_canonicalize(const rapidjson::Value& value) {
    std::string out;
    write_value(out, value, 0);
    return out;
}

}  // namespace gesso::activitypub
