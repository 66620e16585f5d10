// parse_activity against activities shaped like Mastodon, GoToSocial, Misskey, Pixelfed, snac, Fedify and Mitra
// send them (tests/fixtures/as2/README.md), plus the shapes other software sends that no fixture covers.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "activitypub/as2/activity.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/as2_fixtures.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub::as2 {
namespace {

using namespace std::chrono;
using Strings = std::vector<std::string>;

constexpr const char* kPublicUri = "https://www.w3.org/ns/activitystreams#Public";

using test::load_as2;
using test::utc;

ParsedActivity inline_activity(const std::string& json, IdRule rule = IdRule::required) {
    return parse_activity(core::parse_json(json), rule);
}

std::string refusal(const std::string& json) {
    return test::refusal_message([&] { inline_activity(json); }, core::Errc::unprocessable, json);
}

TEST(As2Activity, MastodonCreateKeepsTheNoteWhole) {
    ParsedActivity a = parse_activity(load_as2("mastodon_create_note"));
    EXPECT_EQ(a.kind, ActivityType::create);
    EXPECT_EQ(a.type, "Create");
    EXPECT_EQ(a.id, "https://mastodon.example/users/inkwell/statuses/113561804411238947/activity");
    EXPECT_EQ(a.actor, "https://mastodon.example/users/inkwell");
    EXPECT_EQ(a.object_id, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    ASSERT_TRUE(a.object.has_value());
    EXPECT_EQ(a.object->id, a.object_id);
    EXPECT_EQ(a.object->type, "Note");
    EXPECT_EQ(a.object->json.rfind(
                  R"({"id":"https://mastodon.example/users/inkwell/statuses/113561804411238947","type":"Note",)", 0),
              0u);
    EXPECT_EQ(a.to, Strings{kPublicUri});
    EXPECT_EQ(a.cc, (Strings{"https://mastodon.example/users/inkwell/followers", "https://gts.example/users/wren"}));
    EXPECT_EQ(a.published, utc(2024, 11, 28, 14, 5, 9));
    auto again = embedded_document(*a.object);
    EXPECT_TRUE(again.IsObject());
    EXPECT_TRUE(again.HasMember("attachment"));
}

TEST(As2Activity, CreateWrappersFromOtherServers) {
    ParsedActivity gts = parse_activity(load_as2("gotosocial_create_note"));
    EXPECT_EQ(gts.id, "https://gts.example/users/wren/statuses/01JDS2F7W4K9M1N3P5Q7R9T2VB/activity#Create");
    EXPECT_EQ(gts.to, Strings{kPublicUri});
    EXPECT_EQ(gts.cc, Strings{"https://gts.example/users/wren/followers"});
    EXPECT_EQ(gts.published, utc(2024, 11, 29, 8, 41, 3));

    ParsedActivity pixelfed = parse_activity(load_as2("pixelfed_create_image_post"));
    EXPECT_EQ(pixelfed.id, "https://pixelfed.example/p/lumen/771203184650915841/activity");
    EXPECT_EQ(pixelfed.actor, "https://pixelfed.example/users/lumen");
    EXPECT_EQ(pixelfed.object_id, "https://pixelfed.example/p/lumen/771203184650915841");

    ParsedActivity snac = parse_activity(load_as2("snac_create_note"));
    EXPECT_EQ(snac.id, "https://snac.example/quill/p/1732801534.418230/Create");
    EXPECT_EQ(snac.actor, "https://snac.example/quill");
    EXPECT_EQ(snac.object_id, "https://snac.example/quill/p/1732801534.418230");
    EXPECT_TRUE(snac.cc.empty());
}

TEST(As2Activity, MastodonAnnounceByReference) {
    ParsedActivity a = parse_activity(load_as2("mastodon_announce"));
    EXPECT_EQ(a.kind, ActivityType::announce);
    EXPECT_EQ(a.id, "https://mastodon.example/users/inkwell/statuses/113562117400183344/activity");
    EXPECT_EQ(a.object_id, "https://gesso.example/users/maren/statuses/01JDQ7Y6M3V0S8X2B4N5T9R1KQ");
    EXPECT_FALSE(a.object.has_value());
    EXPECT_EQ(a.cc, (Strings{"https://gesso.example/users/maren", "https://mastodon.example/users/inkwell/followers"}));
    EXPECT_EQ(a.published, utc(2024, 11, 28, 15, 24, 45));
}

TEST(As2Activity, MastodonUndoFollow) {
    ParsedActivity undo = parse_activity(load_as2("mastodon_undo_follow"));
    EXPECT_EQ(undo.kind, ActivityType::undo);
    EXPECT_EQ(undo.id, "https://mastodon.example/users/inkwell#follows/3571/undo");
    ASSERT_TRUE(undo.object.has_value());
    EXPECT_EQ(undo.object->type, "Follow");
    EXPECT_EQ(undo.object_id, "https://mastodon.example/2d6c4d3e-8a1b-4f57-9c0e-5b1f7a2e9d41");
    ParsedActivity follow = parse_activity(embedded_document(*undo.object));
    EXPECT_EQ(follow.kind, ActivityType::follow);
    EXPECT_EQ(follow.actor, "https://mastodon.example/users/inkwell");
    EXPECT_EQ(follow.object_id, "https://gesso.example/users/maren");
}

TEST(As2Activity, MastodonDeleteWithTombstone) {
    ParsedActivity a = parse_activity(load_as2("mastodon_delete_tombstone"));
    EXPECT_EQ(a.kind, ActivityType::delete_);
    EXPECT_EQ(a.id, "https://mastodon.example/users/inkwell/statuses/113561804411238947#delete");
    EXPECT_EQ(a.object_id, "https://mastodon.example/users/inkwell/statuses/113561804411238947");
    ASSERT_TRUE(a.object.has_value());
    EXPECT_EQ(a.object->type, "Tombstone");
    EXPECT_FALSE(a.published.has_value());
}

TEST(As2Activity, MisskeyLikeWithCustomEmojiReaction) {
    ParsedActivity a = parse_activity(load_as2("misskey_like_reaction"));
    EXPECT_EQ(a.kind, ActivityType::like);
    EXPECT_EQ(a.id, "https://misskey.example/likes/9n4l0c2a7x");
    EXPECT_EQ(a.actor, "https://misskey.example/users/9n4k2x7qab");
    EXPECT_EQ(a.object_id, "https://gesso.example/users/maren/statuses/01JDQ7Y6M3V0S8X2B4N5T9R1KQ");
    EXPECT_EQ(a.content, ":blobcat_heart:");
    ASSERT_EQ(a.emojis.size(), 1u);
    EXPECT_EQ(a.emojis[0].name, ":blobcat_heart:");
    EXPECT_EQ(a.emojis[0].icon_url, "https://misskey.example/files/webpublic-3f2a9c1e-7b44-4d8e-a0c1-2e5f9b7d6a10");
}

TEST(As2Activity, ReactionFromMisskeyFieldAlone) {
    auto a =
        inline_activity(R"({"id": "https://m.example/likes/1", "type": "Like", "actor": "https://m.example/users/1",
        "object": "https://gesso.example/n/1", "_misskey_reaction": "🎨"})");
    EXPECT_EQ(a.content, "🎨");
    auto pleroma = inline_activity(R"({"id": "https://p.example/activities/1", "type": "EmojiReact",
        "actor": "https://p.example/users/a", "object": "https://gesso.example/n/1", "content": "🔥"})");
    EXPECT_EQ(pleroma.kind, ActivityType::emoji_react);
    EXPECT_EQ(pleroma.content, "🔥");
}

TEST(As2Activity, FedifyFollowWithProof) {
    ParsedActivity a = parse_activity(load_as2("fedify_follow"));
    EXPECT_EQ(a.kind, ActivityType::follow);
    EXPECT_EQ(a.id, "https://fedify.example/@sable#follows/0193779a-5c2e-7a41-9b7e-4f2d8e6c1a03");
    EXPECT_EQ(a.actor, "https://fedify.example/@sable");
    EXPECT_EQ(a.object_id, "https://gesso.example/users/maren");
    EXPECT_FALSE(a.object.has_value());
}

TEST(As2Activity, AcceptEitherEmbedsTheFollowOrNamesIt) {
    ParsedActivity embedded = parse_activity(load_as2("accept_with_embedded_follow"));
    EXPECT_EQ(embedded.kind, ActivityType::accept);
    EXPECT_EQ(embedded.id, "https://mastodon.example/users/inkwell#accepts/follows/3602");
    EXPECT_EQ(embedded.object_id, "https://gesso.example/users/maren/follows/01JDT0K3Q5W7Y9A1C3E5G7J9L2");
    ASSERT_TRUE(embedded.object.has_value());
    EXPECT_EQ(embedded.object->type, "Follow");
    ParsedActivity follow = parse_activity(embedded_document(*embedded.object));
    EXPECT_EQ(follow.actor, "https://gesso.example/users/maren");
    EXPECT_EQ(follow.object_id, "https://mastodon.example/users/inkwell");

    ParsedActivity by_id = parse_activity(load_as2("accept_with_follow_id"));
    EXPECT_EQ(by_id.kind, ActivityType::accept);
    EXPECT_EQ(by_id.id, "https://mitra.example/activities/accept/01JDT0N8B2D4F6H8K0M2P4R6T8");
    EXPECT_EQ(by_id.actor, "https://mitra.example/users/tova");
    EXPECT_EQ(by_id.object_id, "https://gesso.example/users/maren/follows/01JDT0M1X3Z5B7D9F1H3K5M7P9");
    EXPECT_FALSE(by_id.object.has_value());
    EXPECT_EQ(by_id.to, Strings{"https://gesso.example/users/maren"});
}

TEST(As2Activity, PixelfedAcceptWithANullFollowId) {
    auto accept = inline_activity(R"({"@context": "https://www.w3.org/ns/activitystreams", "type": "Accept",
        "id": "https://pixelfed.example/users/lumen#accepts/follows/99",
        "actor": "https://pixelfed.example/users/lumen",
        "object": {"type": "Follow", "id": null, "actor": "https://gesso.example/users/maren",
                   "object": "https://pixelfed.example/users/lumen"}})");
    ASSERT_TRUE(accept.object.has_value());
    EXPECT_EQ(accept.object->id, "");
    EXPECT_EQ(accept.object_id, "");
    auto document = embedded_document(*accept.object);
    EXPECT_THROW(parse_activity(document), core::Error);
    ParsedActivity follow = parse_activity(document, IdRule::optional);
    EXPECT_EQ(follow.id, "");
    EXPECT_EQ(follow.actor, "https://gesso.example/users/maren");
}

