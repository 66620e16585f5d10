#include "server/node.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/migrations.hpp"
#include "storage/settings.hpp"

namespace gesso::server {

activitypub::NodeSettings settings_from(const Config& config) {
    activitypub::NodeSettings s;
    s.title = config.title;
    s.media_full_long_edge = config.media_full_long_edge;
    if (config.registrations == "open") s.registrations = activitypub::Registrations::open;
    else if (config.registrations == "approval") s.registrations = activitypub::Registrations::approval;
    else s.registrations = activitypub::Registrations::closed;
    s.authorized_fetch = config.authorized_fetch;
    s.rate_limits.enabled = config.rate_limits;
    s.rate_limits.per_token = config.rate_limit_per_token;
    s.rate_limits.per_ip = config.rate_limit_per_ip;
    s.rate_limits.media = config.rate_limit_media;
    s.rate_limits.statuses = config.rate_limit_statuses;
    s.rate_limits.sign_in = config.rate_limit_sign_in;
    s.federation_mode =
        config.federation_mode == "allowlist" ? storage::FederationMode::allowlist : storage::FederationMode::open;
    return s;
}

activitypub::NodeUrls urls_from(const Config& config) {
    return {config.insecure_http ? "http" : "https", config.domain};
}

// Every id the node ever issued embeds its domain: the data directory stays bound to the first one.
void Node::check_domain(const std::string& domain) {
    db_->write([&](storage::Connection& conn) {
        auto stored = storage::get_setting(conn, "domain");
        if (!stored) {
            storage::set_setting(conn, "domain", core::to_lower_ascii(domain));
        } else if (*stored != core::to_lower_ascii(domain)) {
            throw core::Error(core::Errc::unavailable,
                              "the data directory " + data_dir_.string() + " belongs to the domain " + *stored +
                                  ", not " + domain + ": a node's domain cannot change, because every id it has "
                                  "published contains it. Use --domain " + *stored + " or another data_dir.");
        }
    });
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
    check_domain(config.domain);
    context_ = std::make_unique<activitypub::Context>(
        activitypub::Context{*db_, ids_, core::system_clock(), urls_from(config), settings_from(config)});
    std::filesystem::path media_dir = config.media_dir.empty() ? data_dir_ / "media" : std::filesystem::path(config.media_dir);
    media_ = std::make_unique<media::MediaStore>(media_dir,
                                                 static_cast<std::uint64_t>(config.media_cache_mb) * 1024 * 1024);
    context_->media = media_.get();
}

Node::~Node() {
    if (db_) db_->close();
}

}  // namespace gesso::server
