// Images across two real nodes over HTTPS: a post with an image uploaded on a.test arrives on b.test, whose
// federation worker fetches the attachment through its transport, runs the same pipeline and serves its own
// derivative (with b's headers), with the detection result and hash stored; a failed fetch keeps the post and
// the remote URL; reject_media domains are not fetched from at all.
#include <gtest/gtest.h>

#include "activitypub/media_intake.hpp"
#include "activitypub/posting.hpp"
#include "activitypub/outbox.hpp"
#include "activitypub/policy.hpp"
#include "storage/notifications.hpp"
#include "storage/policy_rules.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "support/federation_pair.hpp"
#include "support/http_client.hpp"
#include "unit/media_fixtures.hpp"

namespace gesso::test {
namespace {

namespace fx = gesso::test::media;
using storage::Connection;

class MediaFederation : public ::testing::Test {
protected:
    MediaFederation() {
        alice = pair.a().create_account("alice");
        bob = pair.b().create_account("bob");
        activitypub::follow_account(pair.b().ctx(), bob, pair.a().base() + "/users/alice");
        pair.pump();
        // a stands for a server that accepts AI-marked uploads: its default local rule refusing them is off.
        pair.a().db().write([](Connection& c) { storage::set_policy_rule_enabled(c, 1, false); });
    }

    core::Status post_plain_image(TestNode& node, const core::Account& author, int seed) {
        activitypub::UploadOptions options;
        core::MediaAttachment m =
            activitypub::store_upload(node.ctx(), author, fx::encode(fx::picture(1000, 700, seed), ".png"), options);
        activitypub::PostDraft draft;
        draft.text = "my painting";
        draft.media_ids = {m.id};
        return activitypub::publish_status(node.ctx(), author, draft);
    }

    // alice posts one image (with Automatic1111 parameters in it) publicly; returns the status URI. Gesso
    // strips such markers from what it serves, so a's served file is then replaced by the marked original:
    // a peer that serves files as uploaded, which is what the receiver's detection is for.
    std::string post_image(int seed) {
        std::string png = fx::with_chunk(fx::encode(fx::picture(1000, 700, seed), ".png"),
                                         fx::text_chunk("parameters", "sky\nSteps: 30, Sampler: DPM++, CFG scale: 6, Seed: 9"));
        activitypub::UploadOptions options;
        options.description = "A sky";
        core::MediaAttachment m = activitypub::store_upload(pair.a().ctx(), alice, png, options);
        EXPECT_EQ(m.ai_verdict, "declared");
        pair.a().media().put(gesso::media::StoreArea::files, m.file_path, png);
        activitypub::PostDraft draft;
        draft.text = "new work";
        draft.media_ids = {m.id};
        return activitypub::publish_status(pair.a().ctx(), alice, draft).uri;
    }

    std::vector<core::MediaAttachment> media_on_b(const std::string& status_uri) {
        return pair.b().db().read([&](Connection& c) {
            auto s = storage::find_status_by_uri(c, status_uri);
            return s ? storage::find_status_media(c, s->id) : std::vector<core::MediaAttachment>{};
        });
    }

    HttpResult get_from_b(const std::string& target) {
        return https_request(pair.b().port(), {http::verb::get, target, {}, ""}, pair.certificates().ca_file.string(),
                             "b.test");
    }

