#include "server/federation_workers.hpp"

#include "activitypub/federation.hpp"
#include "core/log.hpp"

namespace gesso::server {

FederationWorkers::FederationWorkers(activitypub::Context& ctx, int threads) : ctx_(ctx) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

FederationWorkers::~FederationWorkers() { stop(); }

void FederationWorkers::wake() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    cv_.notify_all();
}

void FederationWorkers::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

void FederationWorkers::run() {
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            pending_ = false;
        }
        int done = 0;
        try {
            done = activitypub::pump_once(ctx_).total();
        } catch (const std::exception& e) {
            GESSO_LOG(error) << "federation worker: " << e.what();
        }
        if (done > 0) continue;
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_ || pending_; });
    }
}

}  // namespace gesso::server
