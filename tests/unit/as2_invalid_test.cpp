// Every invalid or hostile fixture in tests/fixtures/as2/ is refused with core::Error and a message that says what
// was wrong, so an operator reading the log (or a peer reading our 4xx body) can tell.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "activitypub/as2/activity.hpp"
#include "activitypub/as2/actor.hpp"
#include "activitypub/as2/object.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "support/fixtures.hpp"

namespace gesso::activitypub::as2 {
namespace {

// The text of tests/fixtures/as2/<name>.json.
std::string read_fixture(const std::string& name) { return test::read_fixture("as2", name + ".json"); }

enum class Reader { actor, object, activity };

// Runs the whole inbound path on a fixture (parse_json, then the reader) and returns the refusal.
core::Error refusal(const std::string& name, Reader reader) {
    std::string text = read_fixture(name);
    try {
        auto doc = core::parse_json(text);
        switch (reader) {
            case Reader::actor: parse_actor(doc); break;
            case Reader::object: parse_object(doc, "https://evil.example/users/mallory/followers"); break;
            case Reader::activity: parse_activity(doc); break;
        }
    } catch (const core::Error& e) {
        return e;
    }
    ADD_FAILURE() << name << " was accepted";
    return core::Error(core::Errc::internal, "accepted");
}

void expect_refused(const std::string& name, Reader reader, core::Errc code, const std::string& needle) {
    core::Error e = refusal(name, reader);
    EXPECT_EQ(e.code(), code) << name << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << name << ": " << e.what();
}

TEST(As2Invalid, MissingId) {
    expect_refused("invalid_missing_id", Reader::object, core::Errc::unprocessable, "Note.id is missing");
}

TEST(As2Invalid, JavascriptUrl) {
    expect_refused("invalid_javascript_url", Reader::object, core::Errc::unprocessable,
                   "Note.url is not an absolute http(s) URL: \"javascript:alert(document.cookie)\"");
}

TEST(As2Invalid, TooManyHashtags) {
    expect_refused("invalid_too_many_tags", Reader::object, core::Errc::unprocessable,
                   "Note.tag has more than 64 hashtags");
}

TEST(As2Invalid, ContentTooLong) {
    expect_refused("invalid_content_too_long", Reader::object, core::Errc::unprocessable,
                   "Note.content is longer than 102400 bytes");
}

TEST(As2Invalid, NumberWhereTextBelongs) {
    expect_refused("invalid_wrong_types", Reader::object, core::Errc::unprocessable,
                   "Note.content must be a string, not a number");
}

TEST(As2Invalid, DeepNestingStopsAtTheParser) {
    expect_refused("invalid_deep_nesting", Reader::object, core::Errc::bad_request, "nested deeper than 32 levels");
}

TEST(As2Invalid, KeyOwnedBySomeoneElse) {
    expect_refused("invalid_key_owner_mismatch", Reader::actor, core::Errc::unprocessable,
                   "actor.publicKey.owner \"https://mastodon.example/users/inkwell\" is not the actor id "
                   "\"https://evil.example/users/mallory\"");
}

TEST(As2Invalid, DataUrlAvatar) {
    expect_refused("invalid_actor_data_icon", Reader::actor, core::Errc::unprocessable,
                   "actor.icon.url is not an absolute http(s) URL: \"data:image/svg+xml;base64,");
}

TEST(As2Invalid, ActorWithoutInbox) {
    expect_refused("invalid_actor_missing_inbox", Reader::actor, core::Errc::unprocessable, "actor.inbox is missing");
}

TEST(As2Invalid, LikeWithoutActor) {
    expect_refused("invalid_like_without_actor", Reader::activity, core::Errc::unprocessable, "Like.actor is missing");
}

// The hostile fixtures are otherwise well-formed: each is refused for its one fault, not for something incidental.
TEST(As2Invalid, EachFixtureHasOneFault) {
    auto doc = core::parse_json(read_fixture("invalid_javascript_url"));
    doc.RemoveMember("url");
    EXPECT_NO_THROW(parse_object(doc, ""));
    auto owner = core::parse_json(read_fixture("invalid_key_owner_mismatch"));
    owner["publicKey"]["owner"].SetString("https://evil.example/users/mallory");
    EXPECT_NO_THROW(parse_actor(owner));
}

}  // namespace
}  // namespace gesso::activitypub::as2
