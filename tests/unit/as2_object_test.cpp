// parse_object against posts shaped like Mastodon, GoToSocial, Misskey, Pixelfed, snac and WriteFreely send
// them (tests/fixtures/as2/README.md), reached the way the inbox reaches them: parse_activity, then the embedded
// object. Expected values are written out here, read off the fixtures by hand.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "activitypub/as2/activity.hpp"
#include "activitypub/as2/object.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/as2_fixtures.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub::as2 {
namespace {

using namespace std::chrono;
using Strings = std::vector<std::string>;
using core::Visibility;

constexpr const char* kPublicUri = "https://www.w3.org/ns/activitystreams#Public";

using test::load_as2;
using test::utc;

// The object of a Create fixture, parsed as the engine would after reading the activity.
ParsedObject created_object(const std::string& fixture, std::string_view followers) {
    ParsedActivity create = parse_activity(load_as2(fixture));
    EXPECT_EQ(create.kind, ActivityType::create);
    if (!create.object) {
        ADD_FAILURE() << fixture << ": object not embedded";
        return {};
    }
    return parse_object(embedded_document(*create.object), followers);
}

ParsedObject inline_object(const std::string& json, std::string_view followers = "") {
    return parse_object(core::parse_json(json), followers);
}

std::string refusal(const std::string& json) {
    return test::refusal_message([&] { inline_object(json); }, core::Errc::unprocessable, json);
}

TEST(As2Object, MastodonNoteWithEverything) {
    ParsedObject o = created_object("mastodon_create_note", "https://mastodon.example/users/inkwell/followers");
    EXPECT_EQ(o.id, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    EXPECT_EQ(o.type, "Note");
    EXPECT_EQ(o.attributed_to, "https://mastodon.example/users/inkwell");
    EXPECT_EQ(o.content,
              "<p>Life drawing night, 20 minute pose. Thanks <span class=\"h-card\" translate=\"no\"><a "
              "href=\"https://gts.example/@wren\" class=\"u-url mention\">@<span>wren</span></a></span> for hosting "
              ":blobheart: <a href=\"https://mastodon.example/tags/FigureDrawing\" class=\"mention hashtag\" "
              "rel=\"tag\">#<span>FigureDrawing</span></a></p>");
    EXPECT_EQ(o.language, "en");
    EXPECT_EQ(o.summary, "nude figure study");
    EXPECT_TRUE(o.sensitive);
    EXPECT_EQ(o.published, utc(2024, 11, 28, 14, 5, 9));
    EXPECT_FALSE(o.updated.has_value());
    EXPECT_EQ(o.in_reply_to, "");
    EXPECT_EQ(o.url, "https://mastodon.example/@inkwell/113561804411238947");
    EXPECT_EQ(o.visibility, Visibility::public_);
    EXPECT_EQ(o.to, Strings{kPublicUri});
    EXPECT_EQ(o.cc, (Strings{"https://mastodon.example/users/inkwell/followers", "https://gts.example/users/wren"}));

    ASSERT_EQ(o.mentions.size(), 1u);
    EXPECT_EQ(o.mentions[0].href, "https://gts.example/users/wren");
    EXPECT_EQ(o.mentions[0].name, "@wren@gts.example");
    ASSERT_EQ(o.hashtags.size(), 1u);
    EXPECT_EQ(o.hashtags[0].name, "FigureDrawing");
    EXPECT_EQ(o.hashtags[0].href, "https://mastodon.example/tags/figuredrawing");
    ASSERT_EQ(o.emojis.size(), 1u);
    EXPECT_EQ(o.emojis[0].name, ":blobheart:");
    EXPECT_EQ(o.emojis[0].icon_url,
              "https://files.mastodon.example/custom_emojis/images/000/002/864/original/blobheart.png");
    EXPECT_EQ(o.emojis[0].id, "https://mastodon.example/emojis/2864");

    ASSERT_EQ(o.attachments.size(), 1u);
    const Attachment& a = o.attachments[0];
    EXPECT_EQ(a.type, "Document");
    EXPECT_EQ(a.media_type, "image/jpeg");
    EXPECT_EQ(a.url,
              "https://files.mastodon.example/media_attachments/files/113/561/801/998/776/412/original/"
              "c0ffee1234abcd56.jpg");
    EXPECT_EQ(a.name, "Charcoal sketch of a seated figure seen from behind, shoulders turned to the left");
    EXPECT_EQ(a.blurhash, "UKIE|gRj00WB-;j[t7j[4nWBj[Rj~qj[WBay");
    ASSERT_TRUE(a.focal_point.has_value());
    EXPECT_DOUBLE_EQ(a.focal_point->x, -0.12);
    EXPECT_DOUBLE_EQ(a.focal_point->y, 0.48);
    EXPECT_EQ(a.width, 1600);
    EXPECT_EQ(a.height, 2000);
    EXPECT_FALSE(o.poll.has_value());
    EXPECT_EQ(o.quote, "");
}

TEST(As2Object, GoToSocialSingleValuesAndSummaryAltText) {
    ParsedObject o = created_object("gotosocial_create_note", "https://gts.example/users/wren/followers");
    EXPECT_EQ(o.id, "https://gts.example/users/wren/statuses/01JDS2F7W4K9M1N3P5Q7R9T2VB");
    EXPECT_EQ(o.to, Strings{kPublicUri});  // "to" is a bare string
    EXPECT_EQ(o.cc, (Strings{"https://gts.example/users/wren/followers", "https://mastodon.example/users/inkwell"}));
    EXPECT_EQ(o.visibility, Visibility::public_);
    EXPECT_EQ(o.in_reply_to, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    EXPECT_EQ(o.published, utc(2024, 11, 29, 8, 41, 3));  // sent as 09:41:03+01:00
    EXPECT_EQ(o.summary, "print reveal (spoilers for the zine)");
    EXPECT_TRUE(o.sensitive);
    EXPECT_EQ(o.language, "en");
    EXPECT_EQ(o.content.rfind("<p>the print reveal! <span class=\"h-card\">", 0), 0u);  // \u003c escapes decoded
    ASSERT_EQ(o.mentions.size(), 1u);  // "tag" is one object, not an array
    EXPECT_EQ(o.mentions[0].href, "https://mastodon.example/users/inkwell");
    EXPECT_EQ(o.mentions[0].name, "@inkwell@mastodon.example");
    ASSERT_EQ(o.attachments.size(), 1u);
    EXPECT_EQ(o.attachments[0].type, "Image");
    EXPECT_EQ(o.attachments[0].name, "Zine cover: a heron in blue ink over a risograph halftone of reeds");
    EXPECT_EQ(o.attachments[0].blurhash, "LIIE|gRj00WB-;j[t7j[4nWBj[Rj");
    ASSERT_TRUE(o.attachments[0].focal_point.has_value());
    EXPECT_DOUBLE_EQ(o.attachments[0].focal_point->x, -0.5);
    EXPECT_DOUBLE_EQ(o.attachments[0].focal_point->y, 0.5);
    EXPECT_FALSE(o.attachments[0].width.has_value());
    EXPECT_EQ(o.url, "https://gts.example/@wren/statuses/01JDS2F7W4K9M1N3P5Q7R9T2VB");
}

TEST(As2Object, MisskeyQuoteIsUnlistedWithUnicodeHashtag) {
    ParsedObject o = parse_object(load_as2("misskey_note_quote"), "https://misskey.example/users/9n4k2x7qab/followers");
    EXPECT_EQ(o.id, "https://misskey.example/notes/9n4m8q1zk3");
    EXPECT_EQ(o.attributed_to, "https://misskey.example/users/9n4k2x7qab");
    EXPECT_EQ(o.quote, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    EXPECT_EQ(o.visibility, Visibility::unlisted);  // followers in to, Public in cc ("home" in Misskey)
    EXPECT_EQ(o.published, utc(2024, 11, 28, 16, 2, 44) + milliseconds(377));
    EXPECT_EQ(o.summary, "");
    EXPECT_FALSE(o.sensitive);
    EXPECT_EQ(o.in_reply_to, "");  // "inReplyTo": null
    ASSERT_EQ(o.hashtags.size(), 1u);
    EXPECT_EQ(o.hashtags[0].name, "水彩");
    EXPECT_EQ(o.hashtags[0].href, "https://misskey.example/tags/%E6%B0%B4%E5%BD%A9");
    EXPECT_NE(o.content.find("RE: <a href=\"https://mastodon.example/users/inkwell/statuses/113561804411238947\">"),
              std::string::npos);
    EXPECT_TRUE(o.attachments.empty());
    EXPECT_EQ(o.language, "");
}

TEST(As2Object, PixelfedAlbumWithAltTexts) {
    ParsedObject o = created_object("pixelfed_create_image_post", "https://pixelfed.example/users/lumen/followers");
    EXPECT_EQ(o.id, "https://pixelfed.example/p/lumen/771203184650915841");
    EXPECT_EQ(o.url, "https://pixelfed.example/p/lumen/771203184650915841");
    EXPECT_EQ(o.summary, "");  // "summary": null
    EXPECT_FALSE(o.sensitive);
    EXPECT_EQ(o.visibility, Visibility::public_);
    EXPECT_EQ(o.published, utc(2024, 11, 27, 18, 20, 11));
    ASSERT_EQ(o.attachments.size(), 3u);
    EXPECT_EQ(o.attachments[0].name, "Etching of a harbour at dusk, cross-hatched sky");
    EXPECT_EQ(o.attachments[1].name, "Close-up of the copper plate with the harbour scene, ink still in the lines");
    EXPECT_EQ(o.attachments[2].name, "Three proofs drying on a line above the press");
    EXPECT_EQ(o.attachments[0].url, "https://pixelfed.example/storage/m/_v2/771203184650915841/Xk2fQ9rT4bW7.jpg");
    EXPECT_EQ(o.attachments[2].type, "Image");
    EXPECT_EQ(o.attachments[2].width, 1350);
    EXPECT_EQ(o.attachments[2].height, 1080);
    EXPECT_EQ(o.attachments[1].blurhash, "UKF~gb-;00WB_3t7M{Rj9FWBxuRj%Mj[ofWB");
    ASSERT_EQ(o.hashtags.size(), 2u);
    EXPECT_EQ(o.hashtags[0].name, "printmaking");
    EXPECT_EQ(o.hashtags[1].href, "https://pixelfed.example/discover/tags/etching");
}

TEST(As2Object, SnacNote) {
    ParsedObject o = created_object("snac_create_note", "https://snac.example/quill/followers");
    EXPECT_EQ(o.id, "https://snac.example/quill/p/1732801534.418230");
    EXPECT_EQ(o.attributed_to, "https://snac.example/quill");
    EXPECT_EQ(o.summary, "");
    EXPECT_FALSE(o.sensitive);  // snac sends no `sensitive`
    EXPECT_TRUE(o.cc.empty());
    EXPECT_EQ(o.visibility, Visibility::public_);
    ASSERT_EQ(o.attachments.size(), 1u);
    EXPECT_EQ(o.attachments[0].media_type, "image/png");
    EXPECT_EQ(o.attachments[0].name, "Blank primed canvas leaning against a studio wall");
    EXPECT_EQ(o.attachments[0].url, "https://snac.example/quill/s/8c41d0e2a9f3b7c5.png");
    ASSERT_EQ(o.hashtags.size(), 1u);
    EXPECT_EQ(o.hashtags[0].name, "oilpainting");
    EXPECT_EQ(o.hashtags[0].href, "https://snac.example/?t=oilpainting");
}

TEST(As2Object, MastodonPollThatHasClosed) {
    ParsedObject o = parse_object(load_as2("question"), "https://mastodon.example/users/inkwell/followers");
    EXPECT_EQ(o.type, "Question");
    EXPECT_EQ(o.content, "<p>Which medium for the next heron?</p>");
    ASSERT_TRUE(o.poll.has_value());
    EXPECT_TRUE(o.poll->multiple);
    ASSERT_EQ(o.poll->options.size(), 3u);
    EXPECT_EQ(o.poll->options[0].name, "Watercolour");
    EXPECT_EQ(o.poll->options[0].votes, 31);
    EXPECT_EQ(o.poll->options[1].name, "Gouache");
    EXPECT_EQ(o.poll->options[1].votes, 12);
    EXPECT_EQ(o.poll->options[2].name, "Ink wash");
    EXPECT_EQ(o.poll->options[2].votes, 22);
    EXPECT_EQ(o.poll->end_time, utc(2024, 12, 1, 9, 0, 0));
    EXPECT_TRUE(o.poll->closed);
    EXPECT_EQ(o.poll->closed_at, utc(2024, 12, 1, 9, 0, 0));
    EXPECT_EQ(o.poll->voters_count, 57);
}

TEST(As2Object, WriteFreelyArticleGetsItsTitle) {
    ParsedObject o = parse_object(load_as2("article"), "https://write.example/api/collections/studio-notes/followers");
    EXPECT_EQ(o.type, "Article");
    EXPECT_EQ(o.title, "Sizing a canvas with rabbit-skin glue");
    EXPECT_EQ(
        o.content.rfind("<p><strong>Sizing a canvas with rabbit-skin glue</strong></p><p>Before any gesso goes on,", 0),
        0u);
    EXPECT_NE(o.content.find("<h2>What you need</h2>"), std::string::npos);
    EXPECT_EQ(o.attributed_to, "https://write.example/api/collections/studio-notes");
    EXPECT_EQ(o.url, "https://write.example/studio-notes/sizing-a-canvas-with-rabbit-skin-glue");
    EXPECT_EQ(o.language, "en");
    EXPECT_EQ(o.visibility, Visibility::public_);
    ASSERT_EQ(o.hashtags.size(), 1u);
    EXPECT_EQ(o.hashtags[0].href, "https://write.example/studio-notes/tag:painting");
}

TEST(As2Object, NoAiSignalsAndLicences) {
    ParsedObject o = parse_object(load_as2("fep5e53_noai_note"), "https://gesso-peer.example/users/oriel/followers");
    EXPECT_EQ(o.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(o.license, "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    ASSERT_EQ(o.attachments.size(), 1u);
    EXPECT_EQ(o.attachments[0].license, "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    EXPECT_EQ(o.attachments[0].width, 2400);
    EXPECT_EQ(o.attachments[0].height, 3000);
}

TEST(As2Object, VisibilityFromAddressing) {
    const std::string followers = "https://h.example/u/a/followers";
    const std::string friend_ = "https://h.example/u/b";
    EXPECT_EQ(derive_visibility({kPublicUri}, {followers}, followers), Visibility::public_);
    EXPECT_EQ(derive_visibility({followers}, {kPublicUri}, followers), Visibility::unlisted);
    EXPECT_EQ(derive_visibility({followers}, {friend_}, followers), Visibility::followers);
    EXPECT_EQ(derive_visibility({friend_}, {followers}, followers), Visibility::followers);
    EXPECT_EQ(derive_visibility({friend_}, {}, followers), Visibility::direct);
    EXPECT_EQ(derive_visibility({followers}, {}, ""), Visibility::direct);  // unknown followers URL never matches
    auto o = inline_object(R"({"id": "https://h.example/n/1", "type": "Note", "to": "as:Public"})");
    EXPECT_EQ(o.visibility, Visibility::public_);
    EXPECT_EQ(o.to, Strings{kPublicUri});
}

TEST(As2Object, ImageWithoutContentShowsItsName) {
    auto o = inline_object(R"({"id": "https://h.example/i/1", "type": "Image", "name": "Moths & moons",
        "url": [{"type": "Link", "href": "https://h.example/i/1.png", "mediaType": "image/png"}]})");
    EXPECT_EQ(o.content, "<p>Moths &amp; moons</p>");
    EXPECT_EQ(o.title, "Moths & moons");
    EXPECT_EQ(o.url, "https://h.example/i/1.png");
}

TEST(As2Object, EventIsReadLikeAnArticle) {
    auto o = inline_object(R"({"id": "https://events.example/events/7", "type": "Event", "name": "Open studio <3",
        "content": "<p>Saturday, bring sketchbooks.</p>", "nameMap": {"fr": "Open studio <3"}})");
    EXPECT_EQ(o.type, "Event");
    EXPECT_EQ(o.content, "<p><strong>Open studio &lt;3</strong></p><p>Saturday, bring sketchbooks.</p>");
    EXPECT_EQ(o.language, "fr");
}

TEST(As2Object, PollVoteKeepsItsName) {
    auto o = inline_object(R"({"id": "https://h.example/u/a#votes/1", "type": "Note", "name": "Gouache",
        "inReplyTo": "https://mastodon.example/users/inkwell/statuses/113570214502938811",
        "attributedTo": "https://h.example/u/a", "to": "https://mastodon.example/users/inkwell"})");
    EXPECT_EQ(o.title, "Gouache");
    EXPECT_EQ(o.content, "");
    EXPECT_EQ(o.visibility, Visibility::direct);
}

TEST(As2Object, PixelfedReplyTagsMergedByPhp) {
    // Pixelfed's CreateNote merges the reply Mention (a PHP map) into the tag list, which then encodes as an object.
    auto o = inline_object(R"({"id": "https://pixelfed.example/p/lumen/1", "type": "Note",
        "tag": {"type": "Mention", "href": "https://mastodon.example/users/inkwell",
                "name": "@inkwell@mastodon.example",
                "0": {"type": "Hashtag", "href": "https://pixelfed.example/discover/tags/ink", "name": "#ink"}}})");
    ASSERT_EQ(o.mentions.size(), 1u);
    EXPECT_EQ(o.mentions[0].href, "https://mastodon.example/users/inkwell");
    ASSERT_EQ(o.hashtags.size(), 1u);
    EXPECT_EQ(o.hashtags[0].name, "ink");
}

TEST(As2Object, QuoteSources) {
    auto tombstone_then_url = inline_object(R"({"id": "https://h.example/n/1", "type": "Note",
        "quote": {"type": "Tombstone"}, "quoteUrl": "https://h.example/n/0"})");
    EXPECT_EQ(tombstone_then_url.quote, "https://h.example/n/0");
    auto fep044f = inline_object(R"({"id": "https://h.example/n/1", "type": "Note", "quote": "https://h.example/n/9",
        "_misskey_quote": "https://h.example/n/8"})");
    EXPECT_EQ(fep044f.quote, "https://h.example/n/9");
    auto link = inline_object(R"({"id": "https://h.example/n/1", "type": "Note", "tag": [
        {"type": "Link", "mediaType": "text/html", "href": "https://h.example/page"},
        {"type": "Link", "mediaType": "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
         "href": "https://h.example/n/7", "name": "RE: https://h.example/n/7"}]})");
    EXPECT_EQ(link.quote, "https://h.example/n/7");
    auto none = inline_object(R"({"id": "https://h.example/n/1", "type": "Note", "tag": [
        {"type": "Link", "mediaType": "application/activity+json", "href": "https://h.example/n/7"}]})");
    EXPECT_EQ(none.quote, "");
}

