// storage/domain_blocks, storage/statuses and storage/follows.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/statuses.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

// --- domain blocks ---

class DomainBlocks : public MigratedDatabase {
protected:
    core::DomainBlock block(const std::string& domain, core::DomainSeverity severity, const std::string& reason) {
        core::DomainBlock b;
        b.id = next_id();
        b.domain = domain;
        b.severity = severity;
        b.reason = reason;
        b.created_at = fixed_now();
        return b;
    }
    bool upsert(const core::DomainBlock& b) {
        return db.write([&](Connection& conn) { return storage::upsert_domain_block(conn, b); });
    }
    std::optional<core::DomainBlock> find(const std::string& domain) {
        return db.read([&](Connection& conn) { return storage::find_domain_block(conn, domain); });
    }
    bool remove(const std::string& domain) {
        return db.write([&](Connection& conn) { return storage::delete_domain_block(conn, domain); });
    }
    std::vector<std::string> listed_domains() {
        std::vector<std::string> out;
        for (const auto& b : db.read([](Connection& conn) { return storage::list_domain_blocks(conn); })) {
            out.push_back(b.domain);
        }
        return out;
    }
};

TEST_F(DomainBlocks, FirstUpsertCreatesWithEveryField) {
    core::DomainBlock b = block("spam.example", core::DomainSeverity::silence, "bulk spam");
    EXPECT_TRUE(upsert(b));
    auto got = find("spam.example");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, b.id);
    EXPECT_EQ(got->domain, "spam.example");
    EXPECT_EQ(got->severity, core::DomainSeverity::silence);
    EXPECT_EQ(got->reason, "bulk spam");
    EXPECT_EQ(got->created_at, fixed_now());
}

TEST_F(DomainBlocks, SecondUpsertUpdatesSeverityAndReasonButKeepsIdentity) {
    core::DomainBlock first = block("spam.example", core::DomainSeverity::silence, "bulk spam");
    ASSERT_TRUE(upsert(first));
    core::DomainBlock second = block("spam.example", core::DomainSeverity::suspend, "harassment too");
    second.created_at = fixed_now() + hours(1);
    EXPECT_FALSE(upsert(second));
    auto got = find("spam.example");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->severity, core::DomainSeverity::suspend);
    EXPECT_EQ(got->reason, "harassment too");
    EXPECT_EQ(got->id, first.id);
    EXPECT_EQ(got->created_at, fixed_now());
    EXPECT_EQ(count_rows("domain_blocks"), 1);
}

TEST_F(DomainBlocks, DomainsAreCaseInsensitive) {
    ASSERT_TRUE(upsert(block("spam.example", core::DomainSeverity::suspend, "")));
    EXPECT_TRUE(find("SPAM.Example"));
    EXPECT_FALSE(upsert(block("Spam.EXAMPLE", core::DomainSeverity::silence, "again")));
    EXPECT_EQ(count_rows("domain_blocks"), 1);
    EXPECT_EQ(find("spam.example")->severity, core::DomainSeverity::silence);
    EXPECT_TRUE(remove("SPAM.EXAMPLE"));
    EXPECT_FALSE(find("spam.example"));
}

TEST_F(DomainBlocks, NoSubdomainOrSuffixMatching) {
    ASSERT_TRUE(upsert(block("spam.example", core::DomainSeverity::suspend, "")));
    EXPECT_FALSE(find("example"));
    EXPECT_FALSE(find("eggs.spam.example"));
    EXPECT_FALSE(find("spam.example."));
}

TEST_F(DomainBlocks, DeleteReportsWhetherThereWasABlock) {
    EXPECT_FALSE(remove("never.example"));
    ASSERT_TRUE(upsert(block("spam.example", core::DomainSeverity::suspend, "")));
    ASSERT_TRUE(upsert(block("keep.example", core::DomainSeverity::suspend, "")));
    EXPECT_TRUE(remove("spam.example"));
    EXPECT_FALSE(remove("spam.example"));
    EXPECT_EQ(listed_domains(), std::vector<std::string>{"keep.example"});
}