    FederationPair pair;
    core::Account alice, bob;
};

TEST_F(MediaFederation, RemoteImageIsFetchedProcessedAndServedByTheReceiver) {
    std::string uri = post_image(41);
    pair.pump();
    auto media = media_on_b(uri);
    ASSERT_EQ(media.size(), 1u);
    const auto& m = media[0];
    EXPECT_EQ(m.remote_url.rfind(pair.a().base() + "/media/", 0), 0u) << m.remote_url;
    ASSERT_FALSE(m.file_path.empty()) << "b cached its own derivative";
    EXPECT_EQ(m.ai_verdict, "declared");
    EXPECT_NE(m.ai_evidence.find("parameters"), std::string::npos) << m.ai_evidence;
    EXPECT_EQ(m.pdq.size(), 64u);
    EXPECT_EQ(m.width, 1000);
    EXPECT_EQ(m.description, "A sky");
    EXPECT_TRUE(m.original_path.empty()) << "remote originals are not kept";
    // The same picture on both nodes: their hashes agree (same pipeline), and b's hash table finds it.
    auto on_a = pair.a().db().read([&](Connection& c) {
        auto s = storage::find_status_by_uri(c, uri);
        return storage::find_status_media(c, s->id);
    });
    ASSERT_EQ(on_a.size(), 1u);
    EXPECT_LE(storage::pdq_hex_distance(on_a[0].pdq, m.pdq), 8);
    auto dupes = pair.b().db().read([&](Connection& c) { return storage::find_near_duplicates(c, on_a[0].pdq, 31); });
    ASSERT_EQ(dupes.size(), 1u);
    EXPECT_EQ(dupes[0].media_id, m.id);

    // b serves it from its own cache, with its own headers, and creator provenance naming alice on a.
    auto served = get_from_b("/media/" + m.file_path);
    ASSERT_EQ(served.status, 200);
    EXPECT_EQ(served.header("content-type"), "image/png");
    EXPECT_EQ(served.header("x-robots-tag"), "noai, noimageai");
    EXPECT_EQ(served.header("tdm-reservation"), "1");
    EXPECT_NE(served.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_NE(served.body.find(pair.a().base() + "/users/alice"), std::string::npos);
    EXPECT_EQ(served.body.find("Sampler"), std::string::npos);
    EXPECT_EQ(fx::decode(served.body).cols, 1000);
    EXPECT_TRUE(std::filesystem::exists(pair.b().data_dir() / "media" / "cache" / m.file_path));
    EXPECT_TRUE(std::filesystem::is_empty(pair.b().data_dir() / "media" / "originals"));

    // b's default rule labels remote AI-generated images once they are analysed, and logs why.
    auto status = pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    ASSERT_TRUE(status);
    EXPECT_EQ(status->spoiler_text, "AI-generated");
    EXPECT_TRUE(status->sensitive);
    auto log = pair.b().db().read([](Connection& c) { return storage::recent_policy_decisions(c, 10); });
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].rule_id, 2);
    EXPECT_EQ(log[0].action, "label");
    EXPECT_EQ(log[0].detail, "ai verdict declared");
    EXPECT_EQ(log[0].subject, uri);

    // Evicted from the cache: b fetches it again, under the same names (rendered statuses keep working).
    const auto cached_file = pair.b().data_dir() / "media" / "cache" / m.file_path;
    pair.b().media().remove(gesso::media::StoreArea::cache, m.file_path);
    pair.b().media().remove(gesso::media::StoreArea::cache, gesso::media::MediaStore::preview_name(m.file_path));
    ASSERT_FALSE(std::filesystem::exists(cached_file));
    auto preview = get_from_b("/media/" + gesso::media::MediaStore::preview_name(m.file_path));
    ASSERT_EQ(preview.status, 200) << preview.header("location");
    EXPECT_EQ(preview.header("x-robots-tag"), "noai, noimageai");
    EXPECT_TRUE(std::filesystem::exists(cached_file)) << "the full copy came back with its preview";
    auto again = get_from_b("/media/" + m.file_path);
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(fx::decode(again.body).cols, 1000);
    EXPECT_NE(again.body.find(pair.a().base() + "/users/alice"), std::string::npos) << "provenance again";

    // When the origin cannot give it back (gone from a too), b sends clients to the origin instead of failing.
    pair.b().media().remove(gesso::media::StoreArea::cache, m.file_path);
    auto on_a_name = on_a[0].file_path;
    pair.a().media().remove(gesso::media::StoreArea::files, on_a_name);
    auto evicted = get_from_b("/media/" + m.file_path);
    EXPECT_EQ(evicted.status, 302);
    EXPECT_EQ(evicted.header("location"), m.remote_url);
    EXPECT_FALSE(std::filesystem::exists(cached_file));
}

TEST_F(MediaFederation, AFailedFetchKeepsThePostAndTheRemoteUrl) {
    std::string uri = post_image(42);
    // a's files vanish before b fetches them: a answers 404.
    for (const auto& e : std::filesystem::directory_iterator(pair.a().data_dir() / "media" / "files")) {
        std::filesystem::remove(e.path());
    }
    pair.pump();
    auto media = media_on_b(uri);
    ASSERT_EQ(media.size(), 1u);
    EXPECT_TRUE(media[0].file_path.empty());
    EXPECT_EQ(media[0].remote_url.rfind(pair.a().base() + "/media/", 0), 0u);
    EXPECT_TRUE(std::filesystem::is_empty(pair.b().data_dir() / "media" / "cache"));
}

TEST_F(MediaFederation, RejectMediaDomainsAreNotFetchedFrom) {
    pair.b().db().write([&](Connection& c) {
        core::DomainBlock block{pair.b().ctx().ids.next(), "a.test", core::DomainSeverity::none, "", pair.clock().now()};
        block.reject_media = true;
        storage::upsert_domain_block(c, block);
    });
    std::string uri = post_image(43);
    pair.pump();
    EXPECT_TRUE(pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri).has_value(); }));
    EXPECT_TRUE(media_on_b(uri).empty());
    EXPECT_TRUE(std::filesystem::is_empty(pair.b().data_dir() / "media" / "cache"));
}

