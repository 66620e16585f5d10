// Golden inbound posts: documents shaped like what Mastodon, GoToSocial, Misskey, Pixelfed, snac, WriteFreely
// and another Gesso send (tests/fixtures/as2) are applied by the inbox worker's handlers to a real node's
// database; everything they carry must be stored. Expected values are read off the fixture files.
#include <gtest/gtest.h>

#include "activitypub/inbox_handlers.hpp"
#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "storage/accounts.hpp"
#include "storage/follows.hpp"
#include "storage/post_details.hpp"
#include "storage/status_history.hpp"
#include "storage/statuses.hpp"
#include "support/as2_fixtures.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class InboundGolden : public ::testing::Test {
protected:
    InboundGolden() { reader = node.create_account("reader"); }

    // A remote author known and freshly fetched, followed by the local reader.
    core::Account author(const std::string& uri, const std::string& followers) {
        core::Account a;
        a.id = node.ctx().ids.next();
        a.uri = uri;
        a.domain = uri.substr(8, uri.find('/', 8) - 8);
        a.username = uri.substr(uri.rfind('/') + 1);
        a.inbox_url = uri + "/inbox";
        a.followers_url = followers;
        a.created_at = a.updated_at = node.ctx().clock.now();
        return node.db().write([&](Connection& c) {
            core::Account stored = storage::upsert_remote_account(c, a, node.ctx().clock.now());
            core::Follow f{node.ctx().ids.next(), reader.id, stored.id, uri + "#follow", true, a.created_at};
            storage::insert_follow(c, f);
            return stored;
        });
    }

    // Applies fixture `name` (a Create, or a bare object wrapped in one) as sent by `actor`.
    core::Status apply(const std::string& name, const std::string& actor) {
        rapidjson::Document doc = load_as2(name);
        std::string payload;
        std::string object_id;
        if (std::string(doc["type"].GetString()) == "Create") {
            payload = read_fixture("as2", name + ".json");
            object_id = doc["object"]["id"].GetString();
        } else {
            object_id = doc["id"].GetString();
            core::JsonWriter w;
            w.begin_object().field("id", object_id + "#create").field("type", "Create").field("actor", actor);
            w.key("object");
            doc.Accept(w.raw());
            w.end_object();
            payload = w.str();
        }
        activitypub::apply_activity(node.ctx(), actor, payload);
        auto status = node.db().read([&](Connection& c) { return storage::find_status_by_uri(c, object_id); });
        EXPECT_TRUE(status) << name << " was not stored";
        return status.value_or(core::Status{});
    }

    template <typename F>
    auto read(F&& f) {
        return node.db().read([&](Connection& c) { return f(c); });
    }

    TestNode node;
    core::Account reader;
};

TEST_F(InboundGolden, MastodonNoteWithWarningMentionTagEmojiAndImage) {
    core::Account inkwell = author("https://mastodon.example/users/inkwell", "https://mastodon.example/users/inkwell/followers");
    core::Status s = apply("mastodon_create_note", inkwell.uri);
    EXPECT_EQ(s.spoiler_text, "nude figure study");
    EXPECT_TRUE(s.sensitive);
    EXPECT_EQ(s.visibility, core::Visibility::public_);
    EXPECT_EQ(read([&](Connection& c) { return storage::find_tags(c, s.id); }), std::vector<std::string>{"FigureDrawing"});
    auto mentions = read([&](Connection& c) { return storage::find_mentions(c, s.id); });
    ASSERT_EQ(mentions.size(), 1u);
    EXPECT_EQ(mentions[0].account_uri, "https://gts.example/users/wren");
    EXPECT_EQ(mentions[0].name, "@wren@gts.example");
    auto media = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].mime_type, "image/jpeg");
    EXPECT_EQ(media[0].description, "Charcoal sketch of a seated figure seen from behind, shoulders turned to the left");
    EXPECT_EQ(media[0].blurhash.substr(0, 10), "UKIE|gRj00");
    auto emoji = read([&](Connection& c) { return storage::find_emojis(c, "mastodon.example", {"blobheart"}); });
    ASSERT_EQ(emoji.size(), 1u);
    EXPECT_EQ(read([&](Connection& c) { return storage::home_timeline(c, reader.id, std::nullopt, 10); }),
              std::vector<core::Id>{s.id});
}

