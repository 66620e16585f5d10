#pragma once
// The node's policy rules (issue 6): an ordered list of match → action, the log of every decision they made,
// and the remote posts held for a moderator's review. The engine that evaluates them is activitypub/policy.*.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

struct PolicyRule {
    core::Id id = 0;
    int position = 0;            // evaluated in ascending position, then id
    std::string scope = "all";   // all | local | remote
    std::string match_kind;      // domain | actor | hashtag | keyword | ai | repost
    std::string match_value;     // domain, actor URI, tag (no '#'), word, "declared,watermark"; empty for repost
    std::string action;          // reject | silence | sensitive | strip_media | label | hold
    std::string label;           // content warning added by `label`; message shown by `reject` for local posts
    bool enabled = true;
    core::TimePoint created_at{};
};

struct PolicyDecision {
    std::int64_t id = 0;
    core::Id rule_id = 0;
    std::string action;
    std::string subject;  // the post's URI (remote) or "draft by <actor>" (a refused local draft)
    std::string actor;    // the author's actor URI
    std::string detail;   // what matched
    core::TimePoint created_at{};
};

struct HeldPost {
    core::Id id = 0;
    core::Id rule_id = 0;
    std::string actor_uri;
    std::string object_uri;
    std::string object_json;  // the post as received, to be stored if a moderator releases it
    core::TimePoint created_at{};
};

// Rules in evaluation order; `enabled_only` leaves out disabled ones.
std::vector<PolicyRule> list_policy_rules(Connection& conn, bool enabled_only);
std::optional<PolicyRule> find_policy_rule(Connection& conn, core::Id id);
void insert_policy_rule(Connection& conn, const PolicyRule& rule);
bool delete_policy_rule(Connection& conn, core::Id id);
bool set_policy_rule_enabled(Connection& conn, core::Id id, bool enabled);
int next_policy_position(Connection& conn);  // after the last rule
std::int64_t count_policy_rules(Connection& conn);

// The log keeps the newest limits::kMaxPolicyDecisions entries; older ones are dropped as new ones arrive.
void log_policy_decision(Connection& conn, const PolicyDecision& decision);
std::vector<PolicyDecision> recent_policy_decisions(Connection& conn, int limit);

// Held posts. Holding the same object again is a no-op (false).
bool hold_post(Connection& conn, const HeldPost& post);
std::vector<HeldPost> list_held_posts(Connection& conn, int limit);
std::optional<HeldPost> find_held_post(Connection& conn, core::Id id);
bool delete_held_post(Connection& conn, core::Id id);
std::int64_t count_held_posts(Connection& conn);

// What the rules change in a post already stored (the second look at a received post once its images are
// known): public made unlisted, marked sensitive, a content warning put before the author's own.
struct PostRestriction {
    bool unlisted = false;
    bool sensitive = false;
    std::string warning;
};
void restrict_status(Connection& conn, core::Id status_id, const PostRestriction& r);

}  // namespace gesso::storage