TEST(As2Object, AttachmentDetails) {
    auto o = inline_object(R"({"id": "https://h.example/n/1", "type": "Note", "attachment": [
        {"type": "Link", "href": "https://news.example/story"},
        {"type": "PropertyValue", "name": "x", "value": "y"},
        {"type": "Image", "url": "https://h.example/a.png", "focalPoint": [3, -7], "blurhash": "not a blurhash!",
         "width": "800", "height": 0, "sensitive": true},
        {"type": "Video", "url": {"type": "Link", "href": "https://h.example/v.mp4", "mediaType": "video/mp4"},
         "focalPoint": ["0", "0"], "name": null, "summary": "a kiln opening"},
        {"type": "Audio", "mediaType": "audio/ogg"}]})");
    ASSERT_EQ(o.attachments.size(), 2u);
    ASSERT_TRUE(o.attachments[0].focal_point.has_value());
    EXPECT_DOUBLE_EQ(o.attachments[0].focal_point->x, 1.0);
    EXPECT_DOUBLE_EQ(o.attachments[0].focal_point->y, -1.0);
    EXPECT_EQ(o.attachments[0].blurhash, "");
    EXPECT_EQ(o.attachments[0].width, 800);
    EXPECT_FALSE(o.attachments[0].height.has_value());
    EXPECT_TRUE(o.attachments[0].sensitive);
    EXPECT_EQ(o.attachments[1].url, "https://h.example/v.mp4");
    EXPECT_FALSE(o.attachments[1].focal_point.has_value());
    EXPECT_EQ(o.attachments[1].name, "a kiln opening");
}

