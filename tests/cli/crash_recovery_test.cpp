// kill -9 during a fan-out loses no delivery: the restarted process finishes every one.
#include <signal.h>

#include <mutex>
#include <set>
#include <thread>

#include "activitypub/accounts.hpp"
#include "activitypub/outbox.hpp"
#include "cli_fixture.hpp"
#include "storage/follows.hpp"
#include "storage/queues.hpp"
#include "web/router.hpp"
#include "web/server.hpp"

namespace gesso::test {
namespace {

constexpr int kInstances = 40;

// Stands in for 40 remote servers: counts deliveries per Host, answering each slowly so a fan-out takes long
// enough to be interrupted.
class SlowSink {
public:
    SlowSink() {
        router_.add(web::http::verb::post, "/inbox", [this](const web::Request& req) {
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
            {
                std::lock_guard lock(mutex_);
                hosts_.insert(std::string(req.header(web::http::field::host)));
                ++posts_;
            }
            web::Response res{web::http::status::accepted, 11};
            res.prepare_payload();
            return res;
        }, 1024 * 1024);
        web::ServerOptions options;
        options.access_log = false;
        options.worker_threads = 8;
        server_ = std::make_unique<web::HttpServer>(options, router_);
        server_->start();
    }
    std::uint16_t port() const { return server_->port(); }
    std::size_t hosts() {
        std::lock_guard lock(mutex_);
        return hosts_.size();
    }
    int posts() {
        std::lock_guard lock(mutex_);
        return posts_;
    }

private:
    web::Router router_;
    std::unique_ptr<web::HttpServer> server_;
    std::mutex mutex_;
    std::set<std::string> hosts_;
    int posts_ = 0;
};

std::string sink_host(int i) {
    std::string host("sink");
    host += std::to_string(i);
    return host + ".test";
}

class CrashRecovery : public GessoCli {};

TEST_F(CrashRecovery, KillNineDuringFanOutLosesNoDelivery) {
    SlowSink sink;
    std::uint16_t port = free_loopback_port();
    domain = "127.0.0.1:" + std::to_string(port);
    ASSERT_EQ(gesso({"migrate"}).exit_code, 0);

    // Seed the node while it is stopped: alice, 40 followers on 40 instances, and one post to fan out.
    {
        storage::Database db(data_dir + "/gesso.db");
        core::IdGenerator ids;
        activitypub::Context ctx(db, ids, core::system_clock(), {"http", domain});
        core::Account alice = activitypub::create_local_account(ctx, {"alice", "alice@example.test", "correct horse battery"});
        auto now = core::system_clock().now();
        db.write([&](storage::Connection& conn) {
            for (int i = 0; i < kInstances; ++i) {
                core::Account f;
                f.id = ids.next(now);
                f.username = "fan";
                f.domain = sink_host(i);
                f.uri = "http://" + f.domain + "/users/fan";
                f.inbox_url = f.uri + "/inbox";
                f.shared_inbox_url = "http://" + f.domain + "/inbox";
                f.created_at = f.updated_at = now;
                storage::insert_account(conn, f);
                storage::insert_follow(conn, {ids.next(now), f.id, alice.id, f.uri + "#follow", true, now});
            }
        });
        activitypub::publish_note(ctx, alice, "<p>for every fan</p>");
    }

    std::vector<std::string> args = {"--listen", domain, "--allow_private_addresses", "true", "--federation_workers",
                                     "1"};
    for (int i = 0; i < kInstances; ++i) {
        args.push_back("--resolve");
        args.push_back(sink_host(i) + "=127.0.0.1:" + std::to_string(sink.port()));
    }
    args.push_back("serve");

    {
        Child first(command(args));
        ASSERT_FALSE(first.wait_for_line("serving").empty());
        for (int i = 0; i < 1000 && sink.posts() < 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ASSERT_GE(sink.posts(), 5) << "the fan-out did not start";
        first.signal(SIGKILL);
        first.wait();
    }
    ASSERT_LT(sink.hosts(), static_cast<std::size_t>(kInstances)) << "finished before the kill: nothing was tested";

    Child second(command(args));
    ASSERT_FALSE(second.wait_for_line("serving").empty());
    for (int i = 0; i < 3000 && sink.hosts() < static_cast<std::size_t>(kInstances); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(sink.hosts(), static_cast<std::size_t>(kInstances));
    second.signal(SIGTERM);
    EXPECT_EQ(second.wait(), 0);

    storage::Database db(data_dir + "/gesso.db");
    EXPECT_EQ(db.read([](storage::Connection& c) { return storage::count_deliveries(c); }), 0);
}

}  // namespace
}  // namespace gesso::test
