// The consent fields of the documents Gesso sends (xRobotsTag, license, indexable, discoverable), read back by
// the same readers the inbox uses (as2::parse_object, as2::parse_actor), so a shape peers cannot read fails here.
#include <gtest/gtest.h>

#include "activitypub/actor_document.hpp"
#include "activitypub/as2/actor.hpp"
#include "activitypub/as2/object.hpp"
#include "activitypub/note_document.hpp"
#include "core/json_parse.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;

constexpr const char* kBy = "https://creativecommons.org/licenses/by/4.0/";

class ConsentDocuments : public ::testing::Test {
protected:
    ConsentDocuments() {
        urls.domain = "art.example";
        author.username = "alice";
        author.uri = urls.actor("alice");
        author.created_at = core::TimePoint(sys_days(year(2026) / 3 / 1));
        status.id = 42;
        status.account_id = 1;
        status.uri = author.uri + "/statuses/42";
        status.content = "<p>hello</p>";
        status.created_at = core::TimePoint(sys_days(year(2026) / 3 / 1));
        core::MediaAttachment image;
        image.id = 7;
        image.file_path = "aa/bb/fox.png";
        image.mime_type = "image/png";
        details.media.push_back(image);
    }
    activitypub::as2::ParsedObject round_trip() {
        rapidjson::Document doc = core::parse_json(activitypub::render_note(status, author, urls, details, true));
        return activitypub::as2::parse_object(doc, urls.followers("alice"));
    }

    activitypub::NodeUrls urls;
    core::Account author;
    core::Status status;
    activitypub::NoteDetails details;
};

TEST_F(ConsentDocuments, ALocalNoteCarriesItsAuthorsSettings) {
    core::ProtectionSettings s;
    s.license = kBy;
    details.author_protection = s;
    auto parsed = round_trip();
    EXPECT_EQ(parsed.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(parsed.license, kBy);
    ASSERT_EQ(parsed.attachments.size(), 1u);
    EXPECT_EQ(parsed.attachments[0].license, kBy);  // the attachment inherits the note's licence

    rapidjson::Document doc = core::parse_json(activitypub::render_note(status, author, urls, details, true));
    EXPECT_TRUE(doc["indexable"].IsFalse());
    EXPECT_TRUE(doc["discoverable"].IsFalse());
}

TEST_F(ConsentDocuments, AnOptedInAuthorSaysAllAndAllRightsReservedSendsNoLicence) {
    core::ProtectionSettings s;
    s.data_mining = "DMI-ALLOWED";
    details.author_protection = s;
    author.indexable = true;
    auto parsed = round_trip();
    EXPECT_EQ(parsed.x_robots_tag, "all");
    EXPECT_EQ(parsed.license, "");
    rapidjson::Document doc = core::parse_json(activitypub::render_note(status, author, urls, details, true));
    EXPECT_FALSE(doc.HasMember("license"));
    EXPECT_FALSE(doc["attachment"][0].HasMember("license"));
    EXPECT_TRUE(doc["indexable"].IsTrue());
}

TEST_F(ConsentDocuments, UnspecifiedSendsNoRobotsTag) {
    core::ProtectionSettings s;
    s.data_mining = "DMI-UNSPECIFIED";
    details.author_protection = s;
    rapidjson::Document doc = core::parse_json(activitypub::render_note(status, author, urls, details, true));
    EXPECT_FALSE(doc.HasMember("xRobotsTag"));
}

TEST_F(ConsentDocuments, AStatusesOwnValuesWinOverTheAuthorsAndAnAttachmentsOwnLicenceIsKept) {
    core::ProtectionSettings s;
    s.license = kBy;
    details.author_protection = s;
    status.x_robots_tag = "noimageai";
    status.license = "https://creativecommons.org/publicdomain/zero/1.0/";
    details.media[0].license = "https://creativecommons.org/licenses/by-sa/4.0/";
    auto parsed = round_trip();
    EXPECT_EQ(parsed.x_robots_tag, "noimageai");
    EXPECT_EQ(parsed.license, "https://creativecommons.org/publicdomain/zero/1.0/");
    ASSERT_EQ(parsed.attachments.size(), 1u);
    EXPECT_EQ(parsed.attachments[0].license, "https://creativecommons.org/licenses/by-sa/4.0/");
}

TEST_F(ConsentDocuments, TheActorCarriesXRobotsTagAndLicenceAndTheContextDefinesThem) {
    activitypub::ActorProfile profile;
    profile.x_robots_tag = "noai, noimageai";
    profile.license = kBy;
    std::string json = activitypub::render_local_actor(author, {}, urls, profile);
    rapidjson::Document doc = core::parse_json(json);
    auto parsed = activitypub::as2::parse_actor(doc);
    EXPECT_EQ(parsed.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(parsed.license, kBy);
    const auto& context = doc["@context"];
    const auto& terms = context[context.Size() - 1];
    ASSERT_TRUE(terms.IsObject());
    EXPECT_EQ(std::string(terms["license"]["@id"].GetString()), "schema:license");
    EXPECT_TRUE(terms.HasMember("xRobotsTag"));
    EXPECT_TRUE(terms.HasMember("indexable"));
    EXPECT_TRUE(terms.HasMember("discoverable"));
}

}  // namespace
}  // namespace gesso::test
