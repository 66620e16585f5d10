#include "web/noai/entity_rights.hpp"

#include "core/protection.hpp"
#include "storage/account_settings.hpp"

namespace gesso::web::noai {

StatusRights status_rights(const core::Status& status, bool author_indexable,
                           const std::optional<core::ProtectionSettings>& local_author_settings) {
    StatusRights r{status.x_robots_tag, status.license, author_indexable};
    if (status.local && local_author_settings) {
        if (r.x_robots_tag.empty()) r.x_robots_tag = core::robots_tag_for(local_author_settings->data_mining);
        if (r.license.empty()) r.license = local_author_settings->license;
    }
    return r;
}

StatusRights status_rights(storage::Connection& conn, const core::Status& status,
                           const std::optional<core::Account>& author) {
    std::optional<core::ProtectionSettings> settings;
    if (status.local && (status.x_robots_tag.empty() || status.license.empty())) {
        settings = storage::find_local_author_protection(conn, status.id);
    }
    return status_rights(status, author && author->indexable, settings);
}

void write_status_rights(core::JsonWriter& w, const StatusRights& r) {
    w.key("gesso").begin_object();
    if (r.x_robots_tag.empty()) w.key("x_robots_tag").null();
    else w.field("x_robots_tag", r.x_robots_tag);
    if (r.license.empty()) w.key("license").null();
    else w.field("license", r.license);
    w.field("indexable", r.indexable);
    w.end_object();
}

}  // namespace gesso::web::noai
