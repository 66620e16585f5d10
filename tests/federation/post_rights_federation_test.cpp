// A post's own protection choices across two real nodes (issue 6): alice on a.test keeps her account's
// reservation but opens one post (and its image) to AI training under CC BY; b.test keeps what the Note says,
// shows it in its client API (status and attachment `gesso` objects) and re-emits it on the cached copy of the
// image it serves, while alice's other post keeps the reservation on both nodes.
#include <gtest/gtest.h>

#include "activitypub/media_intake.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/posting.hpp"
#include "core/protection.hpp"
#include "storage/policy_rules.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"
#include "support/json.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;
using storage::Connection;

constexpr const char* kCcBy = "https://creativecommons.org/licenses/by/4.0/";

class PostRightsFederation : public ::testing::Test {
protected:
    PostRightsFederation() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/alice");
        pair.pump();
    }

    // alice posts a real image with her account's defaults for the upload and `rights` for the post.
    core::Status post(int seed, const activitypub::PostRightsChange& rights) {
        auto options = activitypub::with_account_defaults(pair.a().ctx(), alice.id, std::nullopt, std::nullopt, std::nullopt);
        core::MediaAttachment m =
            activitypub::store_upload(pair.a().ctx(), alice, fx::encode(fx::picture(800, 600, seed), ".png"), options);
        activitypub::PostDraft draft;
        draft.text = "painting " + std::to_string(seed);
        draft.media_ids = {m.id};
        draft.rights = rights;
        core::Status sent = activitypub::publish_status(pair.a().ctx(), alice, draft);
        pair.pump();
        return sent;
    }
    HttpResult from_b(const std::string& target) {
        return https_request(pair.b().port(), {http::verb::get, target, {}, ""}, pair.certificates().ca_file.string(),
                             "b.test");
    }
    core::Status on_b(const std::string& uri) {
        auto s = pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
        EXPECT_TRUE(s) << uri;
        return s.value_or(core::Status{});
    }
    std::vector<core::MediaAttachment> media_on_b(core::Id status_id) {
        return pair.b().db().read([&](Connection& c) { return storage::find_status_media(c, status_id); });
    }

    FederationPair pair;
    core::Account alice, bob;
};

TEST_F(PostRightsFederation, APostsOwnChoicesSurviveFederationAndAreReemittedOnTheCachedImage) {
    activitypub::PostRightsChange opening;
    opening.data_mining = "DMI-ALLOWED";
    opening.license = "cc-by-4.0";
    opening.indexable = "true";
    core::Status opened = post(51, opening);
    core::Status reserved = post(52, {});

    // b keeps what each Note said.
    core::Status got = on_b(opened.uri);
    EXPECT_EQ(got.x_robots_tag, "all");
    EXPECT_EQ(got.license, kCcBy);
    core::Status kept = on_b(reserved.uri);
    EXPECT_EQ(kept.x_robots_tag, "noai, noimageai");
    EXPECT_EQ(kept.license, "");
    auto media = media_on_b(got.id);
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].license, kCcBy) << "the attachment's licence travelled too";
    ASSERT_FALSE(media[0].file_path.empty()) << "b cached the image";

    // b's client API shows them on the status and on its attachment.
    auto res = from_b("/api/v1/statuses/" + std::to_string(got.id));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header("x-robots-tag"), "all");
    auto entity = parse_document(res.body);
    EXPECT_STREQ(entity["gesso"]["x_robots_tag"].GetString(), "all");
    EXPECT_STREQ(entity["gesso"]["license"].GetString(), kCcBy);
    const auto& attachment = entity["media_attachments"][0]["gesso"];
    EXPECT_STREQ(attachment["x_robots_tag"].GetString(), "all");
    EXPECT_STREQ(attachment["licence"].GetString(), kCcBy);
    EXPECT_TRUE(attachment["original_url"].IsNull());

    // b serves its cached copy with the remote object's rights, not its own default...
    auto served = from_b("/media/" + media[0].file_path);
    ASSERT_EQ(served.status, 200);
    EXPECT_EQ(served.header("x-robots-tag"), "all");
    EXPECT_EQ(served.header("tdm-reservation"), "0");
    EXPECT_EQ(served.header("link"), std::string("<") + kCcBy + ">; rel=\"license\"");
    EXPECT_NE(served.body.find("DMI-ALLOWED"), std::string::npos) << "b's copy carries the post's marks";
    EXPECT_NE(served.body.find(kCcBy), std::string::npos);
    // ... and the reserved post's image with the reservation.
    auto reserved_media = media_on_b(kept.id);
    ASSERT_EQ(reserved_media.size(), 1u);
    auto closed = from_b("/media/" + reserved_media[0].file_path);
    ASSERT_EQ(closed.status, 200);
    EXPECT_EQ(closed.header("x-robots-tag"), "noai, noimageai");
    EXPECT_EQ(closed.header("tdm-reservation"), "1");
    EXPECT_TRUE(closed.header("link").empty());
    EXPECT_NE(closed.body.find("DMI-PROHIBITED-AIMLTRAINING"), std::string::npos);

    // On a, the opened post's image says so in its file; the other keeps alice's reservation.
    auto on_a = pair.a().db().read([&](Connection& c) { return storage::find_status_media(c, opened.id); });
    ASSERT_EQ(on_a.size(), 1u);
    EXPECT_EQ(on_a[0].data_mining, std::string(core::kPlusVocabulary) + "DMI-ALLOWED");
    auto file_on_a = pair.a().media().read_served(gesso::media::StoreArea::files, on_a[0].file_path);
    ASSERT_TRUE(file_on_a);
    EXPECT_NE(file_on_a->find("DMI-ALLOWED"), std::string::npos);
    EXPECT_NE(file_on_a->find(kCcBy), std::string::npos);
}

}  // namespace
}  // namespace gesso::test
