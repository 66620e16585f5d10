// Durable queues: leases, expiry after a crash, retries, fan-out idempotence, per-host fairness, pauses.
#include <gtest/gtest.h>

#include "storage/queues.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono_literals;
using storage::Connection;

class Queues : public MigratedDatabase {
protected:
    Queues() {
        alice = local_account("alice");
        db.write([&](Connection& c) { storage::insert_account(c, alice); });
    }

    core::Id add_job(const std::string& activity_id) {
        storage::OutboxJob job{next_id(), alice.id, activity_id, "{\"id\":\"" + activity_id + "\"}", "{}", 0};
        db.write([&](Connection& c) { storage::enqueue_outbox_job(c, job, fixed_now()); });
        return job.id;
    }

    void add_delivery(core::Id job, const std::string& inbox, const std::string& host) {
        db.write([&](Connection& c) { storage::insert_delivery(c, next_id(), job, inbox, host, fixed_now()); });
    }

    std::vector<storage::Delivery> lease(core::TimePoint now, int limit = 100, int per_host = 100) {
        return db.write([&](Connection& c) { return storage::lease_deliveries(c, now, 60s, limit, per_host); });
    }

    core::Account alice;
};

TEST_F(Queues, DedupeRecordsAnActivityOnce) {
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::mark_activity_seen(c, "https://x/1", fixed_now()); }));
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::mark_activity_seen(c, "https://x/1", fixed_now()); }));
    EXPECT_EQ(db.write([&](Connection& c) { return storage::prune_seen_activities(c, fixed_now() + 1s); }), 1);
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::mark_activity_seen(c, "https://x/1", fixed_now()); }));
}

TEST_F(Queues, InboxJobIsLeasedOnceUntilTheLeaseExpires) {
    storage::InboxJob job{next_id(), "https://r/a/1", "https://r/users/bob", "{}", fixed_now(), 0};
    db.write([&](Connection& c) { storage::enqueue_inbox_job(c, job); });
    auto lease_at = [&](core::TimePoint t) {
        return db.write([&](Connection& c) { return storage::lease_inbox_jobs(c, t, 60s, 10); });
    };
    auto first = lease_at(fixed_now());
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].attempts, 1);
    EXPECT_EQ(first[0].signer_uri, "https://r/users/bob");
    EXPECT_TRUE(lease_at(fixed_now() + 30s).empty());  // still leased by the first worker
    // The worker "crashed": once the lease runs out, another worker gets the job.
    auto again = lease_at(fixed_now() + 61s);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].attempts, 2);
    db.write([&](Connection& c) { storage::retry_inbox_job(c, job.id, fixed_now() + 10min, "boom"); });
    EXPECT_TRUE(lease_at(fixed_now() + 5min).empty());
    EXPECT_EQ(lease_at(fixed_now() + 11min).size(), 1u);
    db.write([&](Connection& c) { storage::finish_inbox_job(c, job.id); });
    EXPECT_TRUE(lease_at(fixed_now() + 1h).empty());
}

TEST_F(Queues, FanOutIsIdempotentAndTheJobEndsWithItsLastDelivery) {
    core::Id job = add_job("https://art.example/a/1");
    auto leased = db.write([&](Connection& c) { return storage::lease_outbox_jobs(c, fixed_now(), 60s, 10); });
    ASSERT_EQ(leased.size(), 1u);
    EXPECT_EQ(leased[0].activity_id, "https://art.example/a/1");
    add_delivery(job, "https://one.test/inbox", "one.test");
    add_delivery(job, "https://two.test/inbox", "two.test");
    add_delivery(job, "https://one.test/inbox", "one.test");  // a second fan-out run adds nothing
    db.write([&](Connection& c) { storage::mark_fanned_out(c, job); });
    EXPECT_EQ(db.read([](Connection& c) { return storage::count_deliveries(c); }), 2);

    auto due = lease(fixed_now());
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].account_id, alice.id);
    EXPECT_EQ(due[0].payload, "{\"id\":\"https://art.example/a/1\"}");
    db.write([&](Connection& c) { storage::finish_delivery(c, due[0].id); });
    EXPECT_EQ(db.read([](Connection& c) { return storage::count_pending_jobs(c, "outbox_jobs"); }), 0);
    bool job_exists = db.read([&](Connection& c) {
        return c.prepare("SELECT 1 FROM outbox_jobs WHERE id = ?").bind(1, job).step();
    });
    EXPECT_TRUE(job_exists);  // still holds the payload for the other delivery
    db.write([&](Connection& c) { storage::finish_delivery(c, due[1].id); });
    job_exists = db.read([&](Connection& c) {
        return c.prepare("SELECT 1 FROM outbox_jobs WHERE id = ?").bind(1, job).step();
    });
    EXPECT_FALSE(job_exists);
}

