// AS2 documents rendered by activitypub/: Notes and Create activities (addressing per visibility),
// OrderedCollections and their pages, the local actor, and text_to_html for summaries.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <string>
#include <vector>

#include "activitypub/actor_document.hpp"
#include "activitypub/collections.hpp"
#include "activitypub/note_document.hpp"
#include "activitypub/vocabulary.hpp"
#include "support/json.hpp"

namespace gesso::activitypub {
namespace {

using namespace std::chrono;

constexpr const char* kPublicCollection = "https://www.w3.org/ns/activitystreams#Public";

using test::parse_document;

std::string text(const rapidjson::Value& obj, const char* key) {
    if (!obj.IsObject() || !obj.HasMember(key)) return "<missing " + std::string(key) + ">";
    if (!obj[key].IsString()) return "<not a string: " + std::string(key) + ">";
    return std::string(obj[key].GetString(), obj[key].GetStringLength());
}

std::vector<std::string> strings(const rapidjson::Value& obj, const char* key) {
    std::vector<std::string> out;
    if (!obj.IsObject() || !obj.HasMember(key) || !obj[key].IsArray()) {
        ADD_FAILURE() << key << " is not an array";
        return out;
    }
    for (const auto& v : obj[key].GetArray()) out.emplace_back(v.IsString() ? v.GetString() : "<not a string>");
    return out;
}

using Strings = std::vector<std::string>;

// --- text_to_html ---

TEST(TextToHtml, EmptyTextIsEmpty) { EXPECT_EQ(text_to_html(""), ""); }

TEST(TextToHtml, OneLineIsOneParagraph) { EXPECT_EQ(text_to_html("hello"), "<p>hello</p>"); }

TEST(TextToHtml, MarkupIsEscaped) {
    EXPECT_EQ(text_to_html("<script>alert('x')</script> & \"q\""),
              "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST(TextToHtml, SingleNewlineIsALineBreak) {
    EXPECT_EQ(text_to_html("painter\nsculptor"), "<p>painter<br>sculptor</p>");
}

TEST(TextToHtml, BlankLinesSeparateParagraphs) {
    EXPECT_EQ(text_to_html("one\n\ntwo"), "<p>one</p><p>two</p>");
    EXPECT_EQ(text_to_html("one\n\n\n\ntwo\nthree"), "<p>one</p><p>two<br>three</p>");
    EXPECT_EQ(text_to_html("one\n\n"), "<p>one</p>");
}

TEST(TextToHtml, WindowsLineEndingsBehaveLikeUnixOnes) {
    // Browsers submit textareas with CRLF line endings, so a bio typed in a form arrives like this.
    EXPECT_EQ(text_to_html("painter\r\nsculptor"), "<p>painter<br>sculptor</p>");
    EXPECT_EQ(text_to_html("one\r\n\r\ntwo"), "<p>one</p><p>two</p>");
}

// --- Notes and Create ---

class NoteByLocalAuthor : public ::testing::Test {
protected:
    NodeUrls urls{"https", "art.example"};
    core::Account author = [] {
        core::Account a;
        a.id = 7;
        a.username = "alice";
        a.uri = "https://art.example/users/alice";
        return a;
    }();
    core::Status status = [] {
        core::Status s;
        s.id = 100;
        s.account_id = 7;
        s.uri = "https://art.example/users/alice/statuses/100";
        s.url = "https://art.example/@alice/100";
        s.content = "<p>a \"quoted\" word</p>";
        // 2024-02-29T12:34:56.789Z
        s.created_at = core::TimePoint(sys_days(year(2024) / February / 29) + 12h + 34min + 56s + 789ms);
        return s;
    }();
    const std::string followers = "https://art.example/users/alice/followers";

    rapidjson::Document note(core::Visibility v) {
        status.visibility = v;
        return parse_document(render_note(status, author, urls));
    }
    rapidjson::Document create(core::Visibility v) {
        status.visibility = v;
        return parse_document(render_create_note(status, author, urls));
    }
};

TEST_F(NoteByLocalAuthor, PublicIsToPublicCcFollowers) {
    auto doc = note(core::Visibility::public_);
    EXPECT_EQ(strings(doc, "to"), Strings{kPublicCollection});
    EXPECT_EQ(strings(doc, "cc"), Strings{followers});
}

TEST_F(NoteByLocalAuthor, UnlistedSwapsToAndCc) {
    auto doc = note(core::Visibility::unlisted);
    EXPECT_EQ(strings(doc, "to"), Strings{followers});
    EXPECT_EQ(strings(doc, "cc"), Strings{kPublicCollection});
}

TEST_F(NoteByLocalAuthor, FollowersOnlyNeverMentionsPublic) {
    auto doc = note(core::Visibility::followers);
    EXPECT_EQ(strings(doc, "to"), Strings{followers});
    EXPECT_EQ(strings(doc, "cc"), Strings{});
    EXPECT_EQ(render_note(status, author, urls).find("#Public"), std::string::npos);
}

TEST_F(NoteByLocalAuthor, DirectHasNoCollections) {
    auto doc = note(core::Visibility::direct);
    EXPECT_EQ(strings(doc, "to"), Strings{});
    EXPECT_EQ(strings(doc, "cc"), Strings{});
    EXPECT_EQ(render_note(status, author, urls).find("followers"), std::string::npos);
}

TEST_F(NoteByLocalAuthor, CoreFields) {
    auto doc = note(core::Visibility::public_);
    EXPECT_EQ(text(doc, "id"), status.uri);
    EXPECT_EQ(text(doc, "type"), "Note");
    EXPECT_EQ(text(doc, "attributedTo"), "https://art.example/users/alice");
    EXPECT_EQ(text(doc, "content"), "<p>a \"quoted\" word</p>");
    EXPECT_EQ(text(doc, "url"), "https://art.example/@alice/100");
    EXPECT_EQ(text(doc, "published"), "2024-02-29T12:34:56Z");
    ASSERT_TRUE(doc.HasMember("sensitive"));
    EXPECT_TRUE(doc["sensitive"].IsFalse());
    ASSERT_TRUE(doc.HasMember("summary"));
    EXPECT_TRUE(doc["summary"].IsNull());
    ASSERT_TRUE(doc.HasMember("inReplyTo"));
    EXPECT_TRUE(doc["inReplyTo"].IsNull());
    EXPECT_FALSE(doc.HasMember("updated"));
    EXPECT_FALSE(doc.HasMember("@context"));  // embedded object
}

TEST_F(NoteByLocalAuthor, ContentWarningReplyAndEdit) {
    status.spoiler_text = "eye strain";
    status.sensitive = true;
    status.in_reply_to_uri = "https://other.example/notes/1";
    status.edited_at = status.created_at + 90s;
    auto doc = note(core::Visibility::public_);
    EXPECT_EQ(text(doc, "summary"), "eye strain");
    EXPECT_TRUE(doc["sensitive"].IsTrue());
    EXPECT_EQ(text(doc, "inReplyTo"), "https://other.example/notes/1");
    EXPECT_EQ(text(doc, "updated"), "2024-02-29T12:36:26Z");
}

TEST_F(NoteByLocalAuthor, CreateWrapsTheNoteWithTheSameAudience) {
    for (auto v : {core::Visibility::public_, core::Visibility::unlisted, core::Visibility::followers,
                   core::Visibility::direct}) {
        auto doc = create(v);
        auto inner = note(v);
        SCOPED_TRACE(static_cast<int>(v));
        EXPECT_EQ(text(doc, "type"), "Create");
        EXPECT_EQ(text(doc, "id"), "https://art.example/users/alice/statuses/100/activity");
        EXPECT_EQ(text(doc, "actor"), "https://art.example/users/alice");
        EXPECT_EQ(text(doc, "published"), "2024-02-29T12:34:56Z");
        EXPECT_EQ(strings(doc, "to"), strings(inner, "to"));
        EXPECT_EQ(strings(doc, "cc"), strings(inner, "cc"));
        ASSERT_TRUE(doc.HasMember("object") && doc["object"].IsObject());
        EXPECT_EQ(text(doc["object"], "id"), status.uri);
        EXPECT_EQ(text(doc["object"], "type"), "Note");
        EXPECT_EQ(strings(doc["object"], "to"), strings(inner, "to"));
    }
}

TEST_F(NoteByLocalAuthor, RemoteAuthorsUseTheirOwnFollowersCollection) {
    author.domain = "far.example";
    author.uri = "https://far.example/u/zed";
    author.followers_url = "https://far.example/u/zed/fans";
    auto doc = note(core::Visibility::public_);
    EXPECT_EQ(strings(doc, "cc"), Strings{"https://far.example/u/zed/fans"});
    EXPECT_EQ(text(doc, "attributedTo"), "https://far.example/u/zed");
}

TEST(PublicAddress, AcceptsTheThreeSpellingsOnly) {
    EXPECT_TRUE(is_public_address(kPublicCollection));
    EXPECT_TRUE(is_public_address("as:Public"));
    EXPECT_TRUE(is_public_address("Public"));
    EXPECT_FALSE(is_public_address("https://www.w3.org/ns/activitystreams#public"));
    EXPECT_FALSE(is_public_address("https://art.example/users/alice/followers"));
    EXPECT_FALSE(is_public_address(""));
}

// --- collections ---

class FollowersCollection : public ::testing::Test {
protected:
    const std::string id = "https://art.example/users/alice/followers";
};

TEST_F(FollowersCollection, RootNamesItsSizeAndFirstPage) {
    auto doc = parse_document(render_collection_root(id, 42));
    EXPECT_EQ(text(doc, "id"), id);
    EXPECT_EQ(text(doc, "type"), "OrderedCollection");
    ASSERT_TRUE(doc["totalItems"].IsInt64());
    EXPECT_EQ(doc["totalItems"].GetInt64(), 42);
    EXPECT_EQ(text(doc, "first"), "https://art.example/users/alice/followers?page=true");
    EXPECT_FALSE(doc.HasMember("orderedItems"));
    ASSERT_TRUE(doc.HasMember("@context") && doc["@context"].IsArray());
    EXPECT_EQ(std::string(doc["@context"][0].GetString()), "https://www.w3.org/ns/activitystreams");
}

TEST_F(FollowersCollection, FirstPageWithMoreToCome) {
    CollectionPage page;
    page.collection_id = id;
    page.total_items = 3;
    page.items_json = {json_string("https://b.example/u/2"), json_string("https://a.example/u/\"1\"")};
    page.next_max_id = 1234;
    auto doc = parse_document(render_collection_page(page));
    EXPECT_EQ(text(doc, "id"), id + "?page=true");
    EXPECT_EQ(text(doc, "type"), "OrderedCollectionPage");
    EXPECT_EQ(text(doc, "partOf"), id);
    EXPECT_EQ(doc["totalItems"].GetInt64(), 3);
    EXPECT_EQ(text(doc, "next"), id + "?page=true&max_id=1234");
    EXPECT_EQ(strings(doc, "orderedItems"), (Strings{"https://b.example/u/2", "https://a.example/u/\"1\""}));
}

TEST_F(FollowersCollection, LastPageHasNoNext) {
    CollectionPage page;
    page.collection_id = id;
    page.total_items = 3;
    page.max_id = 1234;
    page.items_json = {json_string("https://c.example/u/3")};
    auto doc = parse_document(render_collection_page(page));
    EXPECT_EQ(text(doc, "id"), id + "?page=true&max_id=1234");
    EXPECT_FALSE(doc.HasMember("next"));
    EXPECT_EQ(strings(doc, "orderedItems"), Strings{"https://c.example/u/3"});
}

TEST_F(FollowersCollection, EmptyPageIsAValidDocument) {
    CollectionPage page;
    page.collection_id = id;
    auto doc = parse_document(render_collection_page(page));
    EXPECT_EQ(doc["totalItems"].GetInt64(), 0);
    ASSERT_TRUE(doc["orderedItems"].IsArray());
    EXPECT_EQ(doc["orderedItems"].Size(), 0u);
    EXPECT_FALSE(doc.HasMember("next"));
}

TEST_F(FollowersCollection, PagesCarryObjectItemsToo) {
    CollectionPage page;
    page.collection_id = "https://art.example/users/alice/outbox";
    page.total_items = 2;
    page.items_json = {R"({"type":"Create","id":"x/1"})", R"({"type":"Create","id":"x/2"})"};
    auto doc = parse_document(render_collection_page(page));
    ASSERT_EQ(doc["orderedItems"].Size(), 2u);
    EXPECT_EQ(text(doc["orderedItems"][0], "id"), "x/1");
    EXPECT_EQ(text(doc["orderedItems"][1], "id"), "x/2");
}

TEST_F(FollowersCollection, InlineCollectionCountsItsItems) {
    auto doc = parse_document(render_collection_inline("https://art.example/users/alice/collections/featured",
                                                       {R"({"id":"n1"})", R"({"id":"n2"})"}));
    EXPECT_EQ(text(doc, "type"), "OrderedCollection");
    EXPECT_EQ(doc["totalItems"].GetInt64(), 2);
    ASSERT_EQ(doc["orderedItems"].Size(), 2u);
    EXPECT_EQ(text(doc["orderedItems"][1], "id"), "n2");
    EXPECT_FALSE(doc.HasMember("first"));
}

TEST(JsonString, QuotesAndEscapes) {
    EXPECT_EQ(json_string("plain"), "\"plain\"");
    EXPECT_EQ(json_string("a\"b\\c\n"), R"("a\"b\\c\n")");
}

// --- the local actor ---

class LocalActorAlice : public ::testing::Test {
protected:
    NodeUrls urls{"https", "art.example"};
    core::Account alice = [] {
        core::Account a;
        a.id = 1;
        a.username = "alice";
        a.display_name = "Alice <Painter>";
        a.note = "oil\n\nwatercolour";
        a.locked = true;
        a.indexable = true;
        a.created_at = core::TimePoint(sys_days(year(2024) / February / 29));
        return a;
    }();
    std::vector<core::KeyPair> keys = {
        {10, 1, core::KeyType::ed25519, "https://art.example/users/alice#ed25519-key", "ED-PEM", "ed-priv"},
        {11, 1, core::KeyType::rsa, "https://art.example/users/alice#main-key", "RSA-PEM", "rsa-priv"},
    };
};

TEST_F(LocalActorAlice, IdentityCollectionsAndFlags) {
    auto doc = parse_document(render_local_actor(alice, keys, urls));
    EXPECT_EQ(text(doc, "id"), "https://art.example/users/alice");
    EXPECT_EQ(text(doc, "type"), "Person");
    EXPECT_EQ(text(doc, "preferredUsername"), "alice");
    EXPECT_EQ(text(doc, "name"), "Alice <Painter>");
    EXPECT_EQ(text(doc, "summary"), "<p>oil</p><p>watercolour</p>");
    EXPECT_EQ(text(doc, "url"), "https://art.example/@alice");
    EXPECT_EQ(text(doc, "inbox"), "https://art.example/users/alice/inbox");
    EXPECT_EQ(text(doc, "outbox"), "https://art.example/users/alice/outbox");
    EXPECT_EQ(text(doc, "followers"), "https://art.example/users/alice/followers");
    EXPECT_EQ(text(doc, "following"), "https://art.example/users/alice/following");
    EXPECT_EQ(text(doc, "featured"), "https://art.example/users/alice/collections/featured");
    EXPECT_EQ(text(doc["endpoints"], "sharedInbox"), "https://art.example/inbox");
    EXPECT_TRUE(doc["manuallyApprovesFollowers"].IsTrue());
    EXPECT_TRUE(doc["discoverable"].IsFalse());
    EXPECT_TRUE(doc["indexable"].IsTrue());
    EXPECT_EQ(text(doc, "published"), "2024-02-29T00:00:00Z");
    EXPECT_FALSE(doc.HasMember("icon"));
    EXPECT_FALSE(doc.HasMember("image"));
}

TEST_F(LocalActorAlice, PublishesTheRsaKeyEvenWhenListedSecond) {
    auto json = render_local_actor(alice, keys, urls);
    auto doc = parse_document(json);
    ASSERT_TRUE(doc.HasMember("publicKey"));
    EXPECT_EQ(text(doc["publicKey"], "id"), "https://art.example/users/alice#main-key");
    EXPECT_EQ(text(doc["publicKey"], "owner"), "https://art.example/users/alice");
    EXPECT_EQ(text(doc["publicKey"], "publicKeyPem"), "RSA-PEM");
    EXPECT_EQ(json.find("priv"), std::string::npos) << "a private key leaked into the actor";
}

TEST_F(LocalActorAlice, WithoutKeysThereIsNoPublicKey) {
    auto doc = parse_document(render_local_actor(alice, {}, urls));
    EXPECT_FALSE(doc.HasMember("publicKey"));
}

TEST_F(LocalActorAlice, AvatarAndHeaderBecomeIconAndImage) {
    alice.avatar_url = "https://art.example/media/a.png";
    alice.header_url = "https://art.example/media/h.png";
    auto doc = parse_document(render_local_actor(alice, keys, urls));
    EXPECT_EQ(text(doc["icon"], "type"), "Image");
    EXPECT_EQ(text(doc["icon"], "url"), "https://art.example/media/a.png");
    EXPECT_EQ(text(doc["image"], "url"), "https://art.example/media/h.png");
}

TEST_F(LocalActorAlice, InstanceActorIsAnApplicationWithoutFollowCollections) {
    core::Account instance;
    instance.username = "art.example";
    instance.actor_type = "Application";
    instance.url = "https://art.example/about";
    auto doc = parse_document(render_local_actor(instance, keys, urls));
    EXPECT_EQ(text(doc, "id"), "https://art.example/actor");
    EXPECT_EQ(text(doc, "type"), "Application");
    EXPECT_EQ(text(doc, "inbox"), "https://art.example/actor/inbox");
    EXPECT_EQ(text(doc, "url"), "https://art.example/about");
    EXPECT_FALSE(doc.HasMember("followers"));
    EXPECT_FALSE(doc.HasMember("following"));
    EXPECT_EQ(text(doc["publicKey"], "owner"), "https://art.example/actor");
}

TEST(NodeUrlsHost, StripsThePortButKeepsIpv6Brackets) {
    EXPECT_EQ((NodeUrls{"https", "art.example:8443"}.host()), "art.example");
    EXPECT_EQ((NodeUrls{"https", "art.example"}.host()), "art.example");
    EXPECT_EQ((NodeUrls{"http", "[::1]:8080"}.host()), "[::1]");
    EXPECT_EQ((NodeUrls{"http", "127.0.0.1:8080"}.instance_actor()), "http://127.0.0.1:8080/actor");
}

}  // namespace
}  // namespace gesso::activitypub