TEST(As2Activity, FlagListsEveryReportedObject) {
    auto flag = inline_activity(R"({"id": "https://gts.example/reports/01GP3AWY4CRDVRNZKW0TEAMB5R", "type": "Flag",
        "actor": "https://gts.example/users/gts.example", "content": "stolen artwork, see original link",
        "object": ["https://gesso.example/users/copycat",
                   "https://gesso.example/users/copycat/statuses/01JDQ7Y6M3V0S8X2B4N5T9R1KQ"]})");
    EXPECT_EQ(flag.kind, ActivityType::flag);
    EXPECT_EQ(flag.content, "stolen artwork, see original link");
    EXPECT_EQ(flag.flag_objects, (Strings{"https://gesso.example/users/copycat",
                                          "https://gesso.example/users/copycat/statuses/01JDQ7Y6M3V0S8X2B4N5T9R1KQ"}));
    EXPECT_EQ(flag.object_id, "https://gesso.example/users/copycat");
    auto single = inline_activity(R"({"id": "https://m.example/1", "type": "Flag", "actor": "https://m.example/actor",
        "object": "https://gesso.example/users/copycat"})");
    EXPECT_EQ(single.flag_objects, Strings{"https://gesso.example/users/copycat"});
}

TEST(As2Activity, MoveAndAddUseTarget) {
    auto move = inline_activity(R"({"id": "https://old.example/users/a#moves/1", "type": "Move",
        "actor": "https://old.example/users/a", "object": "https://old.example/users/a",
        "target": "https://new.example/users/a"})");
    EXPECT_EQ(move.kind, ActivityType::move);
    EXPECT_EQ(move.target, "https://new.example/users/a");
    auto add = inline_activity(R"({"id": "https://h.example/a/1", "type": "Add", "actor": "https://h.example/u/a",
        "object": "https://h.example/u/a/statuses/1", "target": {"id": "https://h.example/u/a/collections/featured",
        "type": "OrderedCollection"}})");
    EXPECT_EQ(add.kind, ActivityType::add);
    EXPECT_EQ(add.target, "https://h.example/u/a/collections/featured");
}

