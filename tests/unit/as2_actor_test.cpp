// parse_actor against actor documents shaped like Mastodon, GoToSocial, Misskey and Fedify send them
// (tests/fixtures/as2/README.md says where each shape comes from), plus the refusals that protect key ownership.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "activitypub/as2/actor.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/as2_fixtures.hpp"
#include "support/expect_error.hpp"

namespace gesso::activitypub::as2 {
namespace {

using namespace std::chrono;
using Strings = std::vector<std::string>;

using test::load_as2;
using test::utc;

bool is_rsa_spki_pem(const std::string& pem) {
    return pem.rfind("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", 0) == 0 &&
           pem.size() == 451 && pem.substr(pem.size() - 25) == "-----END PUBLIC KEY-----\n";
}

std::string refusal(const std::string& json) {
    return test::refusal_message([&] { parse_actor(core::parse_json(json)); }, core::Errc::unprocessable, json);
}

TEST(As2Actor, Mastodon) {
    ParsedActor a = parse_actor(load_as2("mastodon_actor"));
    EXPECT_EQ(a.id, "https://mastodon.example/users/inkwell");
    EXPECT_EQ(a.type, "Person");
    EXPECT_EQ(a.preferred_username, "inkwell");
    EXPECT_EQ(a.name, "Ines Kowal :palette:");
    EXPECT_EQ(a.summary,
              "<p>Ink and watercolour. Herons, mostly.</p><p>Commissions open, see <a "
              "href=\"https://mastodon.example/tags/art\" "
              "class=\"mention hashtag\" rel=\"tag\">#<span>art</span></a></p>");
    EXPECT_EQ(a.url, "https://mastodon.example/@inkwell");
    EXPECT_EQ(a.inbox, "https://mastodon.example/users/inkwell/inbox");
    EXPECT_EQ(a.outbox, "https://mastodon.example/users/inkwell/outbox");
    EXPECT_EQ(a.followers, "https://mastodon.example/users/inkwell/followers");
    EXPECT_EQ(a.following, "https://mastodon.example/users/inkwell/following");
    EXPECT_EQ(a.featured, "https://mastodon.example/users/inkwell/collections/featured");
    EXPECT_EQ(a.shared_inbox, "https://mastodon.example/inbox");
    EXPECT_FALSE(a.manually_approves_followers);
    EXPECT_TRUE(a.discoverable);
    EXPECT_FALSE(a.indexable);
    EXPECT_EQ(a.published, utc(2022, 11, 7, 0, 0, 0));
    EXPECT_EQ(a.icon_url,
              "https://files.mastodon.example/accounts/avatars/109/301/563/312/458/122/original/4b1e6c0a2f9d8e77.png");
    EXPECT_EQ(a.image_url,
              "https://files.mastodon.example/accounts/headers/109/301/563/312/458/122/original/9a8f6e5d4c3b2a10.jpg");
    ASSERT_EQ(a.fields.size(), 2u);
    EXPECT_EQ(a.fields[0].name, "Portfolio");
    EXPECT_EQ(a.fields[0].value.rfind("<a href=\"https://ineskowal.example\" target=\"_blank\"", 0), 0u);
    EXPECT_EQ(a.fields[1].name, "Pronouns");
    EXPECT_EQ(a.fields[1].value, "she/her");
    ASSERT_EQ(a.public_keys.size(), 1u);
    EXPECT_EQ(a.public_keys[0].id, "https://mastodon.example/users/inkwell#main-key");
    EXPECT_EQ(a.public_keys[0].owner, a.id);
    EXPECT_TRUE(is_rsa_spki_pem(a.public_keys[0].pem));
    EXPECT_EQ(a.find_key("https://mastodon.example/users/inkwell#main-key"), &a.public_keys[0]);
    EXPECT_EQ(a.find_key("https://mastodon.example/users/inkwell#other"), nullptr);
    EXPECT_TRUE(a.assertion_methods.empty());
    EXPECT_EQ(a.also_known_as, Strings{"https://old-instance.example/users/inkwell"});
    EXPECT_EQ(a.moved_to, "");
    ASSERT_EQ(a.emojis.size(), 1u);
    EXPECT_EQ(a.emojis[0].name, ":palette:");
    EXPECT_EQ(a.emojis[0].icon_url,
              "https://files.mastodon.example/custom_emojis/images/000/041/207/original/7d1c2b9e0f3a4c55.png");
    EXPECT_EQ(a.x_robots_tag, "");
}

TEST(As2Actor, GoToSocialWithoutSharedInbox) {
    ParsedActor a = parse_actor(load_as2("gotosocial_actor"));
    EXPECT_EQ(a.id, "https://gts.example/users/wren");
    EXPECT_EQ(a.name, "wren :3");
    EXPECT_EQ(a.summary, "<p>printmaker. linocuts &amp; risograph zines. hosts a monthly life drawing night.</p>");
    EXPECT_EQ(a.shared_inbox, "");  // GoToSocial sends no endpoints: deliver to the personal inbox
    EXPECT_EQ(a.inbox, "https://gts.example/users/wren/inbox");
    EXPECT_TRUE(a.manually_approves_followers);
    EXPECT_FALSE(a.discoverable);
    EXPECT_FALSE(a.indexable);
    EXPECT_EQ(a.published, utc(2023, 2, 11, 17, 40, 5));
    ASSERT_EQ(a.public_keys.size(), 1u);
    EXPECT_EQ(a.public_keys[0].id, "https://gts.example/users/wren/main-key");  // a path, not a fragment
    EXPECT_TRUE(is_rsa_spki_pem(a.public_keys[0].pem));
    ASSERT_EQ(a.fields.size(), 2u);
    EXPECT_EQ(a.fields[1].name, "medium");
    EXPECT_EQ(a.fields[1].value, "linocut & risograph");  // written as \u0026 in the document
    EXPECT_EQ(
        a.icon_url,
        "https://gts.example/fileserver/01H4ZK8Q3N2XWJ5R7T9V0B6C1D/avatar/original/01H4ZKA2M8P6Y3Q1R5S7T9V0WX.webp");
    EXPECT_EQ(a.image_url, "");
    EXPECT_TRUE(a.emojis.empty());
}

TEST(As2Actor, MisskeyWithNullsAndTopLevelSharedInbox) {
    ParsedActor a = parse_actor(load_as2("misskey_actor"));
    EXPECT_EQ(a.id, "https://misskey.example/users/9n4k2x7qab");
    EXPECT_EQ(a.preferred_username, "hoshi");
    EXPECT_EQ(a.name, "ほし :blobcat_heart:");
    EXPECT_EQ(a.url, "https://misskey.example/@hoshi");
    EXPECT_EQ(a.shared_inbox, "https://misskey.example/inbox");
    EXPECT_EQ(a.featured, "https://misskey.example/users/9n4k2x7qab/collections/featured");
    EXPECT_EQ(a.icon_url, "https://misskey.example/files/webpublic-8e1f0a3b-5c6d-4e7f-9a0b-1c2d3e4f5a6b");
    EXPECT_EQ(a.image_url, "");  // "image": null
    EXPECT_TRUE(a.discoverable);
    EXPECT_FALSE(a.indexable);  // Misskey sends no `indexable`: FEP-5feb reads that as false
    EXPECT_FALSE(a.published.has_value());
    ASSERT_EQ(a.public_keys.size(), 1u);
    EXPECT_EQ(a.public_keys[0].id, "https://misskey.example/users/9n4k2x7qab#main-key");
    ASSERT_EQ(a.fields.size(), 1u);
    EXPECT_EQ(a.fields[0].name, "pixiv");
    ASSERT_EQ(a.emojis.size(), 1u);
    EXPECT_EQ(a.emojis[0].name, ":blobcat_heart:");
    EXPECT_EQ(a.emojis[0].id, "https://misskey.example/emojis/blobcat_heart");
}

TEST(As2Actor, FedifyWithKeyArraysAndMultikeys) {
    ParsedActor a = parse_actor(load_as2("fedify_actor"));
    EXPECT_EQ(a.id, "https://fedify.example/@sable");
    EXPECT_EQ(a.url, "https://fedify.example/@sable");          // a Link object with text/html
    EXPECT_EQ(a.shared_inbox, "https://fedify.example/inbox");  // endpoints carries "type": "as:Endpoints"
    EXPECT_TRUE(a.indexable);
    EXPECT_EQ(a.published, utc(2024, 6, 2, 8, 14, 57) + milliseconds(482));
    EXPECT_EQ(a.also_known_as, Strings{"https://mastodon.example/users/sable_old"});  // one string, not an array
    ASSERT_EQ(a.public_keys.size(), 2u);
    EXPECT_EQ(a.public_keys[0].id, "https://fedify.example/@sable#main-key");
    EXPECT_TRUE(is_rsa_spki_pem(a.public_keys[0].pem));
    EXPECT_EQ(a.public_keys[1].id, "https://fedify.example/@sable#key-2");
    EXPECT_EQ(a.public_keys[1].pem.rfind("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA", 0), 0u);
    ASSERT_EQ(a.assertion_methods.size(), 2u);
    EXPECT_EQ(a.assertion_methods[0].id, "https://fedify.example/@sable#main-key");
    EXPECT_EQ(a.assertion_methods[0].public_key_multibase.rfind("z4MXj1wBzi9jUstyQewyx31ZbgdVeEJRYLBF2kxPnx8hMV7Z", 0),
              0u);
    EXPECT_EQ(a.assertion_methods[1].id, "https://fedify.example/@sable#key-2");
    EXPECT_EQ(a.assertion_methods[1].controller, a.id);
    EXPECT_EQ(a.assertion_methods[1].public_key_multibase, "z6Mkh8mQKoP8ozQqoKThiCRrJRGAynn1gzK5QjkH7nEHeFnC");
    ASSERT_EQ(a.fields.size(), 1u);  // one PropertyValue object, not an array
    EXPECT_EQ(a.fields[0].name, "Studio");
}

TEST(As2Actor, AllFiveTypesAndNoOthers) {
    for (const char* type : {"Person", "Service", "Application", "Group", "Organization"}) {
        std::string json =
            std::string(R"({"id": "https://h.example/a", "inbox": "https://h.example/a/inbox", "type": ")") + type +
            "\"}";
        EXPECT_EQ(parse_actor(core::parse_json(json)).type, type);
    }
    EXPECT_NE(refusal(R"({"id": "https://h.example/a", "inbox": "https://h.example/i", "type": "Tombstone"})")
                  .find("actor.type \"Tombstone\" is not Person"),
              std::string::npos);
}

TEST(As2Actor, KeyOwnerDefaultsToTheActorButMayNotDiffer) {
    auto a = parse_actor(core::parse_json(R"({"id": "https://h.example/a", "type": "Person",
        "inbox": "https://h.example/a/inbox", "publicKey": {"id": "https://h.example/a#k", "publicKeyPem": "PEM"}})"));
    ASSERT_EQ(a.public_keys.size(), 1u);
    EXPECT_EQ(a.public_keys[0].owner, "https://h.example/a");

    std::string message = refusal(R"({"id": "https://h.example/a", "type": "Person", "inbox": "https://h.example/i",
        "assertionMethod": [{"id": "https://h.example/a#ed", "type": "Multikey",
                             "controller": "https://other.example/b", "publicKeyMultibase": "z6Mkabc"}]})");
    EXPECT_NE(message.find("actor.assertionMethod[0].controller \"https://other.example/b\" is not the actor id"),
              std::string::npos)
        << message;
}

TEST(As2Actor, KeysWithoutMaterialAreSkipped) {
    auto a = parse_actor(core::parse_json(R"({"id": "https://h.example/a", "type": "Service",
        "inbox": "https://h.example/a/inbox", "publicKey": ["https://h.example/a#k", {"id": "https://h.example/a#j"}],
        "assertionMethod": [{"id": "https://h.example/a#x", "type": "JsonWebKey2020"}]})"));
    EXPECT_TRUE(a.public_keys.empty());
    EXPECT_TRUE(a.assertion_methods.empty());
}

TEST(As2Actor, ProfileFieldsAreTruncatedNotRefused) {
    std::string json =
        R"({"id": "https://h.example/a", "type": "Person", "inbox": "https://h.example/a/inbox", "attachment": [)";
    for (int i = 0; i < 20; ++i) {
        if (i) json += ',';
        json += R"({"type": "PropertyValue", "name": "f)";
        json += std::to_string(i);
        json += R"(", "value": "v"})";
    }
    json += "]}";
    auto a = parse_actor(core::parse_json(json));
    ASSERT_EQ(a.fields.size(), 16u);
    EXPECT_EQ(a.fields[15].name, "f15");
}

TEST(As2Actor, RightsSignals) {
    auto a = parse_actor(core::parse_json(R"({"id": "https://h.example/a", "type": "Person",
        "inbox": "https://h.example/a/inbox", "xRobotsTag": ["noai", "noimageai"],
        "license": {"id": "https://creativecommons.org/licenses/by-nc/4.0/", "name": "CC BY-NC 4.0"}})"));
    EXPECT_EQ(a.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(a.license, "https://creativecommons.org/licenses/by-nc/4.0/");
}

TEST(As2Actor, NotAnObject) {
    EXPECT_EQ(test::error_code([] { parse_actor(core::parse_json(R"(["https://h.example/a"])")); }),
              core::Errc::bad_request);
}

}  // namespace
}  // namespace gesso::activitypub::as2
