#include "activitypub/post_text.hpp"

#include <algorithm>

#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::activitypub {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool is_user_byte(unsigned char c) { return std::isalnum(c) || c == '_'; }
bool is_host_byte(unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == ':'; }

class Formatter {
public:
    Formatter(const NodeUrls& urls, const MentionResolver& resolve) : urls_(urls), resolve_(resolve) {}

    void line(std::string_view text) {
        std::size_t i = 0;
        while (i < text.size()) {
            bool boundary = i == 0 || !(is_word_byte(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '/' ||
                                        text[i - 1] == '@' || text[i - 1] == '#');
            std::size_t used = 0;
            if (text.substr(i).starts_with("https://") || text.substr(i).starts_with("http://")) used = link(text.substr(i));
            else if (boundary && text[i] == '@') used = mention(text.substr(i));
            else if (boundary && text[i] == '#') used = hashtag(text.substr(i));
            if (used == 0) {
                out.html += core::html_escape(text.substr(i, 1));
                used = 1;
            }
            i += used;
        }
    }

    FormattedPost out;

private:
    std::size_t link(std::string_view s) {
        std::size_t end = 0;
        while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '<' && s[end] != '>' &&
               s[end] != '"') {
            ++end;
        }
        while (end > 0 && std::string_view(".,;:!?)'").find(s[end - 1]) != std::string_view::npos) --end;
        std::string_view url = s.substr(0, end);
        if (url.find("://") + 3 >= url.size()) return 0;
        std::string escaped = core::html_escape(url);
        out.html += "<a href=\"" + escaped + "\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">" + escaped + "</a>";
        return end;
    }

    std::size_t mention(std::string_view s) {
        std::size_t end = 1;
        while (end < s.size() && is_user_byte(static_cast<unsigned char>(s[end]))) ++end;
        if (end == 1) return 0;
        std::string_view username = s.substr(1, end - 1);
        std::string_view host;
        if (end < s.size() && s[end] == '@') {
            std::size_t h = end + 1;
            while (h < s.size() && is_host_byte(static_cast<unsigned char>(s[h]))) ++h;
            while (h > end + 1 && (s[h - 1] == '.' || s[h - 1] == ':' || s[h - 1] == '-')) --h;  // trailing punctuation
            if (h > end + 1) {
                host = s.substr(end + 1, h - end - 1);
                end = h;
            }
        }
        if (out.mentions.size() >= core::limits::kMaxPostMentions) return 0;
        auto account = resolve_(username, host);
        if (!account) return 0;
        if (std::none_of(out.mentions.begin(), out.mentions.end(), [&](const auto& m) { return m.id == account->id; })) {
            out.mentions.push_back(*account);
        }
        std::string href = core::html_escape(account->url.empty() ? account->uri : account->url);
        out.html += "<span class=\"h-card\" translate=\"no\"><a href=\"" + href + "\" class=\"u-url mention\">@<span>" +
                    core::html_escape(account->username) + "</span></a></span>";
        return end;
    }

    std::size_t hashtag(std::string_view s) {
        std::size_t end = 1;
        while (end < s.size() && is_word_byte(static_cast<unsigned char>(s[end]))) ++end;
        std::string_view name = s.substr(1, end - 1);
        if (name.empty() || std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) return 0;
        std::string key = core::to_lower_ascii(name);
        bool known = std::any_of(out.hashtags.begin(), out.hashtags.end(),
                                 [&](const auto& t) { return core::to_lower_ascii(t) == key; });
        if (!known) {
            if (out.hashtags.size() >= core::limits::kMaxPostHashtags) return 0;
            out.hashtags.emplace_back(name);
        }
        std::string escaped = core::html_escape(name);
        out.html += "<a href=\"" + urls_.base() + "/tags/" + core::html_escape(key) +
                    "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + escaped + "</span></a>";
        return end;
    }

    const NodeUrls& urls_;
    const MentionResolver& resolve_;
};

}  // namespace

FormattedPost format_post_text(std::string_view text, const NodeUrls& urls, const MentionResolver& resolve) {
    Formatter f(urls, resolve);
    std::string clean;
    for (char c : text) {
        if (c != '\r') clean += c;
    }
    // Paragraphs are separated by blank lines; single newlines become <br>.
    std::size_t i = 0;
    while (i < clean.size()) {
        while (i < clean.size() && clean[i] == '\n') ++i;
        if (i >= clean.size()) break;
        std::size_t end = clean.find("\n\n", i);
        if (end == std::string::npos) end = clean.size();
        std::string_view paragraph = std::string_view(clean).substr(i, end - i);
        f.out.html += "<p>";
        std::size_t start = 0;
        while (true) {
            std::size_t nl = paragraph.find('\n', start);
            f.line(paragraph.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
            if (nl == std::string_view::npos) break;
            f.out.html += "<br>";
            start = nl + 1;
        }
        f.out.html += "</p>";
        i = end;
    }
    return std::move(f.out);
}

std::string mention_name(const core::Account& account, const NodeUrls& urls) {
    return "@" + account.username + "@" + (account.is_local() ? urls.domain : account.domain);
}

}  // namespace gesso::activitypub
