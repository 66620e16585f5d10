#pragma once
// Small text helpers shared by every layer.
#include <string>
#include <string_view>

namespace gesso::core {

std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
bool starts_with_icase(std::string_view s, std::string_view prefix);
std::string_view trim(std::string_view s);
// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view s);
// Escapes for XML text and attribute values (same set as HTML).
inline std::string xml_escape(std::string_view s) { return html_escape(s); }

}  // namespace gesso::core
