// GET /api/v1/instance (also with a trailing slash, as Mastodon.py asks), GET /api/v2/instance
#include "activitypub/node_profile.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/version.hpp"
#include "storage/accounts.hpp"
#include "web/mastodon/routes.hpp"

namespace gesso::web::mastodon {

namespace {

// Clients parse the version to decide what they may call: claim the Mastodon API level Gesso implements.
std::string version() { return std::string("4.3.0 (compatible; Gesso ") + core::kVersion + ")"; }

std::string streaming_url(activitypub::Context& ctx) {
    return (ctx.urls.scheme == "https" ? "wss://" : "ws://") + ctx.urls.domain;
}

// The node's rules as Mastodon's Rule entities: ids are their 1-based positions (the admin edits them as a list).
void write_rules(core::JsonWriter& w, const activitypub::NodeProfile& profile) {
    w.key("rules").begin_array();
    for (std::size_t i = 0; i < profile.rules.size(); ++i) {
        w.begin_object().field("id", std::to_string(i + 1)).field("text", profile.rules[i]).field("hint", "").end_object();
    }
    w.end_array();
}

void write_configuration(core::JsonWriter& w, activitypub::Context& ctx, bool v2) {
    namespace limits = core::limits;
    w.key("configuration").begin_object();
    if (v2) {
        w.key("urls").begin_object().field("streaming", streaming_url(ctx)).key("status").null().end_object();
        w.key("vapid").begin_object().field("public_key", "").end_object();
        w.key("translation").begin_object().field("enabled", false).end_object();
    }
    w.key("accounts").begin_object().field("max_featured_tags", 10).field("max_pinned_statuses", limits::kMaxPins);
    w.end_object();
    w.key("statuses").begin_object().field("max_characters", static_cast<std::int64_t>(limits::kMaxStatusChars));
    w.field("max_media_attachments", static_cast<std::int64_t>(limits::kMaxStatusMedia));
    w.field("characters_reserved_per_url", 23).end_object();
    w.key("media_attachments").begin_object();
    w.key("supported_mime_types").begin_array().value("image/jpeg").value("image/png").value("image/webp");
    w.value("image/gif").end_array();
    w.field("image_size_limit", static_cast<std::int64_t>(16 * 1024 * 1024)).field("image_matrix_limit", 33177600);
    w.field("video_size_limit", 0).field("video_frame_rate_limit", 0).field("video_matrix_limit", 0);
    w.end_object();
    w.key("polls").begin_object().field("max_options", static_cast<std::int64_t>(limits::kMaxPollOptions));
    w.field("max_characters_per_option", static_cast<std::int64_t>(limits::kMaxPollOptionChars));
    w.field("min_expiration", static_cast<std::int64_t>(std::chrono::seconds(limits::kMinPollDuration).count()));
    w.field("max_expiration", static_cast<std::int64_t>(std::chrono::seconds(limits::kMaxPollDuration).count()));
    w.end_object();
    w.end_object();
}

Response v1(activitypub::Context& ctx) {
    auto usage = ctx.db.read([&](storage::Connection& conn) { return storage::node_usage(conn, ctx.clock.now()); });
    activitypub::NodeProfile profile = activitypub::node_profile(ctx);
    bool open = profile.registrations != activitypub::Registrations::closed;
    core::JsonWriter w;
    w.begin_object();
    w.field("uri", ctx.urls.domain).field("title", profile.title).field("short_description", profile.description);
    w.field("description", profile.description).field("email", profile.contact_email).field("version", version());
    w.key("urls").begin_object().field("streaming_api", streaming_url(ctx)).end_object();
    w.key("stats").begin_object().field("user_count", usage.users_total).field("status_count", usage.local_posts);
    w.field("domain_count", 0).end_object();
    w.key("thumbnail").null();
    w.key("languages").begin_array().value("en").end_array();
    w.field("registrations", open).field("approval_required", profile.registrations == activitypub::Registrations::approval);
    w.field("invites_enabled", false);
    write_configuration(w, ctx, false);
    w.key("contact_account").null();
    write_rules(w, profile);
    w.end_object();
    return json_response(w.str());
}

Response v2(activitypub::Context& ctx) {
    auto usage = ctx.db.read([&](storage::Connection& conn) { return storage::node_usage(conn, ctx.clock.now()); });
    activitypub::NodeProfile profile = activitypub::node_profile(ctx);
    core::JsonWriter w;
    w.begin_object();
    w.field("domain", ctx.urls.domain).field("title", profile.title).field("version", version());
    w.field("source_url", "https://github.com/gesso-social/gesso").field("description", profile.description);
    w.key("usage").begin_object().key("users").begin_object().field("active_month", usage.users_active_month);
    w.end_object().end_object();
    w.key("thumbnail").begin_object().field("url", ctx.urls.base() + "/favicon.ico").end_object();
    w.key("languages").begin_array().value("en").end_array();
    write_configuration(w, ctx, true);
    w.key("registrations").begin_object();
    w.field("enabled", profile.registrations != activitypub::Registrations::closed);
    w.field("approval_required", profile.registrations == activitypub::Registrations::approval);
    w.key("message").null().end_object();
    w.key("contact").begin_object().field("email", profile.contact_email).key("account").null().end_object();
    write_rules(w, profile);
    w.end_object();
    return json_response(w.str());
}

}  // namespace

void add_instance_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/instance", [&ctx](const Request&) { return v1(ctx); });
    router.get("/api/v2/instance", [&ctx](const Request&) { return v2(ctx); });
}

}  // namespace gesso::web::mastodon
