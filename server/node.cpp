#include "server/node.hpp"

#include "core/error.hpp"
#include "storage/migrations.hpp"

namespace gesso::server {

activitypub::NodeSettings settings_from(const Config& config) {
    activitypub::NodeSettings s;
    s.title = config.title;
    if (config.registrations == "open") s.registrations = activitypub::Registrations::open;
    else if (config.registrations == "approval") s.registrations = activitypub::Registrations::approval;
    else s.registrations = activitypub::Registrations::closed;
    return s;
}

activitypub::NodeUrls urls_from(const Config& config) {
    return {config.insecure_http ? "http" : "https", config.domain};
}

Node::Node(const Config& config) : data_dir_(config.data_dir) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir_ / "media", ec);
    if (ec) {
        throw core::Error(core::Errc::unavailable,
                          "cannot create data directory " + (data_dir_ / "media").string() + ": " + ec.message());
    }
    db_ = std::make_unique<storage::Database>((data_dir_ / "gesso.db").string());
    migrations_applied_ = storage::migrate(*db_);
    context_ = std::make_unique<activitypub::Context>(
        activitypub::Context{*db_, ids_, core::system_clock(), urls_from(config), settings_from(config)});
}

Node::~Node() {
    if (db_) db_->close();
}

}  // namespace gesso::server