TEST(As2Activity, RelayFollowOfThePublicCollection) {
    auto follow = inline_activity(R"({"id": "https://misskey.example/activities/follow-relay/9abc", "type": "Follow",
        "actor": "https://misskey.example/users/9relay", "object": "as:Public"})");
    EXPECT_EQ(follow.object_id, kPublicUri);
}

TEST(As2Activity, UnknownTypesAreKept) {
    auto a = inline_activity(R"({"id": "https://h.example/v/1", "type": "View", "actor": {"id": "https://h.example/u/a",
        "type": "Person"}, "object": ["https://h.example/n/1", "https://h.example/n/2"]})");
    EXPECT_EQ(a.kind, ActivityType::unknown);
    EXPECT_EQ(a.type, "View");
    EXPECT_EQ(a.actor, "https://h.example/u/a");
    auto no_object =
        inline_activity(R"({"id": "https://h.example/v/2", "type": "Arrive", "actor": "https://h.example/u/a"})");
    EXPECT_EQ(no_object.kind, ActivityType::unknown);
    EXPECT_EQ(no_object.object_id, "");
}

TEST(As2Activity, TypeNamesRoundTrip) {
    for (const char* name : {"Create", "Update", "Delete", "Follow", "Accept", "Reject", "Undo", "Like", "EmojiReact",
                             "Announce", "Block", "Flag", "Move", "Add", "Remove"}) {
        ActivityType kind = activity_type_from(name);
        EXPECT_NE(kind, ActivityType::unknown) << name;
        EXPECT_EQ(to_string(kind), name);
    }
    EXPECT_EQ(activity_type_from("like"), ActivityType::unknown);
    EXPECT_EQ(to_string(ActivityType::unknown), "unknown");
}