TEST_F(DomainBlocks, ListedAlphabeticallyIgnoringCase) {
    for (const char* d : {"c.example", "A.example", "b.example", "aa.example"}) {
        ASSERT_TRUE(upsert(block(d, core::DomainSeverity::suspend, "")));
    }
    EXPECT_EQ(listed_domains(), (std::vector<std::string>{"A.example", "aa.example", "b.example", "c.example"}));
}

TEST_F(DomainBlocks, ListCarriesSeverityAndReason) {
    ASSERT_TRUE(upsert(block("b.example", core::DomainSeverity::suspend, "")));
    ASSERT_TRUE(upsert(block("a.example", core::DomainSeverity::silence, "why: \"reasons\"\n")));
    auto blocks = db.read([](Connection& conn) { return storage::list_domain_blocks(conn); });
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0].severity, core::DomainSeverity::silence);
    EXPECT_EQ(blocks[0].reason, "why: \"reasons\"\n");
    EXPECT_EQ(blocks[1].severity, core::DomainSeverity::suspend);
    EXPECT_EQ(blocks[1].reason, "");
}

// --- statuses ---

class AliceStatuses : public MigratedDatabase {
protected:
    AliceStatuses() : alice(insert_local_user("alice")), bob(insert_local_user("bob")) {}

    core::Status post(const core::Account& author, core::Visibility visibility, const std::string& content = "x") {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.content = content;
        s.visibility = visibility;
        s.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::insert_status(conn, s); });
        return s;
    }
    void mark_deleted(const core::Status& s) {
        db.write([&](Connection& conn) {
            conn.prepare("UPDATE statuses SET deleted_at = 1 WHERE id = ?").bind(1, s.id).run();
        });
    }
    std::vector<core::Id> page(std::optional<core::Id> max_id, int limit) {
        auto rows = db.read([&](Connection& conn) { return storage::list_public_statuses(conn, alice.id, max_id, limit); });
        std::vector<core::Id> ids_out;
        for (const auto& s : rows) ids_out.push_back(s.id);
        return ids_out;
    }
    std::int64_t count() {
        return db.read([&](Connection& conn) { return storage::count_public_statuses(conn, alice.id); });
    }

    core::Account alice, bob;
};

TEST_F(AliceStatuses, OnlyPublicAndUnlistedAreListedNewestFirst) {
    core::Status p1 = post(alice, core::Visibility::public_);
    core::Status followers_only = post(alice, core::Visibility::followers);
    core::Status u1 = post(alice, core::Visibility::unlisted);
    core::Status direct = post(alice, core::Visibility::direct);
    core::Status p2 = post(alice, core::Visibility::public_);
    post(bob, core::Visibility::public_);
    EXPECT_EQ(page(std::nullopt, 20), (std::vector<core::Id>{p2.id, u1.id, p1.id}));
    EXPECT_EQ(count(), 3);
    (void)followers_only;
    (void)direct;
}

TEST_F(AliceStatuses, DeletedStatusesDisappearFromListAndCount) {
    core::Status keep = post(alice, core::Visibility::public_);
    core::Status gone = post(alice, core::Visibility::public_);
    mark_deleted(gone);
    EXPECT_EQ(page(std::nullopt, 20), std::vector<core::Id>{keep.id});
    EXPECT_EQ(count(), 1);
}

TEST_F(AliceStatuses, PagingByMaxIdIsExclusiveAndLimited) {
    std::vector<core::Id> posted;
    for (int i = 0; i < 5; ++i) posted.push_back(post(alice, core::Visibility::public_).id);
    // newest first: posted[4], posted[3], ...
    EXPECT_EQ(page(std::nullopt, 2), (std::vector<core::Id>{posted[4], posted[3]}));
    EXPECT_EQ(page(posted[3], 2), (std::vector<core::Id>{posted[2], posted[1]}));
    EXPECT_EQ(page(posted[1], 2), std::vector<core::Id>{posted[0]});
    EXPECT_EQ(page(posted[0], 2), std::vector<core::Id>{});
    EXPECT_EQ(page(posted[4] + 1, 1), std::vector<core::Id>{posted[4]});
    EXPECT_EQ(count(), 5);
}