TEST_F(MediaFederation, AnUnmarkedRemoteImageIsNotLabelled) {
    auto s = post_plain_image(pair.a(), alice, 45);
    pair.pump();
    auto status = pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, s.uri); });
    ASSERT_TRUE(status);
    ASSERT_EQ(media_on_b(s.uri).size(), 1u);
    EXPECT_EQ(media_on_b(s.uri)[0].ai_verdict, "unknown");
    EXPECT_EQ(status->spoiler_text, "");
    EXPECT_FALSE(status->sensitive);
}

TEST_F(MediaFederation, ARepostOfALocalArtistsImageAlertsTheArtistAndTheAdmins) {
    auto admin = pair.b().create_account("moderator", true);
    auto original = post_plain_image(pair.b(), bob, 46);  // bob's own work on b
    pair.pump();
    auto other = post_plain_image(pair.a(), alice, 47);  // a different picture: no alert
    auto copy = post_plain_image(pair.a(), alice, 46);   // the same picture, posted by alice on a
    pair.pump();

    auto on_b = [&](const std::string& uri) {
        return pair.b().db().read([&](Connection& c) { return storage::find_status_by_uri(c, uri); });
    };
    auto copy_on_b = on_b(copy.uri);
    ASSERT_TRUE(copy_on_b);
    ASSERT_TRUE(on_b(other.uri));
    auto bobs = pair.b().db().read([&](Connection& c) { return storage::list_notifications(c, bob.id, std::nullopt, 40); });
    int alerts = 0;
    for (const auto& n : bobs) {
        if (n.type != "gesso.repost") continue;
        ++alerts;
        EXPECT_EQ(n.status_id, copy_on_b->id);
    }
    EXPECT_EQ(alerts, 1);
    auto admins = pair.b().db().read([&](Connection& c) { return storage::list_notifications(c, admin.id, std::nullopt, 40); });
    ASSERT_EQ(admins.size(), 1u);
    EXPECT_EQ(admins[0].type, "admin.report");
    ASSERT_TRUE(admins[0].report_id);
    auto comment = pair.b().db().read([&](Connection& c) {
        auto s = c.prepare("SELECT comment, target_account_id FROM reports WHERE id = ?");
        s.bind(1, *admins[0].report_id);
        EXPECT_TRUE(s.step());
        EXPECT_EQ(s.int64(1), copy_on_b->account_id);
        return s.text(0);
    });
    EXPECT_NE(comment.find(original.url), std::string::npos) << comment;
    EXPECT_NE(comment.find(copy_on_b->url.empty() ? copy.uri : copy_on_b->url), std::string::npos) << comment;

    // bob's own post never alerts bob; a local copy by another member of b does.
    auto local_copy = post_plain_image(pair.b(), admin, 46);
    bobs = pair.b().db().read([&](Connection& c) { return storage::list_notifications(c, bob.id, std::nullopt, 40); });
    alerts = 0;
    for (const auto& n : bobs) alerts += n.type == "gesso.repost" && n.status_id == local_copy.id;
    EXPECT_EQ(alerts, 1);
}

TEST_F(MediaFederation, ARepostRuleHoldsBackARemoteRepost) {
    storage::PolicyRule rule;
    rule.match_kind = "repost";
    rule.action = "reject";
    rule.scope = "remote";
    activitypub::add_policy_rule(pair.b().ctx(), rule);
    post_plain_image(pair.b(), bob, 48);
    auto copy = post_plain_image(pair.a(), alice, 48);
    pair.pump();
    // Received, analysed, then taken down by the rule: the post stays a tombstone.
    EXPECT_TRUE(pair.b().db().read([&](Connection& c) { return storage::status_deleted(c, copy.uri); }));
}

}  // namespace
}  // namespace gesso::test
