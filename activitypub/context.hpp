#pragma once
// What every engine operation needs: the database, id generation, time and the node's identity.
// Shared by all threads: the members are thread-safe (Database, IdGenerator, Clock) or immutable.
#include <chrono>
#include <functional>
#include <string>

#include "activitypub/urls.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/limits.hpp"
#include "media/store.hpp"
#include "storage/database.hpp"
#include "storage/domain_blocks.hpp"

namespace gesso::activitypub {

enum class Registrations { open, approval, closed };

// Requests allowed per window by the API rate limiter (web/rate_limit.hpp); windows are in core/limits.hpp.
struct RateLimitSettings {
    bool enabled = true;
    int per_token = core::limits::kRateLimitPerToken;  // /api/ and /oauth/ per access token
    int per_ip = core::limits::kRateLimitPerIp;        // /api/ and /oauth/ per client address
    int media = core::limits::kRateLimitMedia;         // POST /api/v1|v2/media per token
    int statuses = core::limits::kRateLimitStatuses;   // POST /api/v1/statuses per token
    int sign_in = core::limits::kRateLimitSignIn;      // POST /oauth/token and the login form per address
};

struct NodeSettings {
    std::string title = "Gesso";
    Registrations registrations = Registrations::closed;
    // Accepted difference between a signed request's Date and our clock.
    std::chrono::seconds signature_max_skew{3600};
    // How long a fetched remote actor is trusted before it is fetched again.
    std::chrono::seconds actor_cache_ttl{24 * 3600};
    // GETs of actors, objects and collections must carry a valid HTTP signature (web/federation/actors.cpp).
    bool authorized_fetch = true;
    // open: federate with every domain not suspended; allowlist: only with domains on the allowlist.
    storage::FederationMode federation_mode = storage::FederationMode::open;
    // Long edge of the served "full" derivative of every image (config media_full_long_edge).
    int media_full_long_edge = core::limits::kDefaultFullLongEdge;
    RateLimitSettings rate_limits;
};

class Transport;
class EventSink;

struct Context {
    Context(storage::Database& database, core::IdGenerator& id_generator, const core::Clock& time, NodeUrls node_urls,
            NodeSettings node_settings = {})
        : db(database), ids(id_generator), clock(time), urls(std::move(node_urls)),
          settings(std::move(node_settings)) {}

    storage::Database& db;
    core::IdGenerator& ids;
    const core::Clock& clock;
    NodeUrls urls;
    NodeSettings settings;
    // The network (web/client in production). Null: the engine cannot fetch or deliver.
    Transport* transport = nullptr;
    // Where images and their derivatives live (config media_dir). Null: uploads are refused and remote
    // attachments keep their remote URL.
    media::MediaStore* media = nullptr;
    // Called after work was queued (an inbox job, an outbox job), to wake the federation workers.
    std::function<void()> wake_workers;
    // Live clients (web/streaming). Null: nothing is announced. See activitypub/events.hpp.
    EventSink* events = nullptr;
};

}  // namespace gesso::activitypub