TEST_F(AliceStatuses, EveryStatusFieldRoundTrips) {
    core::Status parent = post(alice, core::Visibility::public_);
    core::Status s;
    s.id = next_id();
    s.account_id = alice.id;
    s.uri = "https://art.example/users/alice/statuses/full";
    s.url = "https://art.example/@alice/full";
    s.content = "<p>caf\xC3\xA9</p>";
    s.spoiler_text = "cw";
    s.visibility = core::Visibility::unlisted;
    s.sensitive = true;
    s.language = "fr";
    s.in_reply_to_id = parent.id;
    s.in_reply_to_uri = parent.uri;
    s.reblog_of_id = parent.id;
    s.local = true;
    s.created_at = fixed_now() + 5ms;
    s.edited_at = fixed_now() + 1h;
    db.write([&](Connection& conn) { storage::insert_status(conn, s); });
    // Read by id: a boost (reblog_of_id) is not listed in the outbox as a post of its own.
    auto found = db.read([&](Connection& conn) { return storage::find_status(conn, s.id); });
    ASSERT_TRUE(found);
    const core::Status& got = *found;
    EXPECT_EQ(got.id, s.id);
    EXPECT_EQ(got.uri, s.uri);
    EXPECT_EQ(got.url, s.url);
    EXPECT_EQ(got.content, s.content);
    EXPECT_EQ(got.spoiler_text, "cw");
    EXPECT_EQ(got.visibility, core::Visibility::unlisted);
    EXPECT_TRUE(got.sensitive);
    EXPECT_EQ(got.language, "fr");
    EXPECT_EQ(got.in_reply_to_id, parent.id);
    EXPECT_EQ(got.in_reply_to_uri, parent.uri);
    EXPECT_EQ(got.reblog_of_id, parent.id);
    EXPECT_TRUE(got.local);
    EXPECT_EQ(got.created_at, s.created_at);
    EXPECT_EQ(got.edited_at, s.edited_at);
}

TEST_F(AliceStatuses, DuplicateUriIsAConflict) {
    core::Status s = post(alice, core::Visibility::public_);
    core::Status copy = s;
    copy.id = next_id();
    try {
        db.write([&](Connection& conn) { storage::insert_status(conn, copy); });
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), core::Errc::conflict);
    }
    EXPECT_EQ(count(), 1);
}

// --- follows ---

class AliceFollows : public MigratedDatabase {
protected:
    AliceFollows() : alice(insert_local_user("alice")) {}

    core::Follow follow(const core::Account& from, const core::Account& to, bool accepted = true) {
        core::Follow f;
        f.id = next_id();
        f.account_id = from.id;
        f.target_account_id = to.id;
        f.uri = from.uri + "#follow-" + std::to_string(f.id);
        f.accepted = accepted;
        f.created_at = fixed_now();
        db.write([&](Connection& conn) { storage::insert_follow(conn, f); });
        return f;
    }
    std::vector<std::string> uris(storage::FollowSide side, std::optional<core::Id> max_id = std::nullopt,
                                  int limit = 20) {
        auto entries = db.read([&](Connection& conn) { return storage::list_follows(conn, alice.id, side, max_id, limit); });
        std::vector<std::string> out;
        for (const auto& e : entries) out.push_back(e.actor_uri);
        return out;
    }
    std::int64_t count(storage::FollowSide side) {
        return db.read([&](Connection& conn) { return storage::count_follows(conn, alice.id, side); });
    }

    core::Account alice;
};

TEST_F(AliceFollows, FollowersAndFollowingAreTheTwoSides) {
    core::Account zed = insert_remote("zed", "far.example");
    core::Account yan = insert_remote("yan", "far.example");
    core::Account xia = insert_remote("xia", "near.example");
    follow(zed, alice);
    follow(yan, alice);
    follow(alice, xia);
    EXPECT_EQ(uris(storage::FollowSide::followers),
              (std::vector<std::string>{"https://far.example/users/yan", "https://far.example/users/zed"}));
    EXPECT_EQ(uris(storage::FollowSide::following), std::vector<std::string>{"https://near.example/users/xia"});
    EXPECT_EQ(count(storage::FollowSide::followers), 2);
    EXPECT_EQ(count(storage::FollowSide::following), 1);
}

