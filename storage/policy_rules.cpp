#include "storage/policy_rules.hpp"

#include "core/limits.hpp"

namespace gesso::storage {

namespace {

constexpr const char* kRuleColumns =
    "id, position, scope, match_kind, match_value, action, label, enabled, created_at";

PolicyRule read_rule(Statement& s) {
    PolicyRule r;
    r.id = s.int64(0);
    r.position = static_cast<int>(s.int64(1));
    r.scope = s.text(2);
    r.match_kind = s.text(3);
    r.match_value = s.text(4);
    r.action = s.text(5);
    r.label = s.text(6);
    r.enabled = s.int64(7) != 0;
    r.created_at = core::from_unix_ms(s.int64(8));
    return r;
}

HeldPost read_held(Statement& s) {
    return HeldPost{s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), core::from_unix_ms(s.int64(5))};
}

}  // namespace

std::vector<PolicyRule> list_policy_rules(Connection& conn, bool enabled_only) {
    std::string sql = std::string("SELECT ") + kRuleColumns + " FROM policy_rules" +
                      (enabled_only ? " WHERE enabled = 1" : "") + " ORDER BY position, id";
    auto stmt = conn.prepare(sql);
    std::vector<PolicyRule> out;
    while (stmt.step()) out.push_back(read_rule(stmt));
    return out;
}

std::optional<PolicyRule> find_policy_rule(Connection& conn, core::Id id) {
    auto stmt = conn.prepare(std::string("SELECT ") + kRuleColumns + " FROM policy_rules WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_rule(stmt);
}

void insert_policy_rule(Connection& conn, const PolicyRule& r) {
    conn.prepare(std::string("INSERT INTO policy_rules (") + kRuleColumns + ") VALUES (?,?,?,?,?,?,?,?,?)")
        .bind(1, r.id)
        .bind(2, static_cast<std::int64_t>(r.position))
        .bind(3, r.scope)
        .bind(4, r.match_kind)
        .bind(5, r.match_value)
        .bind(6, r.action)
        .bind(7, r.label)
        .bind(8, static_cast<std::int64_t>(r.enabled ? 1 : 0))
        .bind(9, core::to_unix_ms(r.created_at))
        .run();
}

bool delete_policy_rule(Connection& conn, core::Id id) {
    conn.prepare("DELETE FROM policy_rules WHERE id = ?").bind(1, id).run();
    return conn.changes() > 0;
}

bool set_policy_rule_enabled(Connection& conn, core::Id id, bool enabled) {
    conn.prepare("UPDATE policy_rules SET enabled = ? WHERE id = ?")
        .bind(1, static_cast<std::int64_t>(enabled ? 1 : 0))
        .bind(2, id)
        .run();
    return conn.changes() > 0;
}

int next_policy_position(Connection& conn) {
    auto stmt = conn.prepare("SELECT coalesce(max(position), 0) FROM policy_rules");
    stmt.step();
    return static_cast<int>(stmt.int64(0)) + 10;
}

std::int64_t count_policy_rules(Connection& conn) {
    auto stmt = conn.prepare("SELECT count(*) FROM policy_rules");
    stmt.step();
    return stmt.int64(0);
}

void log_policy_decision(Connection& conn, const PolicyDecision& d) {
    conn.prepare("INSERT INTO policy_decisions (rule_id, action, subject, actor, detail, created_at) VALUES (?,?,?,?,?,?)")
        .bind(1, d.rule_id)
        .bind(2, d.action)
        .bind(3, d.subject)
        .bind(4, d.actor)
        .bind(5, d.detail)
        .bind(6, core::to_unix_ms(d.created_at))
        .run();
    // AUTOINCREMENT ids only grow: everything at or below newest - limit is older than the kept window.
    conn.prepare("DELETE FROM policy_decisions WHERE id <= last_insert_rowid() - ?")
        .bind(1, core::limits::kMaxPolicyDecisions)
        .run();
}

std::vector<PolicyDecision> recent_policy_decisions(Connection& conn, int limit) {
    auto stmt = conn.prepare(
        "SELECT id, rule_id, action, subject, actor, detail, created_at FROM policy_decisions ORDER BY id DESC LIMIT ?");
    stmt.bind(1, static_cast<std::int64_t>(limit));
    std::vector<PolicyDecision> out;
    while (stmt.step()) {
        out.push_back(PolicyDecision{stmt.int64(0), stmt.int64(1), stmt.text(2), stmt.text(3), stmt.text(4),
                                     stmt.text(5), core::from_unix_ms(stmt.int64(6))});
    }
    return out;
}

bool hold_post(Connection& conn, const HeldPost& p) {
    conn.prepare(
            "INSERT OR IGNORE INTO held_posts (id, rule_id, actor_uri, object_uri, object_json, created_at) "
            "VALUES (?,?,?,?,?,?)")
        .bind(1, p.id)
        .bind(2, p.rule_id)
        .bind(3, p.actor_uri)
        .bind(4, p.object_uri)
        .bind(5, p.object_json)
        .bind(6, core::to_unix_ms(p.created_at))
        .run();
    return conn.changes() > 0;
}

std::vector<HeldPost> list_held_posts(Connection& conn, int limit) {
    auto stmt = conn.prepare(
        "SELECT id, rule_id, actor_uri, object_uri, object_json, created_at FROM held_posts ORDER BY id LIMIT ?");
    stmt.bind(1, static_cast<std::int64_t>(limit));
    std::vector<HeldPost> out;
    while (stmt.step()) out.push_back(read_held(stmt));
    return out;
}

std::optional<HeldPost> find_held_post(Connection& conn, core::Id id) {
    auto stmt = conn.prepare(
        "SELECT id, rule_id, actor_uri, object_uri, object_json, created_at FROM held_posts WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_held(stmt);
}

bool delete_held_post(Connection& conn, core::Id id) {
    conn.prepare("DELETE FROM held_posts WHERE id = ?").bind(1, id).run();
    return conn.changes() > 0;
}

std::int64_t count_held_posts(Connection& conn) {
    auto stmt = conn.prepare("SELECT count(*) FROM held_posts");
    stmt.step();
    return stmt.int64(0);
}

void restrict_status(Connection& conn, core::Id status_id, const PostRestriction& r) {
    // visibility 0 is public, 1 unlisted (core::Visibility).
    conn.prepare(
            "UPDATE statuses SET "
            "visibility = CASE WHEN ? AND visibility = 0 THEN 1 ELSE visibility END, "
            "sensitive = CASE WHEN ? THEN 1 ELSE sensitive END, "
            "spoiler_text = CASE WHEN ? = '' THEN spoiler_text WHEN spoiler_text = '' THEN ? "
            "ELSE ? || '; ' || spoiler_text END "
            "WHERE id = ?")
        .bind(1, r.unlisted)
        .bind(2, r.sensitive)
        .bind(3, r.warning)
        .bind(4, r.warning)
        .bind(5, r.warning)
        .bind(6, status_id)
        .run();
}

}  // namespace gesso::storage
