// activitypub/note_document: the Notes Gesso sends carry their mentions, hashtags, attachments and polls in
// the shapes other servers read. Each rendered note is read back by the same reader the inbox uses
// (as2::parse_object), so a field rendered in a shape peers cannot read fails here.
#include <gtest/gtest.h>

#include "activitypub/as2/object.hpp"
#include "activitypub/note_document.hpp"
#include "activitypub/vocabulary.hpp"
#include "core/json_parse.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;

class NoteDocument : public ::testing::Test {
protected:
    NoteDocument() {
        urls.domain = "art.example";
        author.username = "alice";
        author.uri = urls.actor("alice");
        status.id = 42;
        status.account_id = 1;
        status.uri = author.uri + "/statuses/42";
        status.url = urls.profile("alice") + "/42";
        status.content = "<p>hello</p>";
        status.language = "en";
        status.created_at = core::TimePoint(sys_days(year(2026) / 3 / 1));
    }
    activitypub::as2::ParsedObject round_trip(const activitypub::NoteDetails& d) {
        rapidjson::Document doc = core::parse_json(activitypub::render_note(status, author, urls, d, true));
        return activitypub::as2::parse_object(doc, urls.followers("alice"));
    }

    activitypub::NodeUrls urls;
    core::Account author;
    core::Status status;
};

TEST_F(NoteDocument, MentionsAndHashtagsAreTagsAndMentionedActorsAreAddressed) {
    activitypub::NoteDetails d;
    d.mentions = {{"https://far.example/users/bob", 7, "@bob@far.example"}};
    d.tags = {"OilPainting"};
    auto o = round_trip(d);
    ASSERT_EQ(o.mentions.size(), 1u);
    EXPECT_EQ(o.mentions[0].href, "https://far.example/users/bob");
    EXPECT_EQ(o.mentions[0].name, "@bob@far.example");
    ASSERT_EQ(o.hashtags.size(), 1u);
    EXPECT_EQ(o.hashtags[0].name, "OilPainting");
    EXPECT_EQ(o.hashtags[0].href, "https://art.example/tags/oilpainting");
    EXPECT_NE(std::find(o.cc.begin(), o.cc.end(), "https://far.example/users/bob"), o.cc.end());
    EXPECT_EQ(o.visibility, core::Visibility::public_);
    EXPECT_EQ(o.language, "en");
}

TEST_F(NoteDocument, DirectMessagesAddressOnlyTheMentioned) {
    status.visibility = core::Visibility::direct;
    activitypub::NoteDetails d;
    d.mentions = {{"https://far.example/users/bob", 7, "@bob@far.example"}};
    auto o = round_trip(d);
    EXPECT_EQ(o.to, std::vector<std::string>{"https://far.example/users/bob"});
    EXPECT_TRUE(o.cc.empty());
    EXPECT_EQ(o.visibility, core::Visibility::direct);
}

TEST_F(NoteDocument, AttachmentsCarryAltTextBlurhashFocalPointAndSize) {
    activitypub::NoteDetails d;
    core::MediaAttachment m;
    m.file_path = "01/fox.png";
    m.mime_type = "image/png";
    m.description = "A fox";
    m.blurhash = "LEHV6nWB2yk8pyo0adR*.7kCMdnj";
    m.width = 800;
    m.height = 600;
    m.focus_x = 0.25;
    m.focus_y = -0.5;
    m.license = "https://creativecommons.org/licenses/by-nc/4.0/";
    d.media = {m};
    auto o = round_trip(d);
    ASSERT_EQ(o.attachments.size(), 1u);
    const auto& a = o.attachments[0];
    EXPECT_EQ(a.url, "https://art.example/media/01/fox.png");
    EXPECT_EQ(a.media_type, "image/png");
    EXPECT_EQ(a.name, "A fox");
    EXPECT_EQ(a.blurhash, m.blurhash);
    ASSERT_TRUE(a.focal_point);
    EXPECT_DOUBLE_EQ(a.focal_point->x, 0.25);
    EXPECT_DOUBLE_EQ(a.focal_point->y, -0.5);
    EXPECT_EQ(a.width, 800);
    EXPECT_EQ(a.license, m.license);
}

TEST_F(NoteDocument, PollsAreQuestionsWithCountsAndEndTime) {
    activitypub::NoteDetails d;
    core::Poll poll;
    poll.multiple = false;
    poll.options = {{"warm", 3}, {"cold", 5}};
    poll.expires_at = status.created_at + hours(24);
    poll.voters_count = 8;
    d.poll = poll;
    auto o = round_trip(d);
    EXPECT_EQ(o.type, "Question");
    ASSERT_TRUE(o.poll);
    EXPECT_FALSE(o.poll->multiple);
    ASSERT_EQ(o.poll->options.size(), 2u);
    EXPECT_EQ(o.poll->options[1].name, "cold");
    EXPECT_EQ(o.poll->options[1].votes, 5);
    EXPECT_EQ(o.poll->end_time, poll.expires_at);
    EXPECT_EQ(o.poll->voters_count, 8);
}

TEST_F(NoteDocument, UpdatesNameTheEditAndCarryTheEditedNote) {
    status.edited_at = status.created_at + minutes(5);
    rapidjson::Document doc = core::parse_json(activitypub::render_update_note(status, author, urls, {}));
    EXPECT_STREQ(doc["type"].GetString(), "Update");
    EXPECT_EQ(std::string(doc["id"].GetString()), status.uri + "#updates/" + std::to_string(core::to_unix_ms(*status.edited_at)));
    auto o = activitypub::as2::parse_object(doc["object"], urls.followers("alice"));
    ASSERT_TRUE(o.updated);
    EXPECT_EQ(*o.updated, *status.edited_at);
}

}  // namespace
}  // namespace gesso::test