TEST_F(AliceFollows, PendingFollowsAreNeitherListedNorCounted) {
    core::Account zed = insert_remote("zed", "far.example");
    core::Account yan = insert_remote("yan", "far.example");
    follow(zed, alice, /*accepted=*/false);
    follow(alice, yan, /*accepted=*/false);
    EXPECT_TRUE(uris(storage::FollowSide::followers).empty());
    EXPECT_TRUE(uris(storage::FollowSide::following).empty());
    EXPECT_EQ(count(storage::FollowSide::followers), 0);
    EXPECT_EQ(count(storage::FollowSide::following), 0);
}

TEST_F(AliceFollows, OtherAccountsFollowsAreNotAlices) {
    core::Account bob = insert_local_user("bob");
    core::Account zed = insert_remote("zed", "far.example");
    follow(zed, bob);
    follow(bob, zed);
    EXPECT_TRUE(uris(storage::FollowSide::followers).empty());
    EXPECT_EQ(count(storage::FollowSide::following), 0);
}

TEST_F(AliceFollows, PagingNewestFirstByFollowId) {
    std::vector<core::Follow> follows;
    for (int i = 0; i < 5; ++i) follows.push_back(follow(insert_remote("f" + std::to_string(i), "far.example"), alice));
    auto entries = [&](std::optional<core::Id> max_id, int limit) {
        return db.read([&](Connection& conn) {
            return storage::list_follows(conn, alice.id, storage::FollowSide::followers, max_id, limit);
        });
    };
    auto first = entries(std::nullopt, 2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].follow_id, follows[4].id);
    EXPECT_EQ(first[0].actor_uri, "https://far.example/users/f4");
    EXPECT_EQ(first[1].follow_id, follows[3].id);
    EXPECT_EQ(uris(storage::FollowSide::followers, first[1].follow_id, 2),
              (std::vector<std::string>{"https://far.example/users/f2", "https://far.example/users/f1"}));
    EXPECT_EQ(uris(storage::FollowSide::followers, follows[1].id, 2),
              std::vector<std::string>{"https://far.example/users/f0"});
    EXPECT_EQ(count(storage::FollowSide::followers), 5);
}

TEST_F(AliceFollows, FollowingTwiceIsAConflict) {
    core::Account zed = insert_remote("zed", "far.example");
    follow(zed, alice);
    try {
        follow(zed, alice);
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), core::Errc::conflict);
    }
    EXPECT_EQ(count(storage::FollowSide::followers), 1);
}

}  // namespace
}  // namespace gesso::test

namespace gesso::test {
namespace {

class AliceBoosts : public MigratedDatabase {};

TEST_F(AliceBoosts, BoostsAreCountedButNotListedAsPostsOfTheirOwn) {
    core::Account alice = local_account("alice");
    db.write([&](Connection& conn) { storage::insert_account(conn, alice); });
    core::Status original;
    original.id = next_id();
    original.account_id = alice.id;
    original.uri = "https://art.example/users/alice/statuses/1";
    original.created_at = fixed_now();
    core::Status boost = original;
    boost.id = next_id();
    boost.uri = "https://art.example/users/alice/statuses/2/activity";
    boost.reblog_of_id = original.id;
    db.write([&](Connection& conn) {
        storage::insert_status(conn, original);
        storage::insert_status(conn, boost);
    });
    auto listed = db.read([&](Connection& conn) { return storage::list_public_statuses(conn, alice.id, std::nullopt, 10); });
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, original.id);
    EXPECT_EQ(db.read([&](Connection& conn) { return storage::count_public_statuses(conn, alice.id); }), 1);
    EXPECT_EQ(db.read([&](Connection& conn) { return storage::count_reblogs(conn, original.id); }), 1);
    auto found = db.read([&](Connection& conn) { return storage::find_reblog(conn, alice.id, original.id); });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, boost.id);
}

}  // namespace
}  // namespace gesso::test
