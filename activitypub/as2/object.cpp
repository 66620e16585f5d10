#include "activitypub/as2/object.hpp"

#include <algorithm>
#include <limits>

#include "activitypub/as2/limits.hpp"
#include "activitypub/as2/rights.hpp"
#include "activitypub/as2/values.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace gesso::activitypub::as2 {

namespace {

// Long-form types whose `name` is a headline worth showing above the text (Mastodon does the same).
bool has_headline(std::string_view type) {
    return type == "Article" || type == "Page" || type == "Event" || type == "Video";
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::optional<PollOption> read_option(const rapidjson::Value& item, std::string_view what) {
    if (!item.IsObject()) return std::nullopt;
    PollOption option;
    option.name = read_text(item, "name", limits::kMaxPollOptionBytes, path(what, "name"));
    if (option.name.empty()) return std::nullopt;
    if (const auto* replies = find(item, "replies"); replies && replies->IsObject()) {
        option.votes = read_count(*replies, "totalItems", std::numeric_limits<std::int64_t>::max()).value_or(0);
    }
    return option;
}

Poll read_poll(const rapidjson::Value& object, std::string_view what) {
    Poll poll;
    const auto* options = find(object, "anyOf");
    poll.multiple = options != nullptr;
    if (!options) options = find(object, "oneOf");
    std::string options_what = path(what, poll.multiple ? "anyOf" : "oneOf");
    if (options && options->IsArray()) {
        if (options->Size() > limits::kMaxPollOptions) {
            refuse(options_what + " has more than " + std::to_string(limits::kMaxPollOptions) + " options");
        }
        for (rapidjson::SizeType i = 0; i < options->Size(); ++i) {
            if (auto o = read_option((*options)[i], path(options_what, i))) poll.options.push_back(std::move(*o));
        }
    } else if (options) {
        if (auto o = read_option(*options, options_what)) poll.options.push_back(std::move(*o));
    }
    poll.end_time = read_time(object, "endTime", path(what, "endTime"));
    if (const auto* closed = find(object, "closed")) {
        if (closed->IsString()) {
            poll.closed = true;
            poll.closed_at = read_time(object, "closed", path(what, "closed"));
        } else if (closed->IsBool()) {
            poll.closed = closed->GetBool();
        }
    }
    poll.voters_count = read_count(object, "votersCount", std::numeric_limits<std::int64_t>::max());
    return poll;
}

std::string read_quote(const rapidjson::Value& object, std::string_view what, const std::string& quote_link) {
    for (std::string_view key : {"quote", "quoteUri", "_misskey_quote", "quoteUrl"}) {
        std::string id = read_id(object, key, path(what, key));
        if (!id.empty()) return id;
    }
    return quote_link;
}

}  // namespace

bool is_post_type(std::string_view type) {
    return type == "Note" || type == "Article" || type == "Page" || type == "Image" || type == "Video" ||
           type == "Question" || type == "Event";
}

core::Visibility derive_visibility(const std::vector<std::string>& to, const std::vector<std::string>& cc,
                                   std::string_view followers_url) {
    if (contains(to, kPublic)) return core::Visibility::public_;
    if (contains(cc, kPublic)) return core::Visibility::unlisted;
    if (!followers_url.empty() && (contains(to, followers_url) || contains(cc, followers_url))) {
        return core::Visibility::followers;
    }
    return core::Visibility::direct;
}

ParsedObject parse_object(const rapidjson::Value& object, std::string_view author_followers_url) {
    if (!object.IsObject()) throw core::Error(core::Errc::bad_request, "object is not a JSON object");
    ParsedObject o;
    o.type = read_type(object, "object");
    if (!is_post_type(o.type)) {
        refuse("object.type " + excerpt(o.type) + " is not Note, Article, Page, Image, Video, Question or Event");
    }
    const std::string what = o.type;  // messages read "Note.content", "Article.attachment[1].url", ...
    o.id = require_id(object, "id", path(what, "id"));
    o.attributed_to = read_attributed_to(object, path(what, "attributedTo"));

    LocalizedText content = read_localized(object, "content", "contentMap", limits::kMaxContentBytes, what);
    LocalizedText title = read_localized(object, "name", "nameMap", limits::kMaxTitleBytes, what);
    o.title = std::move(title.text);
    o.language = !content.language.empty() ? std::move(content.language) : std::move(title.language);
    o.content = std::move(content.text);
    if (has_headline(o.type) && !o.title.empty()) {
        o.content = "<p><strong>" + core::html_escape(o.title) + "</strong></p>" + o.content;
    } else if (o.type == "Image" && o.content.empty() && !o.title.empty()) {
        o.content = "<p>" + core::html_escape(o.title) + "</p>";
    }
    o.summary = read_localized(object, "summary", "summaryMap", limits::kMaxContentWarningBytes, what).text;
    o.sensitive = read_bool(object, "sensitive", false, path(what, "sensitive"));
    o.published = read_time(object, "published", path(what, "published"));
    o.updated = read_time(object, "updated", path(what, "updated"));
    o.in_reply_to = read_id(object, "inReplyTo", path(what, "inReplyTo"));
    o.url = read_link(object, "url", path(what, "url"));

    o.to = read_addresses(object, "to", path(what, "to"));
    o.cc = read_addresses(object, "cc", path(what, "cc"));
    o.audience = read_addresses(object, "audience", path(what, "audience"));
    o.visibility = derive_visibility(o.to, o.cc, author_followers_url);

    ParsedTags tags = read_tags(object, path(what, "tag"));
    o.mentions = std::move(tags.mentions);
    o.hashtags = std::move(tags.hashtags);
    o.emojis = std::move(tags.emojis);
    o.attachments = read_attachments(object, path(what, "attachment"));
    if (o.type == "Question") o.poll = read_poll(object, what);
    o.quote = read_quote(object, what, tags.quote_link);
    o.x_robots_tag = read_x_robots_tag(object, path(what, "xRobotsTag"));
    o.license = read_license(object, path(what, "license"));
    return o;
}

}  // namespace gesso::activitypub::as2
