#include "web/noai/entity_rights.hpp"

#include "core/protection.hpp"
#include "storage/account_settings.hpp"

namespace gesso::web::noai {

StatusRights status_rights(const core::Status& status, bool author_indexable,
                           const std::optional<core::ProtectionSettings>& local_author_settings,
                           const storage::PostRights& own) {
    StatusRights r{status.x_robots_tag, status.license, author_indexable, {}};
    if (status.local && local_author_settings) {
        core::ProtectionSettings settings = *local_author_settings;
        if (own.data_mining) settings.data_mining = *own.data_mining;
        if (own.license) settings.license = *own.license;
        if (r.x_robots_tag.empty()) r.x_robots_tag = core::robots_tag_for(settings.data_mining);
        if (r.license.empty()) r.license = settings.license;
        r.data_mining = settings.data_mining;
    }
    if (own.indexable) r.indexable = *own.indexable;
    return r;
}

StatusRights status_rights(storage::Connection& conn, const core::Status& status,
                           const std::optional<core::Account>& author) {
    if (!status.local) return status_rights(status, author && author->indexable, std::nullopt, {});
    // The status is at hand: read its author's settings and its own choices once each (status_rights merges them).
    return status_rights(status, author && author->indexable, storage::find_protection_settings(conn, status.account_id),
                         storage::find_post_rights(conn, status.id));
}

void write_status_rights(core::JsonWriter& w, const StatusRights& r) {
    w.key("gesso").begin_object();
    if (r.x_robots_tag.empty()) w.key("x_robots_tag").null();
    else w.field("x_robots_tag", r.x_robots_tag);
    if (r.license.empty()) w.key("license").null();
    else w.field("license", r.license);
    w.field("indexable", r.indexable);
    if (r.data_mining.empty()) w.key("data_mining").null();
    else w.field("data_mining", r.data_mining);
    w.end_object();
}

void write_post_rights_source(core::JsonWriter& w, const storage::PostRights& r) {
    w.key("gesso").begin_object();
    if (r.data_mining) w.field("data_mining", *r.data_mining);
    else w.key("data_mining").null();
    if (!r.license) w.key("license").null();
    else if (r.license->empty()) w.field("license", "all-rights-reserved");
    else w.field("license", *r.license);
    if (r.indexable) w.field("indexable", *r.indexable);
    else w.key("indexable").null();
    w.end_object();
}

}  // namespace gesso::web::noai
