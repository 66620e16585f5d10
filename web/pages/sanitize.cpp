#include "web/pages/sanitize.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text.hpp"

namespace gesso::web::pages {

namespace {

constexpr std::array<std::string_view, 17> kAllowed = {"p",  "br",     "a",    "span", "strong", "b",  "em", "i", "u",
                                                       "s",  "del",    "code", "pre",  "blockquote", "ul", "ol", "li"};
constexpr std::array<std::string_view, 11> kDroppedWithContent = {
    "script", "style", "iframe", "object", "svg", "math", "template", "textarea", "title", "noscript", "noembed"};
constexpr std::array<std::string_view, 5> kClasses = {"mention", "hashtag", "u-url", "invisible", "ellipsis"};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// A well-formed character reference at `at` ("&amp;", "&#39;", "&#x27;"): its length, else 0.
std::size_t entity_length(std::string_view s, std::size_t at) {
    std::size_t i = at + 1;
    if (i < s.size() && s[i] == '#') {
        ++i;
        bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
        if (hex) ++i;
        std::size_t start = i;
        while (i < s.size() && i - start < 8 &&
               ((s[i] >= '0' && s[i] <= '9') || (hex && ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))))
            ++i;
        if (i == start || i >= s.size() || s[i] != ';') return 0;
        return i - at + 1;
    }
    std::size_t start = i;
    while (i < s.size() && i - start < 32 && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) ++i;
    if (i == start || i >= s.size() || s[i] != ';') return 0;
    return i - at + 1;
}

// Text with entities kept and everything else that could start markup escaped.
void append_text(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '&') {
            std::size_t n = entity_length(text, i);
            if (n > 0) {
                out.append(text.substr(i, n));
                i += n - 1;
            } else {
                out += "&amp;";
            }
        } else if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '"') {
            out += "&quot;";
        } else {
            out += c;
        }
    }
}

// Attribute values arrive with entities; decode the few that matter for a URL scheme check.
std::string decode_basic_entities(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '&') {
            if (v.substr(i, 5) == "&amp;") { out += '&'; i += 4; continue; }
            if (v.substr(i, 6) == "&quot;") { out += '"'; i += 5; continue; }
            if (v.substr(i, 4) == "&lt;") { out += '<'; i += 3; continue; }
            if (v.substr(i, 4) == "&gt;") { out += '>'; i += 3; continue; }
            if (v.substr(i, 5) == "&#39;") { out += '\''; i += 4; continue; }
        }
        out += v[i];
    }
    return out;
}

bool safe_href(std::string_view href) {
    std::string lower = core::to_lower_ascii(core::trim(href));
    return lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:");
}

struct Tag {
    std::string name;  // lower-case
    bool closing = false;
    std::vector<std::pair<std::string, std::string>> attributes;  // lower-case names, values as written
    std::size_t end = 0;  // index after '>'
};

// Parses the tag starting at s[at] == '<' followed by a letter or '/'+letter; nullopt-like (end 0) when the tag
// never closes.
Tag parse_tag(std::string_view s, std::size_t at) {
    Tag tag;
    std::size_t i = at + 1;
    if (s[i] == '/') {
        tag.closing = true;
        ++i;
    }
    std::size_t start = i;
    while (i < s.size() && is_name_char(s[i])) ++i;
    tag.name = core::to_lower_ascii(s.substr(start, i - start));
    while (i < s.size()) {
        while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
        if (i >= s.size()) break;
        if (s[i] == '>') {
            tag.end = i + 1;
            return tag;
        }
        std::size_t name_start = i;
        while (i < s.size() && !is_space(s[i]) && s[i] != '>' && s[i] != '=' && s[i] != '/') ++i;
        std::string name = core::to_lower_ascii(s.substr(name_start, i - name_start));
        while (i < s.size() && is_space(s[i])) ++i;
        std::string value;
        if (i < s.size() && s[i] == '=') {
            ++i;
            while (i < s.size() && is_space(s[i])) ++i;
            if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
                char quote = s[i++];
                std::size_t value_start = i;
                while (i < s.size() && s[i] != quote) ++i;
                value = std::string(s.substr(value_start, i - value_start));
                if (i < s.size()) ++i;
            } else {
                std::size_t value_start = i;
                while (i < s.size() && !is_space(s[i]) && s[i] != '>') ++i;
                value = std::string(s.substr(value_start, i - value_start));
            }
        }
        if (name.empty() && i == name_start) ++i;  // a stray character: skip it
        else tag.attributes.emplace_back(std::move(name), std::move(value));
    }
    tag.end = 0;
    return tag;
}

