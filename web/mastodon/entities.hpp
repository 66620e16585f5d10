#pragma once
// Mastodon API entities (https://docs.joinmastodon.org/entities/), rendered from the model. Shared by every
// route group of web/mastodon so each entity has one shape everywhere.
#include "activitypub/context.hpp"
#include "core/json.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::activitypub {
class ActiveFilters;
}

namespace gesso::web::mastodon {

// "user" for local accounts, "user@host" for remote ones.
std::string acct(const core::Account& account);

// The Account entity. `with_source` adds `source` (the owner's own view: verify_credentials and
// update_credentials).
void write_account(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Account& account,
                   bool with_source = false);

// The Status entity as `viewer` sees it (favourited, reblogged, pinned are the viewer's; nullopt: anonymous).
// A boost carries the boosted status in `reblog`. The caller has checked that the viewer may see it.
// With `filters` (the viewer's, for the route's context), `filtered` lists the warn/hide filters that match.
void write_status(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Status& status,
                  std::optional<core::Id> viewer, const activitypub::ActiveFilters* filters = nullptr);

// `statuses` as a JSON array, each as write_status writes it, reading what they show with one query per kind
// for the whole page (storage/status_page.hpp) instead of about twenty per status.
void write_statuses(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                    const std::vector<core::Status>& statuses, std::optional<core::Id> viewer,
                    const activitypub::ActiveFilters* filters = nullptr);

// The Poll entity (voted and own_votes are the viewer's; expired by the node's clock).
void write_poll_entity(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Poll& poll,
                       std::optional<core::Id> viewer);

// The Notification entity as its recipient sees it; false (nothing written) when its sender or status is gone,
// or when one of `filters` (the recipient's "notifications" filters) hides its status (someone else's). Warn
// filters show in the status's `filtered`.
bool write_notification(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                        const core::Notification& n, const activitypub::ActiveFilters* filters = nullptr);

// A page of one recipient's notifications as a JSON array, each as write_notification writes it, reading what
// they show with one query per kind. Returns the ids of those written.
std::vector<core::Id> write_notifications(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn,
                                          const std::vector<core::Notification>& notifications,
                                          const activitypub::ActiveFilters* filters = nullptr);

// The Report entity (entities/Report). `rule_ids` as the reporter gave them (they are not stored).
void write_report(core::JsonWriter& w, activitypub::Context& ctx, storage::Connection& conn, const core::Report& report,
                  const std::vector<std::string>& rule_ids = {});

// What an attachment's `gesso` object says beyond its row, known from its post: the post's xRobotsTag (a remote
// attachment's as received) and whether its owner offers original-size downloads.
struct MediaRightsContext {
    std::string x_robots_tag;       // empty: the attachment's own marks decide (local), or nothing said
    bool originals_offered = false;  // the local owner's allow_original_download
};

// The MediaAttachment entity, with Gesso's `gesso` object (write_media_protection).
void write_media(core::JsonWriter& w, activitypub::Context& ctx, const core::MediaAttachment& media,
                 const MediaRightsContext& rights = {});
// `"gesso": {"ai": {"verdict", "evidence"}, "cloaked", "data_mining", "licence", "pdq", "x_robots_tag",
// "original_url"}` (issues 5 and 6): what the pipeline found and wrote, the rights the served file carries
// (a local upload's own marks; a remote one's post's xRobotsTag), and the original-size download
// (null unless the owner allows it). Unprocessed media (a remote attachment not fetched) show verdict
// "unknown" and null data_mining/pdq.
void write_media_protection(core::JsonWriter& w, activitypub::Context& ctx, const core::MediaAttachment& media,
                            const MediaRightsContext& rights = {});

}  // namespace gesso::web::mastodon