TEST_F(Queues, AJobWithoutRecipientsEndsWhenFannedOut) {
    core::Id job = add_job("https://art.example/a/2");
    db.write([&](Connection& c) { storage::mark_fanned_out(c, job); });
    bool job_exists = db.read([&](Connection& c) {
        return c.prepare("SELECT 1 FROM outbox_jobs WHERE id = ?").bind(1, job).step();
    });
    EXPECT_FALSE(job_exists);
}

TEST_F(Queues, DeliveriesAreLeasedFairlyPerHost) {
    core::Id job = add_job("https://art.example/a/3");
    for (int i = 0; i < 5; ++i) add_delivery(job, "https://big.test/u" + std::to_string(i) + "/inbox", "big.test");
    add_delivery(job, "https://small.test/inbox", "small.test");
    auto due = lease(fixed_now(), 100, 2);
    ASSERT_EQ(due.size(), 3u);
    int big = 0, small = 0;
    for (const auto& d : due) (d.host == "big.test" ? big : small)++;
    EXPECT_EQ(big, 2);
    EXPECT_EQ(small, 1);
}

TEST_F(Queues, RetriesWaitAndPausedInstancesAreSkipped) {
    core::Id job = add_job("https://art.example/a/4");
    add_delivery(job, "https://down.test/inbox", "down.test");
    add_delivery(job, "https://up.test/inbox", "up.test");
    auto due = lease(fixed_now());
    ASSERT_EQ(due.size(), 2u);
    for (const auto& d : due) {
        db.write([&](Connection& c) { storage::retry_delivery(c, d.id, fixed_now() + 5min, 503, "unavailable"); });
    }
    EXPECT_TRUE(lease(fixed_now() + 1min).empty());
    db.write([&](Connection& c) {
        storage::record_instance_failure(c, "down.test", fixed_now(), fixed_now() + 1h);
    });
    auto later = lease(fixed_now() + 6min);
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0].host, "up.test");
    EXPECT_EQ(later[0].attempts, 2);
    auto health = db.read([](Connection& c) { return storage::find_instance(c, "down.test"); });
    ASSERT_TRUE(health);
    EXPECT_EQ(health->failures, 1);
    db.write([&](Connection& c) { storage::record_instance_success(c, "down.test", fixed_now() + 2h); });
    health = db.read([](Connection& c) { return storage::find_instance(c, "down.test"); });
    EXPECT_EQ(health->failures, 0);
    EXPECT_FALSE(health->paused_until);
    // Unpaused: down.test is due again (up.test too, its lease having run out without an outcome).
    auto resumed = lease(fixed_now() + 2h);
    ASSERT_EQ(resumed.size(), 2u);
    EXPECT_TRUE(resumed[0].host == "down.test" || resumed[1].host == "down.test");
}

TEST_F(Queues, SignatureSchemeIsRememberedPerHost) {
    db.write([&](Connection& c) { storage::set_instance_signature_scheme(c, "fedify.test", "rfc9421"); });
    auto health = db.read([](Connection& c) { return storage::find_instance(c, "fedify.test"); });
    ASSERT_TRUE(health);
    EXPECT_EQ(health->signature_scheme, "rfc9421");
}

}  // namespace
}  // namespace gesso::test
