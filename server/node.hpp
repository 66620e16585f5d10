#pragma once
// One node's runtime objects, opened from a Config: the data directory, the migrated database and the
// engine context. Verbs open a Node, use it, and let it close the database cleanly.
#include <filesystem>
#include <memory>

#include "activitypub/context.hpp"
#include "core/ids.hpp"
#include "media/store.hpp"
#include "server/config.hpp"
#include "storage/database.hpp"

namespace gesso::server {

class Node {
public:
    // Creates data_dir (and the media store, media_dir or data_dir/media) if missing, opens data_dir/gesso.db and applies pending migrations
    // (refusing a newer schema). Throws core::Error with an explanation.
    explicit Node(const Config& config);
    ~Node();

    activitypub::Context& context() { return *context_; }
    storage::Database& database() { return *db_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    int migrations_applied() const { return migrations_applied_; }

private:
    void check_domain(const std::string& domain);

    std::filesystem::path data_dir_;
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<media::MediaStore> media_;
    core::IdGenerator ids_;
    std::unique_ptr<activitypub::Context> context_;
    int migrations_applied_ = 0;
};

// The engine's view of the configuration.
activitypub::NodeSettings settings_from(const Config& config);
activitypub::NodeUrls urls_from(const Config& config);

}  // namespace gesso::server