std::string allowed_classes(std::string_view value) {
    std::string out;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && is_space(value[i])) ++i;
        std::size_t start = i;
        while (i < value.size() && !is_space(value[i])) ++i;
        std::string_view word = value.substr(start, i - start);
        if (!word.empty() && contains(kClasses, word)) {
            if (!out.empty()) out += ' ';
            out += word;
        }
    }
    return out;
}

void emit_open(std::string& out, const Tag& tag) {
    out += '<';
    out += tag.name;
    if (tag.name == "a" || tag.name == "span") {
        for (const auto& [name, value] : tag.attributes) {
            if (name == "href" && tag.name == "a") {
                std::string href = decode_basic_entities(value);
                if (!safe_href(href)) continue;
                out += " href=\"" + core::html_escape(href) + "\"";
            } else if (name == "class") {
                std::string classes = allowed_classes(value);
                if (!classes.empty()) out += " class=\"" + classes + "\"";
            }
        }
        if (tag.name == "a") out += " rel=\"nofollow noopener noreferrer ugc\"";
    }
    out += '>';
}

}  // namespace

std::string sanitize_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::vector<std::string> open;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t lt = s.find('<', i);
        if (lt == std::string_view::npos) lt = s.size();
        append_text(out, s.substr(i, lt - i));
        i = lt;
        if (i >= s.size()) break;
        // A comment, doctype or processing instruction: dropped (to its end, or to the end of the input).
        if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) {
            std::size_t end = s.substr(i, 4) == "<!--" ? s.find("-->", i + 4) : s.find('>', i);
            i = end == std::string_view::npos ? s.size() : end + (s.substr(i, 4) == "<!--" ? 3 : 1);
            continue;
        }
        bool starts_tag = i + 1 < s.size() && (is_alpha(s[i + 1]) || (s[i + 1] == '/' && i + 2 < s.size() && is_alpha(s[i + 2])));
        if (!starts_tag) {
            out += "&lt;";
            ++i;
            continue;
        }
        Tag tag = parse_tag(s, i);
        if (tag.end == 0) break;  // an unterminated tag: the rest is not text either
        i = tag.end;
        if (!tag.closing && contains(kDroppedWithContent, tag.name)) {
            // Skip to the matching end tag (case-insensitive), or drop the rest.
            std::string lower = core::to_lower_ascii(s.substr(i));
            std::size_t close = lower.find("</" + tag.name);
            if (close == std::string::npos) break;
            std::size_t gt = s.find('>', i + close);
            i = gt == std::string_view::npos ? s.size() : gt + 1;
            continue;
        }
        if (!contains(kAllowed, tag.name)) continue;
        if (tag.name == "br") {
            if (!tag.closing) out += "<br>";
            continue;
        }
        if (!tag.closing) {
            if (open.size() >= 32) continue;  // nesting deeper than any post needs: ignore the element
            emit_open(out, tag);
            open.push_back(tag.name);
            continue;
        }
        auto it = std::find(open.rbegin(), open.rend(), tag.name);
        if (it == open.rend()) continue;  // closes nothing open: dropped
        // Close everything opened inside it too.
        std::size_t keep = static_cast<std::size_t>(open.rend() - it) - 1;
        while (open.size() > keep) {
            out += "</" + open.back() + ">";
            open.pop_back();
        }
    }
    while (!open.empty()) {
        out += "</" + open.back() + ">";
        open.pop_back();
    }
    return out;
}

std::string text_to_html(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t blank = text.find("\n\n", i);
        std::string_view para = text.substr(i, blank == std::string_view::npos ? std::string_view::npos : blank - i);
        para = core::trim(para);
        if (!para.empty()) {
            out += "<p>";
            std::size_t j = 0;
            while (j <= para.size()) {
                std::size_t nl = para.find('\n', j);
                out += core::html_escape(para.substr(j, nl == std::string_view::npos ? std::string_view::npos : nl - j));
                if (nl == std::string_view::npos) break;
                out += "<br>";
                j = nl + 1;
            }
            out += "</p>";
        }
        if (blank == std::string_view::npos) break;
        i = blank + 2;
    }
    return out;
}

}  // namespace gesso::web::pages
