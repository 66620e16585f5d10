#include "activitypub/as2/tags.hpp"

#include <algorithm>

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/values.hpp"
#include "core/text.hpp"

namespace gesso::activitypub::as2 {

namespace {

constexpr std::string_view kMisskeyQuoteRel = "https://misskey-hub.net/ns#_misskey_quote";

bool is_shortcode(std::string_view s) {
    if (s.empty() || s.size() > limits::kMaxEmojiShortcodeBytes) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
               c == '-' || c == '.';
    });
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when a Link tag points at an ActivityStreams object and says it is a quote.
bool is_quote_link(const rapidjson::Value& tag, std::string_view what) {
    std::string media_type = read_text(tag, "mediaType", limits::kMaxMediaTypeBytes, path(what, "mediaType"));
    bool activitystreams = media_type.find("activitystreams") != std::string::npos ||
                           core::starts_with_icase(media_type, "application/activity+json");
    if (!activitystreams) return false;
    if (const auto* rel = find(tag, "rel")) {
        if (rel->IsString() && view(*rel) == kMisskeyQuoteRel) return true;
        if (rel->IsArray()) {
            for (const auto& r : rel->GetArray()) {
                if (r.IsString() && view(r) == kMisskeyQuoteRel) return true;
            }
        }
    }
    const auto* name = find(tag, "name");
    return name && name->IsString() && core::starts_with_icase(view(*name), "RE:");
}

class TagReader {
public:
    explicit TagReader(std::string_view what) : what_(what) {}

    void read(const rapidjson::Value& tag, std::string_view what) {
        if (++entries_ > limits::kMaxTagEntries) {
            refuse(what_ + " has more than " + std::to_string(limits::kMaxTagEntries) + " entries");
        }
        if (!tag.IsObject()) return;  // bare strings in `tag` carry no meaning we use
        std::string type = read_type(tag, what);
        if (type == "Mention")
            mention(tag, what);
        else if (type == "Hashtag")
            hashtag(tag, what);
        else if (type == "Emoji")
            emoji(tag, what);
        else if (type == "Link")
            link(tag, what);
    }

    ParsedTags take() { return std::move(out_); }

private:
    void mention(const rapidjson::Value& tag, std::string_view what) {
        std::string href = read_id(tag, "href", path(what, "href"));
        if (href.empty()) return;
        std::string name = read_text(tag, "name", limits::kMaxMentionNameBytes, path(what, "name"));
        limit(out_.mentions.size(), limits::kMaxMentions, "mentions");
        out_.mentions.push_back({std::move(href), std::move(name)});
    }

    void hashtag(const rapidjson::Value& tag, std::string_view what) {
        std::string name = read_text(tag, "name", limits::kMaxHashtagBytes + 1, path(what, "name"));
        if (!name.empty() && name.front() == '#') name.erase(0, 1);
        if (name.empty()) return;
        std::string href = read_id(tag, "href", path(what, "href"));
        limit(out_.hashtags.size(), limits::kMaxHashtags, "hashtags");
        out_.hashtags.push_back({std::move(name), std::move(href)});
    }

    void emoji(const rapidjson::Value& tag, std::string_view what) {
        std::string name = read_text(tag, "name", limits::kMaxEmojiShortcodeBytes + 2, path(what, "name"));
        std::string_view code = name;
        if (code.size() >= 2 && code.front() == ':' && code.back() == ':') code = code.substr(1, code.size() - 2);
        if (!is_shortcode(code)) return;
        std::string icon = read_image_url(tag, "icon", path(what, "icon"));
        if (icon.empty()) return;
        std::string id = read_id(tag, "id", path(what, "id"));
        limit(out_.emojis.size(), limits::kMaxEmojis, "custom emoji");
        std::string shortcode;  // built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + string
        shortcode.reserve(code.size() + 2);
        shortcode.append(1, ':').append(code).append(1, ':');
        out_.emojis.push_back({std::move(shortcode), std::move(icon), std::move(id)});
    }

    void link(const rapidjson::Value& tag, std::string_view what) {
        if (!out_.quote_link.empty() || !is_quote_link(tag, what)) return;
        out_.quote_link = read_id(tag, "href", path(what, "href"));
    }

    void limit(std::size_t count, std::size_t max, std::string_view kind) {
        if (count >= max) refuse(what_ + " has more than " + std::to_string(max) + " " + std::string(kind));
    }

    std::string what_;
    std::size_t entries_ = 0;
    ParsedTags out_;
};

}  // namespace

ParsedTags read_tags(const rapidjson::Value& object, std::string_view what) {
    TagReader reader(what);
    const auto* tags = find(object, "tag");
    if (!tags) return reader.take();
    if (tags->IsArray()) {
        for (rapidjson::SizeType i = 0; i < tags->Size(); ++i) reader.read((*tags)[i], path(what, i));
    } else if (tags->IsObject()) {
        if (find(*tags, "type")) reader.read(*tags, what);
        for (const auto& m : tags->GetObject()) {
            if (all_digits(view(m.name))) reader.read(m.value, path(what, view(m.name)));
        }
    } else {
        refuse(std::string(what) + " must be an object or an array");
    }
    return reader.take();
}

}  // namespace gesso::activitypub::as2
