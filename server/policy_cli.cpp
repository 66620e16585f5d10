#include "server/policy_cli.hpp"

#include <charconv>
#include <iostream>

#include "activitypub/policy.hpp"
#include "core/clock.hpp"
#include "server/cli_words.hpp"
#include "storage/policy_rules.hpp"

namespace gesso::server {

using core::Errc;
using core::Error;

namespace {

core::Id id_word(const Words& w, std::size_t i, const char* what) {
    const std::string& text = word(w, i, what);
    core::Id id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) usage_error("'" + text + "' is not an id");
    return id;
}

// "hashtag:aiart" -> kind hashtag, value aiart; "repost" -> kind repost, no value.
storage::PolicyRule rule_from(const Invocation& inv) {
    const Words& w = inv.words;
    const std::string& match = word(w, 3, "match (KIND[:VALUE])");
    storage::PolicyRule rule;
    auto colon = match.find(':');
    rule.match_kind = match.substr(0, colon);
    if (colon != std::string::npos) rule.match_value = match.substr(colon + 1);
    rule.action = word(w, 4, "action");
    expect_words(w, 5);
    rule.label = inv.label;
    if (!inv.scope.empty()) rule.scope = inv.scope;
    rule.position = inv.position;
    return rule;
}

void print_rule(const storage::PolicyRule& r) {
    // ID TAB POSITION TAB STATE TAB SCOPE TAB MATCH TAB ACTION TAB LABEL
    std::cout << r.id << "\t" << r.position << "\t" << (r.enabled ? "on" : "off") << "\t" << r.scope << "\t"
              << r.match_kind << (r.match_value.empty() ? "" : ":" + r.match_value) << "\t" << r.action << "\t"
              << r.label << "\n";
}

}  // namespace

int policy_verb(Node& node, const Invocation& inv) {
    const Words& w = inv.words;
    const std::string& action = word(w, 2, "policy action (list, add, remove, enable, disable, log, held, release, drop)");
    auto& ctx = node.context();
    if (action == "list") {
        expect_words(w, 3);
        auto rules = ctx.db.read([](storage::Connection& conn) { return storage::list_policy_rules(conn, false); });
        for (const auto& r : rules) print_rule(r);
        return 0;
    }
    if (action == "add") {
        auto rule = activitypub::add_policy_rule(ctx, rule_from(inv));
        std::cout << "added rule " << rule.id << "\n";
        return 0;
    }
    if (action == "remove" || action == "enable" || action == "disable") {
        core::Id id = id_word(w, 3, "rule id");
        expect_words(w, 4);
        activitypub::change_policy_rule(ctx, id,
                                        action == "remove"   ? activitypub::RuleChange::remove
                                        : action == "enable" ? activitypub::RuleChange::enable
                                                             : activitypub::RuleChange::disable);
        std::cout << (action == "remove" ? "removed" : action + "d") << " rule " << id << "\n";
        return 0;
    }
    if (action == "log") {
        int limit = w.size() > 3 ? static_cast<int>(id_word(w, 3, "count")) : 50;
        expect_words(w, 4);
        auto log = ctx.db.read([&](storage::Connection& conn) { return storage::recent_policy_decisions(conn, limit); });
        // TIME TAB RULE TAB ACTION TAB SUBJECT TAB ACTOR TAB DETAIL, newest first
        for (const auto& d : log) {
            std::cout << core::format_iso8601(d.created_at) << "\t" << d.rule_id << "\t" << d.action << "\t" << d.subject
                      << "\t" << d.actor << "\t" << d.detail << "\n";
        }
        return 0;
    }
    if (action == "held") {
        expect_words(w, 3);
        auto held = ctx.db.read([](storage::Connection& conn) { return storage::list_held_posts(conn, 1000); });
        // ID TAB RULE TAB ACTOR TAB POST
        for (const auto& h : held) std::cout << h.id << "\t" << h.rule_id << "\t" << h.actor_uri << "\t" << h.object_uri << "\n";
        return 0;
    }
    if (action == "release" || action == "drop") {
        core::Id id = id_word(w, 3, "held post id");
        expect_words(w, 4);
        if (action == "release") {
            activitypub::release_held_post(ctx, id);
        } else {
            activitypub::drop_held_post(ctx, id);
        }
        std::cout << (action == "release" ? "released" : "dropped") << " held post " << id << "\n";
        return 0;
    }
    usage_error("unknown policy action '" + action + "'");
}

}  // namespace gesso::server