TEST(As2Activity, Refusals) {
    EXPECT_NE(refusal(R"({"type": "Like", "actor": "https://h.example/u/a", "object": "https://h.example/n/1"})")
                  .find("Like.id is missing"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"id": "https://h.example/l/1", "type": "Like", "object": "https://h.example/n/1"})")
                  .find("Like.actor is missing"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"id": "https://h.example/l/1", "type": "Like", "actor": "https://h.example/u/a"})")
                  .find("Like.object is missing"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"id": "https://h.example/u/1", "type": "Undo", "actor": "https://h.example/u/a",
                  "object": ["https://h.example/f/1", "https://h.example/f/2"]})")
                  .find("Undo.object must be one object or id, not an array"),
              std::string::npos);
    EXPECT_NE(refusal(R"js({"id": "https://h.example/l/1", "type": "Like", "actor": "javascript:alert(1)",
                  "object": "https://h.example/n/1"})js")
                  .find("Like.actor is not an absolute http(s) URL"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"id": "https://h.example/a/1", "actor": "https://h.example/u/a"})")
                  .find("activity.type is missing"),
              std::string::npos);
    EXPECT_NE(refusal(R"({"id": "https://h.example/c/1", "type": "Create", "actor": "https://h.example/u/a",
                  "object": {"id": "ftp://h.example/n/1", "type": "Note"}})")
                  .find("Create.object is not an absolute http(s) URL"),
              std::string::npos);
    EXPECT_THROW(parse_activity(core::parse_json("\"https://h.example/a/1\"")), core::Error);
}

}  // namespace
}  // namespace gesso::activitypub::as2
