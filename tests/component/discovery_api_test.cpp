// The instance's side endpoints over real HTTP: custom emoji, peers, weekly activity, announcements, trends.
#include "client_api_fixture.hpp"
#include "storage/post_details.hpp"

namespace gesso::test {
namespace {

using Discovery = ClientApi;
using V = http::verb;

TEST_F(Discovery, EmojisPeersActivityAndEmptyLists) {
    EXPECT_TRUE(ok(V::get, "/api/v1/custom_emojis", "").Empty());
    node.db().write([&](storage::Connection& c) {
        storage::upsert_emoji(c, "blobcat", "", "https://x.test/blobcat.png", "", node.ctx().clock.now());
        storage::upsert_emoji(c, "remote_only", "far.test", "https://far.test/e.png", "", node.ctx().clock.now());
    });
    auto emojis = ok(V::get, "/api/v1/custom_emojis", "");
    ASSERT_EQ(emojis.Size(), 1u);
    EXPECT_STREQ(emojis[0]["shortcode"].GetString(), "blobcat");
    EXPECT_STREQ(emojis[0]["url"].GetString(), "https://x.test/blobcat.png");
    EXPECT_TRUE(emojis[0]["visible_in_picker"].GetBool());

    remote_account("a", "far.test");
    remote_account("b", "far.test");
    remote_account("c", "Other.test");
    auto peers = ok(V::get, "/api/v1/instance/peers", "");
    ASSERT_EQ(peers.Size(), 2u);
    EXPECT_STREQ(peers[0].GetString(), "far.test");
    EXPECT_STREQ(peers[1].GetString(), "other.test");

    post_status(alice_token, R"({"status":"one"})");
    post_status(bob_token, R"({"status":"two"})");
    auto activity = ok(V::get, "/api/v1/instance/activity", "");
    ASSERT_EQ(activity.Size(), 12u);
    EXPECT_STREQ(activity[0]["statuses"].GetString(), "2");
    EXPECT_STREQ(activity[0]["registrations"].GetString(), "2");
    EXPECT_STREQ(activity[1]["statuses"].GetString(), "0");
    long long week0 = std::stoll(activity[0]["week"].GetString()), week1 = std::stoll(activity[1]["week"].GetString());
    EXPECT_EQ(week0 - week1, 7 * 24 * 3600);
    EXPECT_LE(week0, static_cast<long long>(core::to_unix_ms(node.ctx().clock.now()) / 1000));

    for (const char* empty : {"/api/v1/announcements", "/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links"}) {
        auto res = call(V::get, empty, alice_token);
        EXPECT_EQ(res.status, 200) << empty;
        EXPECT_TRUE(parse_document(res.body).IsArray()) << empty;
    }
}

}  // namespace
}  // namespace gesso::test