TEST(As2Object, EmojiShortcodes) {
    auto o = inline_object(R"({"id": "https://h.example/n/1", "type": "Note", "tag": [
        {"type": "Emoji", "name": "blob_cat", "icon": {"url": "https://h.example/e/1.png"}},
        {"type": "Emoji", "name": ":<script>:", "icon": {"url": "https://h.example/e/2.png"}},
        {"type": "Emoji", "name": ":no_icon:"},
        {"type": "Mention", "name": "@nobody"},
        {"type": "Hashtag", "name": "#"}]})");
    ASSERT_EQ(o.emojis.size(), 1u);
    EXPECT_EQ(o.emojis[0].name, ":blob_cat:");
    EXPECT_TRUE(o.mentions.empty());
    EXPECT_TRUE(o.hashtags.empty());
}

TEST(As2Object, PollWithBooleanClosedAndOneOf) {
    auto o = inline_object(R"({"id": "https://h.example/q/1", "type": "Question", "closed": true,
        "oneOf": [{"type": "Note", "name": "yes"},
                  {"type": "Note", "name": "no", "replies": {"totalItems": "4"}}, 5]})");
    ASSERT_TRUE(o.poll.has_value());
    EXPECT_FALSE(o.poll->multiple);
    EXPECT_TRUE(o.poll->closed);
    EXPECT_FALSE(o.poll->closed_at.has_value());
    ASSERT_EQ(o.poll->options.size(), 2u);
    EXPECT_EQ(o.poll->options[0].votes, 0);
    EXPECT_EQ(o.poll->options[1].votes, 4);
}

