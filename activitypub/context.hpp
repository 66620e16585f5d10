#pragma once
// What every engine operation needs: the database, id generation, time and the node's identity.
// Shared by all threads: the members are thread-safe (Database, IdGenerator, Clock) or immutable.
#include <string>

#include "activitypub/urls.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "storage/database.hpp"

namespace gesso::activitypub {

enum class Registrations { open, approval, closed };

struct NodeSettings {
    std::string title = "Gesso";
    Registrations registrations = Registrations::closed;
};

struct Context {
    storage::Database& db;
    core::IdGenerator& ids;
    const core::Clock& clock;
    NodeUrls urls;
    NodeSettings settings;
};

}  // namespace gesso::activitypub
