// Silenced domains and notifications: an account on a silenced domain reaches only the local accounts that
// follow it (activitypub::notify, with the account_silenced() check from storage/domain_blocks).
#include <gtest/gtest.h>

#include "activitypub/notifications.hpp"
#include "storage/domain_blocks.hpp"
#include "storage/follows.hpp"
#include "storage/notifications.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

using storage::Connection;

class SilencedDomains : public ::testing::Test {
protected:
    SilencedDomains() {
        alice = node.create_account("alice");
        loud = node.remote_signer("sub.loud.example", "loud").account;
        calm = node.remote_signer("calm.example", "calm").account;
        core::DomainBlock b;
        b.id = node.ctx().ids.next();
        b.domain = "loud.example";
        b.severity = core::DomainSeverity::silence;
        b.created_at = node.ctx().clock.now();
        node.db().write([&](Connection& c) { storage::upsert_domain_block(c, b); });
    }

    bool notify(const core::Account& from, const char* type) {
        return node.db().write(
            [&](Connection& c) { return activitypub::notify(node.ctx(), c, alice.id, from.id, type); });
    }

    TestNode node;
    core::Account alice, loud, calm;
};

TEST_F(SilencedDomains, StrangersOnASilencedDomainDoNotNotify) {
    EXPECT_FALSE(notify(loud, "mention"));
    EXPECT_FALSE(notify(loud, "follow"));
    EXPECT_TRUE(notify(calm, "mention"));
    EXPECT_TRUE(notify(loud, "admin.report")) << "reports reach the admins whatever the domain";
    auto listed = node.db().read([&](Connection& c) {
        return storage::list_notifications(c, alice.id, std::nullopt, 40);
    });
    EXPECT_EQ(listed.size(), 2u);
}

TEST_F(SilencedDomains, AccountsFollowedOnASilencedDomainStillNotify) {
    core::Follow follow;
    follow.id = node.ctx().ids.next();
    follow.account_id = alice.id;
    follow.target_account_id = loud.id;
    follow.uri = node.base() + "/follows/1";
    follow.accepted = false;
    follow.created_at = node.ctx().clock.now();
    node.db().write([&](Connection& c) { storage::insert_follow(c, follow); });
    EXPECT_FALSE(notify(loud, "mention")) << "a follow request not yet accepted is not following";
    node.db().write([&](Connection& c) { storage::set_follow_accepted(c, follow.id); });
    EXPECT_TRUE(notify(loud, "mention"));
}

}  // namespace
}  // namespace gesso::test