TEST_F(InboundGolden, GoToSocialReplyWithSingleValuesAndAltTextInSummaryThreadsOntoItsParent) {
    core::Account wren = author("https://gts.example/users/wren", "https://gts.example/users/wren/followers");
    core::Account inkwell = author("https://mastodon.example/users/inkwell", "https://mastodon.example/users/inkwell/followers");
    core::Status reply = apply("gotosocial_create_note", wren.uri);  // before its parent
    EXPECT_FALSE(reply.in_reply_to_id);
    EXPECT_EQ(reply.in_reply_to_uri, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    core::Status parent = apply("mastodon_create_note", inkwell.uri);
    auto replies = read([&](Connection& c) { return storage::list_replies(c, parent.id, 10); });
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].id, reply.id);
    auto media = read([&](Connection& c) { return storage::find_status_media(c, reply.id); });
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].description, "Zine cover: a heron in blue ink over a risograph halftone of reeds");
    EXPECT_DOUBLE_EQ(media[0].focus_x, -0.5);
    EXPECT_DOUBLE_EQ(media[0].focus_y, 0.5);
    EXPECT_EQ(read([&](Connection& c) { return storage::find_mentions(c, reply.id); }).size(), 1u);
}

TEST_F(InboundGolden, MisskeyQuoteIsKeptAsAQuoteAndUnlisted) {
    core::Account mk = author("https://misskey.example/users/9n4k2x7qab", "https://misskey.example/users/9n4k2x7qab/followers");
    core::Status s = apply("misskey_note_quote", mk.uri);
    EXPECT_EQ(s.quote_uri, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    EXPECT_EQ(s.visibility, core::Visibility::unlisted);
    EXPECT_EQ(read([&](Connection& c) { return storage::find_tags(c, s.id); }), std::vector<std::string>{"水彩"});
}

TEST_F(InboundGolden, PixelfedAlbumKeepsEveryImageInOrder) {
    core::Account lumen = author("https://pixelfed.example/users/lumen", "https://pixelfed.example/users/lumen/followers");
    core::Status s = apply("pixelfed_create_image_post", lumen.uri);
    auto media = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(media.size(), 3u);
    EXPECT_EQ(media[0].description, "Etching of a harbour at dusk, cross-hatched sky");
    EXPECT_EQ(media[0].width, 1080);
    EXPECT_EQ(media[0].height, 1350);
    EXPECT_EQ(media[0].position, 0);
    EXPECT_EQ(media[2].position, 2);
    EXPECT_EQ(read([&](Connection& c) { return storage::find_tags(c, s.id); }),
              (std::vector<std::string>{"etching", "printmaking"}));
}

TEST_F(InboundGolden, SnacImageWithoutBlurhashAndEmptyWarning) {
    core::Account quill = author("https://snac.example/quill", "https://snac.example/quill/followers");
    core::Status s = apply("snac_create_note", quill.uri);
    EXPECT_EQ(s.spoiler_text, "");
    auto media = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].type, "image");
    EXPECT_EQ(media[0].blurhash, "");
}

TEST_F(InboundGolden, MastodonPollKeepsOptionsCountsAndVoters) {
    core::Account inkwell = author("https://mastodon.example/users/inkwell", "https://mastodon.example/users/inkwell/followers");
    core::Status s = apply("question", inkwell.uri);
    EXPECT_EQ(s.object_type, "Question");
    auto poll = read([&](Connection& c) { return storage::find_poll(c, s.id); });
    ASSERT_TRUE(poll);
    EXPECT_TRUE(poll->multiple);
    ASSERT_EQ(poll->options.size(), 3u);
    EXPECT_EQ(poll->options[0].title, "Watercolour");
    EXPECT_EQ(poll->options[0].votes, 31);
    EXPECT_EQ(poll->options[2].votes, 22);
}

TEST_F(InboundGolden, WriteFreelyArticleShowsItsTitle) {
    core::Account studio = author("https://write.example/api/collections/studio-notes",
                                  "https://write.example/api/collections/studio-notes/followers");
    core::Status s = apply("article", studio.uri);
    EXPECT_EQ(s.object_type, "Article");
    EXPECT_EQ(s.content.rfind("<p><strong>Sizing a canvas with rabbit-skin glue</strong></p>", 0), 0u);
}

TEST_F(InboundGolden, ANoAiPeerPostKeepsItsRobotsTagAndLicences) {
    core::Account oriel = author("https://gesso-peer.example/users/oriel", "https://gesso-peer.example/users/oriel/followers");
    core::Status s = apply("fep5e53_noai_note", oriel.uri);
    EXPECT_EQ(s.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(s.license, "https://creativecommons.org/licenses/by-nc-nd/4.0/");
    auto media = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].license, "https://creativecommons.org/licenses/by-nc-nd/4.0/");
}

