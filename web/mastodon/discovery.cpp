// GET /api/v1/custom_emojis, /api/v1/instance/peers, /api/v1/instance/activity, /api/v1/announcements,
// /api/v1/trends/{tags,statuses,links} (and /api/v1/trends). Gesso computes no trends: empty lists, which
// clients accept.
#include <chrono>

#include "core/json.hpp"
#include "storage/instance_stats.hpp"
#include "web/mastodon/routes.hpp"

namespace gesso::web::mastodon {

namespace {

// Rows these endpoints answer at most.
constexpr int kMaxPeers = 10000;
constexpr int kMaxEmojis = 5000;
constexpr int kActivityWeeks = 12;

Response custom_emojis(activitypub::Context& ctx) {
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& e : storage::local_emojis(conn, kMaxEmojis)) {
            w.begin_object().field("shortcode", e.shortcode).field("url", e.image_url).field("static_url", e.image_url);
            w.field("visible_in_picker", true).key("category").null().end_object();
        }
        w.end_array();
    });
    return json_response(w.str());
}

Response peers(activitypub::Context& ctx) {
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (const auto& d : storage::known_domains(conn, kMaxPeers)) w.value(d);
        w.end_array();
    });
    return json_response(w.str());
}

// Twelve weeks, the current one first; Mastodon sends the counts as strings and the week as a Unix time.
Response activity(activitypub::Context& ctx) {
    using namespace std::chrono;
    auto now = ctx.clock.now();
    auto week = hours(24 * 7);
    // Weeks start on Monday 00:00 UTC (the Unix epoch was a Thursday).
    auto since_epoch = duration_cast<seconds>(now.time_since_epoch()) + days(3);
    core::TimePoint this_week = now - (since_epoch % duration_cast<seconds>(week));
    core::JsonWriter w;
    ctx.db.read([&](storage::Connection& conn) {
        w.begin_array();
        for (int i = 0; i < kActivityWeeks; ++i) {
            auto a = storage::week_activity(conn, this_week - i * week);
            w.begin_object().field("week", std::to_string(core::to_unix_ms(a.week) / 1000));
            w.field("statuses", std::to_string(a.statuses)).field("logins", std::to_string(a.logins));
            w.field("registrations", std::to_string(a.registrations)).end_object();
        }
        w.end_array();
    });
    return json_response(w.str());
}

}  // namespace

void add_discovery_routes(Router& router, activitypub::Context& ctx) {
    router.get("/api/v1/custom_emojis", [&ctx](const Request&) { return custom_emojis(ctx); });
    router.get("/api/v1/instance/peers", [&ctx](const Request&) { return peers(ctx); });
    router.get("/api/v1/instance/activity", [&ctx](const Request&) { return activity(ctx); });
    for (const char* empty : {"/api/v1/announcements", "/api/v1/trends", "/api/v1/trends/tags", "/api/v1/trends/statuses",
                              "/api/v1/trends/links"}) {
        router.get(empty, [](const Request&) { return json_response("[]"); });
    }
}

}  // namespace gesso::web::mastodon
