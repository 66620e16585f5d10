// GET /admin/policy: the policy engine's rules in evaluation order (add, enable, disable, remove), the posts held
// for review (release, drop) and the log of recent decisions. POST /admin/policy/rules,
// /admin/policy/rules/:id/enable|disable|remove, /admin/policy/held/:id/release|drop. The engine's functions
// (activitypub/policy.hpp), as `gesso admin policy ...` and the admin API call them.
#include <map>

#include "activitypub/policy.hpp"
#include "core/admin_limits.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/policy_rules.hpp"
#include "web/mastodon/record_id.hpp"
#include "web/pages/admin.hpp"
#include "web/pages/routes.hpp"
#include "web/params.hpp"

namespace gesso::web::pages {

namespace {

namespace limits = core::limits;

using Options = std::vector<std::pair<std::string_view, std::string_view>>;
const Options kMatches = {{"hashtag", "Hashtag"}, {"keyword", "Keyword or phrase"}, {"domain", "Domain"},
                          {"actor", "Actor (its id URL)"}, {"ai", "AI verdict of an image"},
                          {"repost", "Repost of a local artist's work"}};
const Options kActions = {{"reject", "Reject"}, {"hold", "Hold for review"}, {"silence", "Silence (unlisted)"},
                          {"sensitive", "Mark sensitive"}, {"strip_media", "Strip media"},
                          {"label", "Add a content warning"}};
const Options kScopes = {{"all", "All posts"}, {"remote", "Posts from other servers"}, {"local", "Posts made here"}};

struct Sent {
    std::string match = "hashtag", value, action = "reject", scope = "all", label;
};

mustache::data options(const Options& list, std::string_view selected) {
    mustache::data out{mustache::data::type::list};
    for (const auto& [value, label] : list) {
        mustache::data item;
        item.set("value", std::string(value));
        item.set("label", std::string(label));
        if (value == selected) item.set("selected", true);
        out.push_back(std::move(item));
    }
    return out;
}

std::string notice_for(std::string_view done) {
    if (done == "added") return "The rule was added at the end of the list.";
    if (done == "enable") return "The rule is enabled.";
    if (done == "disable") return "The rule is disabled.";
    if (done == "remove") return "The rule was removed.";
    if (done == "release") return "The held post was released and stored.";
    if (done == "drop") return "The held post was dropped.";
    return "";
}

Response show(const Site& site, const Request& req, const SessionViewer& viewer, const Sent& sent,
              const FieldErrors& errors, http::status status) {
    activitypub::Context& ctx = site.ctx();
    auto [rules, decisions, held] = ctx.db.read([](storage::Connection& conn) {
        storage::ReadSnapshot snapshot(conn);
        return std::make_tuple(storage::list_policy_rules(conn, false),
                               storage::recent_policy_decisions(conn, limits::kAdminPolicyLogRows),
                               storage::list_held_posts(conn, limits::kAdminHeldRows));
    });
    mustache::data data;
    set_form_errors(data, errors);
    std::string notice = notice_for(req.query_param("done").value_or(""));
    if (!notice.empty() && errors.empty()) data.set("notice", notice);
    data.set("value", sent.value);
    data.set("label", sent.label);
    data.set("matches", options(kMatches, sent.match));
    data.set("actions", options(kActions, sent.action));
    data.set("scopes", options(kScopes, sent.scope));

    // Rules are shown by their place in the evaluation order (ids are long snowflakes); the log names them so too.
    std::map<core::Id, std::string> place;
    mustache::data rule_rows{mustache::data::type::list};
    for (const auto& r : rules) {
        mustache::data row;
        place[r.id] = std::to_string(place.size() + 1);
        row.set("number", place[r.id]);
        row.set("id", std::to_string(r.id));
        row.set("position", std::to_string(r.position));
        std::string match = r.match_kind;
        if (!r.match_value.empty()) match.append(": ").append(r.match_value);
        row.set("match", match);
        row.set("action", r.action);
        row.set("scope", r.scope);
        row.set("rule_label", r.label);
        if (r.enabled) row.set("enabled", true);
        rule_rows.push_back(std::move(row));
    }
    if (!rules.empty()) data.set("has_rules", true);
    data.set("rules", std::move(rule_rows));

    mustache::data log_rows{mustache::data::type::list};
    for (const auto& d : decisions) {
        mustache::data row;
        row.set("time", admin_time(d.created_at));
        auto known = place.find(d.rule_id);
        row.set("rule", known != place.end() ? "#" + known->second : std::string("(removed)"));
        row.set("action", d.action);
        row.set("subject", d.subject);
        row.set("actor", d.actor);
        row.set("detail", d.detail);
        log_rows.push_back(std::move(row));
    }
    if (!decisions.empty()) data.set("has_log", true);
    data.set("log", std::move(log_rows));

    mustache::data held_rows{mustache::data::type::list};
    for (const auto& h : held) {
        mustache::data row;
        row.set("id", std::to_string(h.id));
        auto known = place.find(h.rule_id);
        row.set("rule", known != place.end() ? "#" + known->second : std::string("(removed)"));
        row.set("actor", h.actor_uri);
        row.set("uri", h.object_uri);
        row.set("time", admin_time(h.created_at));
        held_rows.push_back(std::move(row));
    }
    if (!held.empty()) data.set("has_held", true);
    data.set("held", std::move(held_rows));
    return render_admin_page(site, req, viewer, "/admin/policy", "Policy rules", "admin_policy", std::move(data), status);
}

Response add(const Site& site, const Request& req, const SessionViewer& viewer) {
    Params p = Params::from(req);
    Sent sent{p.get_or("match", ""), std::string(core::trim(p.get_or("value", ""))), p.get_or("action", ""),
              p.get_or("scope", "all"), std::string(core::trim(p.get_or("label", "")))};
    storage::PolicyRule rule;
    rule.match_kind = sent.match;
    rule.match_value = sent.value;
    rule.action = sent.action;
    rule.scope = sent.scope;
    rule.label = sent.label;
    try {
        activitypub::add_policy_rule(site.ctx(), rule);
    } catch (const core::Error& e) {
        if (e.code() != core::Errc::unprocessable) throw;
        return show(site, req, viewer, sent,
                    errors_from(e, {{"unknown match", "match"}, {"unknown action", "action"}, {"unknown scope", "scope"},
                                    {"label", "label"}, {"value", "value"}, {"match", "value"}, {"domain", "value"},
                                    {"verdict", "value"}}),
                    http::status::unprocessable_entity);
    }
    return see_other("/admin/policy?done=added");
}

Response change(const Site& site, const Request& req, std::string_view what) {
    core::Id id = mastodon::id_param(req.param("id"));
    activitypub::RuleChange c = what == "enable"    ? activitypub::RuleChange::enable
                                : what == "disable" ? activitypub::RuleChange::disable
                                                    : activitypub::RuleChange::remove;
    activitypub::change_policy_rule(site.ctx(), id, c);
    std::string to = "/admin/policy?done=";
    to += what;
    return see_other(to);
}

Response moderate(const Site& site, const Request& req, bool release) {
    core::Id id = mastodon::id_param(req.param("id"));
    if (release) {
        activitypub::release_held_post(site.ctx(), id);
    } else {
        activitypub::drop_held_post(site.ctx(), id);
    }
    return see_other(release ? "/admin/policy?done=release#held" : "/admin/policy?done=drop#held");
}

}  // namespace

void add_admin_policy_routes(Router& router, const SitePtr& site) {
    const Site* s = site.get();
    router.get("/admin/policy", admin_only(site, [s](const Request& req, const SessionViewer& v) {
                   return show(*s, req, v, {}, {}, http::status::ok);
               }));
    add_admin_post(router, site, "/admin/policy/rules",
                   [s](const Request& req, const SessionViewer& v) { return add(*s, req, v); });
    for (std::string_view what : {"enable", "disable", "remove"}) {
        add_admin_post(router, site, "/admin/policy/rules/:id/" + std::string(what),
                       [s, what](const Request& req, const SessionViewer&) { return change(*s, req, what); });
    }
    add_admin_post(router, site, "/admin/policy/held/:id/release",
                   [s](const Request& req, const SessionViewer&) { return moderate(*s, req, true); });
    add_admin_post(router, site, "/admin/policy/held/:id/drop",
                   [s](const Request& req, const SessionViewer&) { return moderate(*s, req, false); });
}

}  // namespace gesso::web::pages
