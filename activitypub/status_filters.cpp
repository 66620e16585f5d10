#include "activitypub/status_filters.hpp"

#include <algorithm>

namespace gesso::activitypub {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Letters and digits, and every byte of a non-ASCII UTF-8 sequence (so "café" is one word).
bool word_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'z') || c == '_';
}

bool starts_with_tag(std::string_view tag, std::string_view name) {
    if (tag.size() < name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (lower(tag[i]) != name[i]) return false;
    }
    return tag.size() == name.size() || !word_char(tag[name.size()]);
}

}  // namespace

std::string html_to_text(std::string_view html) {
    static const std::pair<std::string_view, std::string_view> kEntities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        char c = html[i];
        if (c == '<') {
            std::size_t end = html.find('>', i);
            if (end == std::string_view::npos) break;
            std::string_view tag = html.substr(i + 1, end - i - 1);
            if (starts_with_tag(tag, "br") || starts_with_tag(tag, "/p") || starts_with_tag(tag, "p")) out += ' ';
            i = end + 1;
            continue;
        }
        if (c == '&') {
            bool decoded = false;
            for (const auto& [entity, text] : kEntities) {
                if (html.substr(i, entity.size()) == entity) {
                    out += text;
                    i += entity.size();
                    decoded = true;
                    break;
                }
            }
            if (decoded) continue;
        }
        out += c;
        ++i;
    }
    return out;
}

bool keyword_matches(std::string_view text, std::string_view keyword, bool whole_word) {
    if (keyword.empty() || keyword.size() > text.size()) return false;
    for (std::size_t i = 0; i + keyword.size() <= text.size(); ++i) {
        bool same = true;
        for (std::size_t j = 0; j < keyword.size() && same; ++j) same = lower(text[i + j]) == lower(keyword[j]);
        if (!same) continue;
        if (!whole_word) return true;
        // A boundary is needed only where the keyword itself starts or ends with a word character.
        bool left_ok = i == 0 || !word_char(keyword.front()) || !word_char(text[i - 1]);
        std::size_t after = i + keyword.size();
        bool right_ok = after == text.size() || !word_char(keyword.back()) || !word_char(text[after]);
        if (left_ok && right_ok) return true;
    }
    return false;
}

ActiveFilters ActiveFilters::load(storage::Connection& conn, core::Id reader, const std::string& context,
                                  core::TimePoint now) {
    ActiveFilters out;
    for (auto& f : storage::filters_of(conn, reader, now)) {
        if (std::find(f.contexts.begin(), f.contexts.end(), context) != f.contexts.end()) out.filters_.push_back(std::move(f));
    }
    return out;
}

std::optional<core::TimePoint> ActiveFilters::next_expiry() const {
    std::optional<core::TimePoint> out;
    for (const auto& f : filters_) {
        if (f.expires_at && (!out || *f.expires_at < *out)) out = f.expires_at;
    }
    return out;
}

std::vector<FilterResult> ActiveFilters::match(const core::Status& status) const {
    std::vector<FilterResult> out;
    if (filters_.empty()) return out;
    std::string text = status.spoiler_text + "\n" + html_to_text(status.content);
    for (const auto& f : filters_) {
        FilterResult r;
        r.filter = &f;
        for (const auto& k : f.keywords) {
            if (keyword_matches(text, k.keyword, k.whole_word)) r.keyword_matches.push_back(k.keyword);
        }
        for (const auto& s : f.statuses) {
            if (s.status_id == status.id) r.status_matches.push_back(std::to_string(s.status_id));
        }
        if (!r.keyword_matches.empty() || !r.status_matches.empty()) out.push_back(std::move(r));
    }
    return out;
}

bool ActiveFilters::hides(const core::Status& status) const {
    for (const auto& r : match(status)) {
        if (r.filter->action == "hide") return true;
    }
    return false;
}

}  // namespace gesso::activitypub
