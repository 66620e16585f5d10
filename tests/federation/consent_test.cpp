// Consent that travels: an artist's licence and AI-training reservation on a.test reach b.test with the post (and
// its attachment), are kept there, shown by b's client API and re-emitted in b's headers; an account on a.test
// that opted in is served without any reservation on both nodes.
#include <gtest/gtest.h>

#include "activitypub/federation.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/protection.hpp"
#include "activitypub/outbox.hpp"
#include "storage/accounts.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"
#include "support/json.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

constexpr const char* kByNcNd = "https://creativecommons.org/licenses/by-nc-nd/4.0/";

class Consent : public ::testing::Test {
protected:
    Consent() {
        alice = pair.a().create_account("alice");
        carol = pair.a().create_account("carol");
        bob = pair.b().create_account("bob");
    }

    HttpResult fetch(TestNode& node, const std::string& host, const std::string& target) {
        HttpCall call;
        call.target = target;
        return https_request(node.port(), call, pair.certificates().ca_file.string(), host);
    }

    core::Status post_with_image(const core::Account& author, const std::string& text) {
        core::MediaAttachment image;
        image.id = pair.a().ctx().ids.next();
        image.account_id = author.id;
        image.file_path = "ab/cd/" + author.username + ".png";
        image.mime_type = "image/png";
        image.width = 800;
        image.height = 600;
        image.created_at = pair.clock().now();
        pair.a().db().write([&](Connection& c) { storage::insert_media(c, image); });
        activitypub::PostDraft draft;
        draft.text = text;
        draft.media_ids = {image.id};
        core::Status sent = activitypub::publish_status(pair.a().ctx(), author, draft);
        pair.pump();
        return sent;
    }

    core::Status on_b(const std::string& uri) {
        auto s = pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
        EXPECT_TRUE(s) << uri;
        return s.value_or(core::Status{});
    }

    FederationPair pair;
    core::Account alice, carol, bob;
};

TEST_F(Consent, ALicenceAndAReservationSurviveFederationAndAreShownAndReemittedOnB) {
    activitypub::ProtectionUpdate u;
    u.license = "cc-by-nc-nd-4.0";
    u.data_mining = "DMI-PROHIBITED-GENAIMLTRAINING";
    activitypub::update_protection(pair.a().ctx(), alice.id, u);
    activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/alice");
    pair.pump();
    core::Status sent = post_with_image(alice, "a fox in oils");

    // Kept on b as received.
    core::Status got = on_b(sent.uri);
    EXPECT_EQ(got.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(got.license, kByNcNd);
    auto media = pair.b().db().read([&](Connection& c) { return storage::find_status_media(c, got.id); });
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].license, kByNcNd);
    auto remote_alice =
        pair.b().db().read([&](Connection& c) { return storage::find_account_by_uri(c, pair.a().base() + "/users/alice"); });
    ASSERT_TRUE(remote_alice);
    EXPECT_FALSE(remote_alice->indexable);

    // b's client API shows them, and b's response carries the remote object's reservation as its header.
    auto res = fetch(pair.b(), "b.test", "/api/v1/statuses/" + std::to_string(got.id));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header("x-robots-tag"), "noai, noimageai");
    EXPECT_EQ(res.header("tdm-reservation"), "1");
    rapidjson::Document entity = parse_document(res.body);
    ASSERT_TRUE(entity.HasMember("gesso")) << res.body;
    EXPECT_EQ(std::string(entity["gesso"]["x_robots_tag"].GetString()), "noai, noimageai");
    EXPECT_EQ(std::string(entity["gesso"]["license"].GetString()), kByNcNd);
    EXPECT_FALSE(entity["gesso"]["indexable"].GetBool());
}

TEST_F(Consent, AnOptedInAccountIsServedWithoutReservationOnBothNodes) {
    activitypub::ProtectionUpdate u;
    u.data_mining = "DMI-ALLOWED";
    u.license = "cc-by-4.0";
    u.indexable = true;
    activitypub::update_protection(pair.a().ctx(), carol.id, u);
    activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/carol");
    pair.pump();
    core::Status sent = post_with_image(carol, "free to learn from");

    // On a: the profile page and its headers say nothing of noai.
    auto page = fetch(pair.a(), "a.test", "/@carol");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("x-robots-tag"), "all");
    EXPECT_EQ(page.header("tdm-reservation"), "0");
    EXPECT_EQ(page.body.find("noai"), std::string::npos);
    // ... while alice, next to her on the same node, keeps the default.
    EXPECT_EQ(fetch(pair.a(), "a.test", "/@alice").header("x-robots-tag"), "noai, noimageai");

    // On b: kept as sent, and re-emitted as sent.
    core::Status got = on_b(sent.uri);
    EXPECT_EQ(got.x_robots_tag, "all");
    EXPECT_EQ(got.license, "https://creativecommons.org/licenses/by/4.0/");
    auto res = fetch(pair.b(), "b.test", "/api/v1/statuses/" + std::to_string(got.id));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header("x-robots-tag"), "all");
    EXPECT_EQ(res.header("tdm-reservation"), "0");
    rapidjson::Document entity = parse_document(res.body);
    EXPECT_EQ(std::string(entity["gesso"]["x_robots_tag"].GetString()), "all");
    EXPECT_TRUE(entity["gesso"]["indexable"].GetBool());
}

}  // namespace
}  // namespace gesso::test
