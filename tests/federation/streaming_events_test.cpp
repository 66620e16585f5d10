// Federated arrivals reach local streaming clients: a post and its delete sent by a.test reach the
// user and public streams of an account on b.test, through the hub's real rendering (the socket side is
// covered by tests/component/streaming_test.cpp; here a session records the frames it is given).
#include <gtest/gtest.h>

#include <mutex>

#include "activitypub/outbox.hpp"
#include "core/json_parse.hpp"
#include "storage/accounts.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"
#include "support/json.hpp"
#include "web/streaming/hub.hpp"

namespace gesso::test {
namespace {

class RecordingSession final : public web::streaming::Session {
public:
    using Session::Session;
    void deliver(std::shared_ptr<const web::streaming::Message> message) override {
        std::lock_guard lock(mutex_);
        frames_.push_back(message->text);  // the WebSocket frame
    }
    void shut_down() override {}
    std::vector<std::string> frames() {
        std::lock_guard lock(mutex_);
        return frames_;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> frames_;
};

std::shared_ptr<RecordingSession> listen(TestNode& node, core::Id account, core::Id token, const char* stream) {
    web::streaming::Subscriber sub;
    sub.account_id = account;
    sub.token_id = token;
    sub.initial = web::streaming::StreamSpec{stream, ""};
    auto session = std::make_shared<RecordingSession>(sub);
    EXPECT_TRUE(node.streaming().attach(session));
    return session;
}

TEST(FederatedStreaming, RemotePostsAndDeletesReachLocalStreams) {
    FederationPair pair;
    core::Account alice = pair.a().create_account("alice");
    core::Account bob = pair.b().create_account("bob");
    activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/alice");
    pair.pump();

    auto home = listen(pair.b(), bob.id, 1, "user");
    auto remote = listen(pair.b(), bob.id, 2, "public:remote");
    auto local = listen(pair.b(), bob.id, 3, "public:local");

    core::Status sent =
        activitypub::publish_note(pair.a().ctx(), alice, "<p>hello from a</p>", core::Visibility::public_);
    pair.pump();
    auto arrived = pair.b().db().read([&](storage::Connection& c) { return storage::find_status_by_uri(c, sent.uri); });
    ASSERT_TRUE(arrived);

    auto home_frames = home->frames();
    ASSERT_EQ(home_frames.size(), 1u);
    auto frame = parse_document(home_frames[0]);
    EXPECT_STREQ(frame["stream"][0].GetString(), "user");
    EXPECT_STREQ(frame["event"].GetString(), "update");
    auto status = parse_document(frame["payload"].GetString());
    EXPECT_EQ(status["id"].GetString(), std::to_string(arrived->id));
    EXPECT_EQ(status["uri"].GetString(), sent.uri);
    EXPECT_EQ(status["account"]["acct"].GetString(), "alice@" + pair.a().domain());

    auto remote_frames = remote->frames();
    ASSERT_EQ(remote_frames.size(), 1u);
    EXPECT_STREQ(parse_document(remote_frames[0])["stream"][0].GetString(), "public:remote");
    EXPECT_TRUE(local->frames().empty());  // not a local post on b

    activitypub::delete_local_status(pair.a().ctx(), alice, sent.id);
    pair.pump();
    home_frames = home->frames();
    ASSERT_EQ(home_frames.size(), 2u);
    auto deleted = parse_document(home_frames[1]);
    EXPECT_STREQ(deleted["event"].GetString(), "delete");
    EXPECT_EQ(deleted["payload"].GetString(), std::to_string(arrived->id));
    ASSERT_EQ(remote->frames().size(), 2u);
    EXPECT_STREQ(parse_document(remote->frames()[1])["event"].GetString(), "delete");

    // A redelivery changes nothing and announces nothing.
    pair.pump();
    EXPECT_EQ(home->frames().size(), 2u);
    for (auto* s : {home.get(), remote.get(), local.get()}) pair.b().streaming().detach(s);
}

}  // namespace
}  // namespace gesso::test
