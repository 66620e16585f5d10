// Replies in the home timeline, local posts over real HTTP (Mastodon's FeedManager#filter_from_home): a reply
// by someone followed shows only when the reader also follows whom it answers, or it answers the reader, or its
// own author; the reader's own replies always show.
#include <algorithm>

#include "client_api_fixture.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

class HomeReplies : public ClientApi {
protected:
    HomeReplies() {
        carol = node.create_account("carol");
        carol_token = login("carol");
    }
    std::string reply(const std::string& token, const std::string& parent, const std::string& text) {
        return post_status(token, R"({"status":")" + text + R"(","in_reply_to_id":")" + parent + "\"}");
    }
    std::vector<std::string> home(const std::string& token) {
        std::vector<std::string> out;
        auto doc = ok(V::get, "/api/v1/timelines/home", token);
        for (const auto& s : doc.GetArray()) out.emplace_back(s["id"].GetString());
        return out;
    }

    core::Account carol;
    std::string carol_token;
};

TEST_F(HomeReplies, RepliesShowOnlyWhenTheReaderFollowsWhomTheyAnswer) {
    follow(alice.id, bob.id);
    std::string carols = post_status(carol_token, R"({"status":"a sketch"})");
    std::string alices = post_status(alice_token, R"({"status":"a painting"})");
    std::string bobs = post_status(bob_token, R"({"status":"a print"})");

    std::string to_carol = reply(bob_token, carols, "nice sketch");   // alice does not follow carol: out
    std::string to_alice = reply(bob_token, alices, "nice painting");  // answers alice: in
    std::string thread = reply(bob_token, bobs, "a detail");           // bob's own thread: in
    std::string own = reply(alice_token, carols, "I like it too");    // alice's own reply: in
    EXPECT_EQ(home(alice_token), (std::vector<std::string>{own, thread, to_alice, bobs, alices}));
    (void)to_carol;

    // Following carol too: bob's next reply to her shows (and carol's own new posts).
    follow(alice.id, carol.id);
    std::string later = reply(bob_token, carols, "still thinking of it");
    auto after = home(alice_token);
    ASSERT_FALSE(after.empty());
    EXPECT_EQ(after.front(), later);
    EXPECT_EQ(std::count(after.begin(), after.end(), to_carol), 0);  // nothing is added afterwards

    // Bob's home (he follows nobody) holds only his own posts and replies.
    EXPECT_EQ(home(bob_token), (std::vector<std::string>{later, thread, to_alice, to_carol, bobs}));
}

}  // namespace
}  // namespace gesso::test