TEST_F(InboundGolden, AnEditReplacesDetailsAndADeleteLeavesATombstone) {
    core::Account inkwell = author("https://mastodon.example/users/inkwell", "https://mastodon.example/users/inkwell/followers");
    core::Status s = apply("mastodon_create_note", inkwell.uri);
    rapidjson::Document update = load_as2("mastodon_create_note");
    update["type"].SetString("Update");
    update["id"].SetString("https://mastodon.example/users/inkwell/statuses/113561804411238947#updates/1");
    update["object"].RemoveMember("tag");
    update["object"].RemoveMember("attachment");
    update["object"]["content"].SetString("<p>edited</p>");
    update["object"].RemoveMember("contentMap");
    core::JsonWriter w;
    update.Accept(w.raw());
    activitypub::apply_activity(node.ctx(), inkwell.uri, w.str());
    auto edited = read([&](Connection& c) { return storage::find_status(c, s.id); });
    ASSERT_TRUE(edited);
    EXPECT_EQ(edited->content, "<p>edited</p>");
    EXPECT_TRUE(read([&](Connection& c) { return storage::find_tags(c, s.id); }).empty());
    EXPECT_TRUE(read([&](Connection& c) { return storage::find_status_media(c, s.id); }).empty());

    activitypub::apply_activity(node.ctx(), inkwell.uri, read_fixture("as2", "mastodon_delete_tombstone.json"));
    EXPECT_FALSE(read([&](Connection& c) { return storage::find_status(c, s.id); }));
    // A late copy of the Create does not bring it back.
    activitypub::apply_activity(node.ctx(), inkwell.uri, read_fixture("as2", "mastodon_create_note.json"));
    EXPECT_FALSE(read([&](Connection& c) {
        return storage::find_status_by_uri(c, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    }));
}

TEST_F(InboundGolden, AnEditKeepsKnownAttachmentsWithTheirNewAltTextAndRecordsTheOldOne) {
    core::Account inkwell = author("https://mastodon.example/users/inkwell", "https://mastodon.example/users/inkwell/followers");
    core::Status s = apply("mastodon_create_note", inkwell.uri);
    auto before = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(before.size(), 1u);
    rapidjson::Document create = load_as2("mastodon_create_note");
    const std::string old_alt = create["object"]["attachment"][0]["name"].GetString();
    ASSERT_EQ(before[0].description, old_alt);

    rapidjson::Document update = load_as2("mastodon_create_note");
    update["type"].SetString("Update");
    update["id"].SetString("https://mastodon.example/users/inkwell/statuses/113561804411238947#updates/1");
    update["object"]["attachment"][0]["name"].SetString("Charcoal sketch, corrected: the figure faces right");
    update["object"]["content"].SetString("<p>edited</p>");
    update["object"].RemoveMember("contentMap");
    core::JsonWriter w;
    update.Accept(w.raw());
    activitypub::apply_activity(node.ctx(), inkwell.uri, w.str());

    auto after = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].id, before[0].id);  // the same attachment (same URL), not a new copy
    EXPECT_EQ(after[0].remote_url, before[0].remote_url);
    EXPECT_EQ(after[0].description, "Charcoal sketch, corrected: the figure faces right");
    auto versions = read([&](Connection& c) { return storage::status_versions(c, s.id); });
    ASSERT_EQ(versions.size(), 1u);
    ASSERT_EQ(versions[0].media.size(), 1u);
    EXPECT_EQ(versions[0].media[0].id, before[0].id);
    EXPECT_EQ(versions[0].media[0].description, old_alt);  // the history keeps the alt text it had

    // An attachment with another URL replaces the old one: a new row, the old one gone.
    update["id"].SetString("https://mastodon.example/users/inkwell/statuses/113561804411238947#updates/2");
    update["object"]["attachment"][0]["url"].SetString("https://files.mastodon.example/media_attachments/other.jpg");
    core::JsonWriter w2;
    update.Accept(w2.raw());
    activitypub::apply_activity(node.ctx(), inkwell.uri, w2.str());
    auto replaced = read([&](Connection& c) { return storage::find_status_media(c, s.id); });
    ASSERT_EQ(replaced.size(), 1u);
    EXPECT_NE(replaced[0].id, before[0].id);
    EXPECT_EQ(replaced[0].remote_url, "https://files.mastodon.example/media_attachments/other.jpg");
}

}  // namespace
}  // namespace gesso::test
