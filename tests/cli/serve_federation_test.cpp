// `gesso serve` federates on its own: its outbound client and federation worker threads answer a Follow from
// another node (an in-process TestNode) with an Accept, without anything pumping its queues by hand.
#include <signal.h>

#include <thread>

#include "activitypub/federation.hpp"
#include "activitypub/outbox.hpp"
#include "cli_fixture.hpp"
#include "storage/follows.hpp"
#include "support/test_node.hpp"

namespace gesso::test {
namespace {

class ServeFederation : public GessoCli {};

TEST_F(ServeFederation, AServedNodeAcceptsAFollowThroughItsWorkers) {
    std::uint16_t port = free_loopback_port();
    domain = "127.0.0.1:" + std::to_string(port);
    ASSERT_EQ(gesso({"admin", "account", "create", "alice", "--email", "alice@example.test", "--password",
                     "correct horse battery"})
                  .exit_code,
              0);
    Child server(command({"--listen", domain, "--allow_private_addresses", "true", "serve"}));
    ASSERT_FALSE(server.wait_for_line("serving").empty());

    TestNode other;  // plain http on 127.0.0.1
    other.enable_federation("", {});
    core::Account bob = other.create_account("bob");
    std::string alice_uri = "http://" + domain + "/users/alice";
    activitypub::follow_account(other.ctx(), bob, alice_uri);  // fetches alice's actor from the process
    activitypub::pump_once(other.ctx());                        // delivers the Follow to the process

    // The process answers asynchronously: wait (bounded) for its Accept to reach our inbox, then apply it.
    bool accepted = false;
    for (int i = 0; i < 500 && !accepted; ++i) {
        activitypub::pump_once(other.ctx());
        accepted = other.db().read([&](storage::Connection& c) {
            auto alice = storage::find_account_by_uri(c, alice_uri);
            auto follow = alice ? storage::find_follow(c, bob.id, alice->id) : std::nullopt;
            return follow && follow->accepted;
        });
        if (!accepted) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(accepted) << "the served node never accepted the follow";
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait(), 0);
}

}  // namespace
}  // namespace gesso::test
