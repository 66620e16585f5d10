// The storage the admin pages read and change: the paged, searchable account list (pending sign-ups first),
// deleting a pending sign-up only, report resolution, the federation-health numbers (queue depth, failing
// instances with their last error, deliveries given up) and the node counts.
#include <gtest/gtest.h>

#include "storage/accounts.hpp"
#include "storage/federation_health.hpp"
#include "storage/notifications.hpp"
#include "storage/queues.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

class AdminQueries : public MigratedDatabase {
protected:
    core::Account insert_pending(const std::string& username) {
        core::Account a = local_account(username);
        core::User u = user_for(a);
        u.approved = false;
        db.write([&](Connection& c) {
            storage::insert_account(c, a);
            storage::insert_user(c, u);
        });
        return a;
    }
    std::vector<std::string> names(const std::string& search, int offset, int limit) {
        std::vector<std::string> out;
        for (const auto& u : db.read([&](Connection& c) { return storage::list_local_users_page(c, search, offset, limit); })) {
            out.push_back(u.account.username);
        }
        return out;
    }
};

TEST_F(AdminQueries, AccountListPutsPendingFirstSearchesAndPages) {
    insert_local_user("alice");
    insert_local_user("bob");
    insert_pending("zoe");
    insert_remote("alice", "elsewhere.example");  // remote accounts have no login: never listed
    EXPECT_EQ(names("", 0, 10), (std::vector<std::string>{"zoe", "alice", "bob"}));
    EXPECT_EQ(names("", 1, 1), (std::vector<std::string>{"alice"}));
    EXPECT_EQ(names("BO", 0, 10), (std::vector<std::string>{"bob"}));
    EXPECT_EQ(names("zoe@example", 0, 10), (std::vector<std::string>{"zoe"})) << "e-mail matches";
    EXPECT_TRUE(names("%", 0, 10).empty()) << "the search is literal, not a LIKE pattern";
}

TEST_F(AdminQueries, DeletingAPendingAccountLeavesApprovedOnesAlone) {
    auto alice = insert_local_user("alice");
    auto zoe = insert_pending("zoe");
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::delete_pending_account(c, alice.id); }));
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::delete_pending_account(c, zoe.id); }));
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::find_account(c, zoe.id); }));
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::find_user_by_account(c, zoe.id); }));
    EXPECT_TRUE(db.read([&](Connection& c) { return storage::find_account(c, alice.id); }));
}

TEST_F(AdminQueries, ReportsResolveAndReopen) {
    auto alice = insert_local_user("alice");
    auto bad = insert_remote("bad", "spam.example");
    core::Report r;
    r.id = next_id();
    r.account_id = alice.id;
    r.target_account_id = bad.id;
    r.comment = "spam";
    r.created_at = fixed_now();
    db.write([&](Connection& c) { storage::insert_report(c, r); });
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::set_report_action_taken(c, r.id, fixed_now() + hours(1)); }));
    EXPECT_TRUE(db.read([&](Connection& c) { return storage::list_open_reports(c, 10); }).empty());
    auto resolved = db.read([&](Connection& c) { return storage::list_resolved_reports(c, 10); });
    ASSERT_EQ(resolved.size(), 1u);
    EXPECT_EQ(resolved[0].action_taken_at, fixed_now() + hours(1));
    EXPECT_TRUE(db.write([&](Connection& c) { return storage::set_report_action_taken(c, r.id, std::nullopt); }));
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::find_report(c, r.id); })->action_taken_at);
    EXPECT_FALSE(db.write([&](Connection& c) { return storage::set_report_action_taken(c, r.id + 1, fixed_now()); }));
}

TEST_F(AdminQueries, FederationHealthCountsTheQueueAndFailingInstances) {
    auto alice = insert_local_user("alice");
    insert_remote("a", "one.example");
    insert_remote("b", "ONE.example");
    insert_remote("c", "two.example");
    core::TimePoint now = fixed_now();
    db.write([&](Connection& c) {
        storage::OutboxJob job{next_id(), alice.id, "https://art.example/a/1", "{}", "{}", 0};
        storage::enqueue_outbox_job(c, job, now);
        storage::insert_delivery(c, next_id(), job.id, "https://one.example/inbox", "one.example", now);
        storage::insert_delivery(c, next_id(), job.id, "https://two.example/inbox", "two.example", now);
        storage::record_instance_failure(c, "one.example", now, now + minutes(10));
        storage::record_instance_failure(c, "one.example", now, std::nullopt);
        storage::record_delivery_error(c, "one.example", "HTTP 503", false);
        storage::record_instance_failure(c, "three.example", now, std::nullopt);
        storage::record_delivery_error(c, "three.example", std::string(299, 'x') + "\xC3\xA9", true);
        storage::record_instance_success(c, "two.example", now);
    });
    // Leasing counts an attempt: two.example's delivery, tried and retried, is "retrying"; one.example is paused,
    // so its delivery stays "pending".
    db.write([&](Connection& c) {
        auto leased = storage::lease_deliveries(c, now + minutes(2), milliseconds(1000), 1, 1);
        ASSERT_EQ(leased.size(), 1u);
        storage::retry_delivery(c, leased[0].id, now + minutes(5), 503, "HTTP 503");
    });
    auto q = db.read([](Connection& c) { return storage::delivery_queue_depth(c); });
    EXPECT_EQ(q.pending + q.retrying, 2);
    EXPECT_EQ(q.retrying, 1);
    EXPECT_EQ(q.dead, 1);
    EXPECT_EQ(q.outbox_jobs, 1);
    auto failing = db.read([](Connection& c) { return storage::failing_instances(c, 10); });
    ASSERT_EQ(failing.size(), 2u);
    EXPECT_EQ(failing[0].host, "one.example");
    EXPECT_EQ(failing[0].failures, 2);
    EXPECT_EQ(failing[0].last_error, "HTTP 503");
    EXPECT_EQ(failing[0].paused_until, now + minutes(10));
    EXPECT_EQ(failing[0].queued, 1);
    EXPECT_EQ(failing[1].host, "three.example");
    EXPECT_EQ(failing[1].dropped, 1);
    EXPECT_EQ(failing[1].last_error, std::string(299, 'x')) << "cut at 300 bytes, not inside a UTF-8 sequence";
    auto counts = db.read([](Connection& c) { return storage::node_counts(c); });
    EXPECT_EQ(counts.local_accounts, 1);
    EXPECT_EQ(counts.remote_accounts, 3);
    EXPECT_EQ(counts.known_instances, 2) << "domains compare case-insensitively";
}

}  // namespace
}  // namespace gesso::test