TEST(As2Object, Refusals) {
    EXPECT_NE(refusal(R"({"id": "https://h.example/n/1", "type": "Tombstone"})")
                  .find("object.type \"Tombstone\" is not Note, Article, Page, Image, Video, Question or Event"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"type": "Note", "content": "x"})").find("Note.id is missing"), std::string::npos);
    EXPECT_NE(refusal(R"js({"id": "https://h.example/n/1", "type": "Note", "attachment": [
                  {"type": "Document", "url": "javascript:alert(1)"}]})js")
                  .find("Note.attachment[0].url is not an absolute http(s) URL: \"javascript:alert(1)\""),
              std::string::npos);
    EXPECT_NE(refusal(R"js({"id": "https://h.example/n/1", "type": "Note", "tag": [
                  {"type": "Mention", "href": "javascript:alert(1)"}]})js")
                  .find("Note.tag[0].href is not an absolute http(s) URL"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"id": "https://h.example/n/1", "type": "Note", "inReplyTo": 12})")
                  .find("Note.inReplyTo must be a string or an object with an id, not a number"),
              std::string::npos);

    std::string many = R"({"id": "https://h.example/n/1", "type": "Note", "attachment": [)";
    for (int i = 0; i < 17; ++i) {
        if (i) many += ',';
        many += R"({"type": "Image", "url": "https://h.example/a.png"})";
    }
    many += "]}";
    EXPECT_NE(refusal(many).find("Note.attachment has more than 16 media attachments"), std::string::npos);

    std::string options = R"({"id": "https://h.example/q/1", "type": "Question", "oneOf": [)";
    for (int i = 0; i < 33; ++i) {
        if (i) options += ',';
        options += R"({"name": "o"})";
    }
    options += "]}";
    EXPECT_NE(refusal(options).find("Question.oneOf has more than 32 options"), std::string::npos);
}

}  // namespace
}  // namespace gesso::activitypub::as2
