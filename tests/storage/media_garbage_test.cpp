// storage/media (the media_garbage queue: files leave the disk only after the change that dropped their rows
// commits) and storage/post_rights (a post's own protection choices over its author's settings).
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/account_settings.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "storage/post_rights.hpp"
#include "storage/statuses.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

class MediaGarbage : public MigratedDatabase {
protected:
    core::Status post(const core::Account& author) {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.content = "<p>hello</p>";
        s.local = author.is_local();
        s.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::insert_status(conn, s); });
        return s;
    }
    // A processed attachment of `author`: a local upload has a private original, a remote one a URL.
    core::MediaAttachment media(const core::Account& author, std::optional<core::Id> status_id) {
        core::MediaAttachment m;
        m.id = next_id();
        m.account_id = author.id;
        m.status_id = status_id;
        m.file_path = std::to_string(m.id) + "-0123456789abcdef.png";
        if (author.is_local()) m.original_path = std::to_string(m.id) + "-0123456789abcdef.orig";
        else m.remote_url = "https://far.example/files/" + std::to_string(m.id) + ".png";
        m.created_at = fixed_now();
        db.write([&](Connection& conn) {
            storage::insert_media(conn, m);
            storage::put_media_hash(conn, m.id, std::string(64, 'a'), 90);
        });
        return m;
    }
    std::vector<std::pair<std::string, std::string>> queued() {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& g : db.read([](Connection& c) { return storage::list_media_garbage(c, 100); })) {
            out.emplace_back(g.area, g.name);
        }
        return out;
    }
    std::optional<core::MediaAttachment> row(core::Id id) {
        return db.read([&](Connection& c) { return storage::find_media(c, id); });
    }

    core::Account alice = insert_local_user("alice");
    core::Account zed = insert_remote("zed", "far.example");
};

using Queue = std::vector<std::pair<std::string, std::string>>;

TEST_F(MediaGarbage, DeletingARemotePostDropsItsAttachmentsAndQueuesTheirCachedFiles) {
    core::Status s = post(zed);
    core::MediaAttachment m = media(zed, s.id);
    db.write([&](Connection& c) { storage::mark_status_deleted(c, s.id, fixed_now()); });
    EXPECT_FALSE(row(m.id));
    EXPECT_EQ(queued(), (Queue{{"cache", m.file_path}}));
    auto hashes = db.read([](Connection& c) { return storage::all_media_hashes(c); });
    EXPECT_TRUE(hashes.empty());
}

TEST_F(MediaGarbage, DeletingALocalPostDetachesItsUploadsUntilTheyGoStale) {
    core::Status s = post(alice);
    core::MediaAttachment m = media(alice, s.id);
    core::MediaAttachment fresh = media(alice, std::nullopt);
    auto deleted_at = fixed_now() + hours(48);
    db.write([&](Connection& c) { storage::mark_status_deleted(c, s.id, deleted_at); });
    auto kept = row(m.id);
    ASSERT_TRUE(kept) << "kept for a redraft";
    EXPECT_FALSE(kept->status_id);
    EXPECT_TRUE(queued().empty());
    // Stale by the time it was detached, not by its upload: the deleted post's upload is not stale a day after
    // its upload time, only a day after the delete.
    auto stale = [&](core::TimePoint cutoff) {
        return db.read([&](Connection& c) { return storage::stale_unattached_media(c, cutoff, 10); });
    };
    EXPECT_EQ(stale(deleted_at), (std::vector<core::Id>{fresh.id}));
    EXPECT_EQ(stale(deleted_at + seconds(1)), (std::vector<core::Id>{m.id, fresh.id}));
    db.write([&](Connection& c) { storage::discard_media(c, m.id); });
    EXPECT_EQ(queued(), (Queue{{"files", m.file_path}, {"originals", m.original_path}}));
}

TEST_F(MediaGarbage, ATransactionThatFailsQueuesNothingAndKeepsTheRows) {
    core::Status s = post(zed);
    core::MediaAttachment m = media(zed, s.id);
    EXPECT_THROW(db.write([&](Connection& c) {
                     storage::mark_status_deleted(c, s.id, fixed_now());
                     throw std::runtime_error("the process dies before the commit");
                 }),
                 std::runtime_error);
    auto kept = row(m.id);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->status_id, s.id);
    EXPECT_TRUE(queued().empty());
}

TEST_F(MediaGarbage, AQueuedFileIsForgottenOnlyWhenAsked) {
    db.write([](Connection& c) {
        storage::queue_media_file(c, "files", "1-0123456789abcdef.jpg");
        storage::queue_media_file(c, "cache", "2-0123456789abcdef.jpg");
    });
    auto first = db.read([](Connection& c) { return storage::list_media_garbage(c, 1); });
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].name, "1-0123456789abcdef.jpg");
    db.write([&](Connection& c) { storage::forget_media_garbage(c, first[0].id); });
    EXPECT_EQ(queued(), (Queue{{"cache", "2-0123456789abcdef.jpg"}}));
    EXPECT_THROW(db.write([](Connection& c) { storage::queue_media_file(c, "elsewhere", "x"); }), std::exception);
}

TEST_F(MediaGarbage, APostsOwnChoicesOverrideItsAuthorsSettingsFieldByField) {
    core::Status s = post(alice);
    core::ProtectionSettings mine;
    mine.license = "https://creativecommons.org/licenses/by/4.0/";
    db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, mine, fixed_now()); });
    auto effective = [&] { return *db.read([&](Connection& c) { return storage::find_local_author_protection(c, s.id); }); };
    EXPECT_EQ(effective().data_mining, "DMI-PROHIBITED-AIMLTRAINING");

    storage::PostRights own;
    own.data_mining = "DMI-ALLOWED";
    own.license = "";  // all rights reserved for this post
    db.write([&](Connection& c) { storage::save_post_rights(c, s.id, own); });
    EXPECT_EQ(effective().data_mining, "DMI-ALLOWED");
    EXPECT_EQ(effective().license, "");
    auto back = db.read([&](Connection& c) { return storage::find_post_rights(c, s.id); });
    EXPECT_EQ(back.data_mining, std::optional<std::string>("DMI-ALLOWED"));
    EXPECT_EQ(back.license, std::optional<std::string>(""));
    EXPECT_FALSE(back.indexable);

    // Listed for tdmrep.json while it differs from the author; not once the author agrees.
    auto listed = db.read([](Connection& c) { return storage::list_post_reservations(c, 10); });
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].status_id, s.id);
    EXPECT_EQ(listed[0].username, "alice");
    EXPECT_EQ(listed[0].author_data_mining, "DMI-PROHIBITED-AIMLTRAINING");
    mine.data_mining = "DMI-ALLOWED";
    db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, mine, fixed_now()); });
    EXPECT_TRUE(db.read([](Connection& c) { return storage::list_post_reservations(c, 10); }).empty());
    EXPECT_EQ(db.read([](Connection& c) { return storage::list_accounts_with_data_mining(c, "DMI-ALLOWED", 10); }),
              (std::vector<std::string>{"alice"}));

    db.write([&](Connection& c) { storage::save_post_rights(c, s.id, {}); });
    EXPECT_TRUE(db.read([&](Connection& c) { return storage::find_post_rights(c, s.id); }).empty());
    EXPECT_EQ(effective().license, mine.license);
}

}  // namespace
}  // namespace gesso::test
