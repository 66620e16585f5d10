#pragma once
// Threads that run the federation steps (inbox, fan-out, delivery) in a loop. They sleep when there is no
// work, up to a second at a time (to pick up retries that become due), and wake at once when work is queued.
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "activitypub/context.hpp"

namespace gesso::server {

class FederationWorkers {
public:
    FederationWorkers(activitypub::Context& ctx, int threads);
    ~FederationWorkers();
    FederationWorkers(const FederationWorkers&) = delete;
    FederationWorkers& operator=(const FederationWorkers&) = delete;

    void wake();
    // Finishes the current step of each thread and joins them. Leased work not finished is retried after its
    // lease runs out (by this process after a restart, or another one).
    void stop();

private:
    void run();

    activitypub::Context& ctx_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool pending_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace gesso::server
