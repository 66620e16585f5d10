// The policy engine's admin API (Gesso's own; Mastodon has none): rules, the decision log, held posts.
// GET/POST /api/v1/admin/gesso/policy_rules, DELETE /api/v1/admin/gesso/policy_rules/:id,
// POST /api/v1/admin/gesso/policy_rules/:id/enable|disable, GET /api/v1/admin/gesso/policy_decisions,
// GET /api/v1/admin/gesso/held_posts, POST /api/v1/admin/gesso/held_posts/:id/release|drop.
#include <algorithm>

#include "activitypub/policy.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "storage/accounts.hpp"
#include "storage/policy_rules.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/mastodon/routes.hpp"
#include "web/oauth/tokens.hpp"
#include "web/params.hpp"

namespace gesso::web::mastodon {

using core::Errc;
using core::Error;

namespace {

constexpr int kMaxListed = 200;  // decisions and held posts per page

// The caller must be an admin with `scope` (admin:read or admin:write).
void require_admin(activitypub::Context& ctx, const Request& req, const char* scope) {
    oauth::Caller caller = oauth::require_caller(ctx, req, scope);
    auto user = ctx.db.read([&](storage::Connection& c) { return storage::find_user_by_account(c, caller.account->id); });
    if (!user || !user->admin) throw Error(Errc::forbidden, "This action is not allowed");
}

void write_rule(core::JsonWriter& w, const storage::PolicyRule& r) {
    w.begin_object()
        .field("id", std::to_string(r.id))
        .field("position", r.position)
        .field("scope", r.scope)
        .field("match", r.match_kind)
        .field("value", r.match_value)
        .field("action", r.action)
        .field("label", r.label)
        .field("enabled", r.enabled)
        .field("created_at", core::format_iso8601(r.created_at))
        .end_object();
}

Response list_rules(activitypub::Context& ctx, const Request& req) {
    require_admin(ctx, req, "admin:read");
    core::JsonWriter w;
    w.begin_array();
    for (const auto& r : ctx.db.read([](storage::Connection& c) { return storage::list_policy_rules(c, false); })) {
        write_rule(w, r);
    }
    w.end_array();
    return json_response(w.str());
}

Response create_rule(activitypub::Context& ctx, const Request& req) {
    require_admin(ctx, req, "admin:write");
    Params p = Params::from(req);
    storage::PolicyRule rule;
    rule.match_kind = p.get_or("match", "");
    rule.match_value = p.get_or("value", "");
    rule.action = p.get_or("action", "");
    rule.label = p.get_or("label", "");
    rule.scope = p.get_or("scope", "all");
    rule.position = static_cast<int>(p.integer("position").value_or(0));
    rule.enabled = p.boolean("enabled").value_or(true);
    rule = activitypub::add_policy_rule(ctx, rule);
    core::JsonWriter w;
    write_rule(w, rule);
    return json_response(w.str());
}

Response change_rule(activitypub::Context& ctx, const Request& req, const std::string& what) {
    require_admin(ctx, req, "admin:write");
    core::Id id = id_param(req.param("id"));
    auto change = what == "delete" ? activitypub::RuleChange::remove
                  : what == "enable" ? activitypub::RuleChange::enable
                                     : activitypub::RuleChange::disable;
    storage::PolicyRule rule;
    try {
        rule = activitypub::change_policy_rule(ctx, id, change);
    } catch (const Error& e) {
        if (e.code() == Errc::not_found) throw Error(Errc::not_found, "Record not found");
        throw;
    }
    core::JsonWriter w;
    write_rule(w, rule);
    return json_response(w.str());
}

int limit_of(const Request& req) {
    auto limit = Params::from(req).integer("limit").value_or(50);
    return static_cast<int>(std::clamp<std::int64_t>(limit, 1, kMaxListed));
}

Response decisions(activitypub::Context& ctx, const Request& req) {
    require_admin(ctx, req, "admin:read");
    int limit = limit_of(req);
    core::JsonWriter w;
    w.begin_array();
    for (const auto& d : ctx.db.read([&](storage::Connection& c) { return storage::recent_policy_decisions(c, limit); })) {
        w.begin_object()
            .field("id", std::to_string(d.id))
            .field("rule_id", std::to_string(d.rule_id))
            .field("action", d.action)
            .field("subject", d.subject)
            .field("actor", d.actor)
            .field("detail", d.detail)
            .field("created_at", core::format_iso8601(d.created_at))
            .end_object();
    }
    w.end_array();
    return json_response(w.str());
}

Response held(activitypub::Context& ctx, const Request& req) {
    require_admin(ctx, req, "admin:read");
    int limit = limit_of(req);
    core::JsonWriter w;
    w.begin_array();
    for (const auto& h : ctx.db.read([&](storage::Connection& c) { return storage::list_held_posts(c, limit); })) {
        w.begin_object()
            .field("id", std::to_string(h.id))
            .field("rule_id", std::to_string(h.rule_id))
            .field("actor", h.actor_uri)
            .field("uri", h.object_uri)
            .field("created_at", core::format_iso8601(h.created_at))
            .end_object();
    }
    w.end_array();
    return json_response(w.str());
}

Response moderate(activitypub::Context& ctx, const Request& req, bool release) {
    require_admin(ctx, req, "admin:write");
    core::Id id = id_param(req.param("id"));
    if (release) {
        activitypub::release_held_post(ctx, id);
    } else {
        activitypub::drop_held_post(ctx, id);
    }
    return json_response("{}");
}

}  // namespace

void add_admin_policy_routes(Router& router, activitypub::Context& ctx) {
    const std::string base = "/api/v1/admin/gesso";
    router.get(base + "/policy_rules", [&ctx](const Request& req) { return list_rules(ctx, req); });
    router.add(http::verb::post, base + "/policy_rules", [&ctx](const Request& req) { return create_rule(ctx, req); });
    router.add(http::verb::delete_, base + "/policy_rules/:id",
               [&ctx](const Request& req) { return change_rule(ctx, req, "delete"); });
    router.add(http::verb::post, base + "/policy_rules/:id/enable",
               [&ctx](const Request& req) { return change_rule(ctx, req, "enable"); });
    router.add(http::verb::post, base + "/policy_rules/:id/disable",
               [&ctx](const Request& req) { return change_rule(ctx, req, "disable"); });
    router.get(base + "/policy_decisions", [&ctx](const Request& req) { return decisions(ctx, req); });
    router.get(base + "/held_posts", [&ctx](const Request& req) { return held(ctx, req); });
    router.add(http::verb::post, base + "/held_posts/:id/release",
               [&ctx](const Request& req) { return moderate(ctx, req, true); });
    router.add(http::verb::post, base + "/held_posts/:id/drop",
               [&ctx](const Request& req) { return moderate(ctx, req, false); });
}

}  // namespace gesso::web::mastodon
