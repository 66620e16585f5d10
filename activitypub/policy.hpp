#pragma once
// The node's policy engine (issue 6): an ordered list of rules, each a match (domain, actor, hashtag, keyword,
// AI verdict of an image, a repost of a local artist's image) and an action (reject, silence, mark sensitive,
// strip media, label, hold for review), evaluated on every inbound post and every local post. Every decision is
// logged with the rule that made it (storage/policy_rules.*). Rules live in the database; the CLI
// (`gesso admin policy …`) and the admin API manage them.
#include <optional>
#include <string>
#include <vector>

#include "activitypub/as2/object.hpp"
#include "activitypub/context.hpp"
#include "storage/policy_rules.hpp"

namespace gesso::activitypub {

// What the rules look at in one post.
struct PostFacts {
    bool local = false;
    std::string subject;                   // the post's id, or "draft by <actor>" for a local draft
    std::string actor_uri;                 // the author
    std::string domain;                    // the author's host, lower case
    std::vector<std::string> hashtags;     // without '#', as written
    std::string text;                      // plain text of the content warning and the content
    std::vector<std::string> ai_verdicts;  // one per image: declared | watermark | unknown
    bool repost_match = false;             // an image matches a local artist's work (not their own post)
};

// The combined result of every matching rule. `reject` and `hold` end the evaluation (the first matching one
// wins); the other actions accumulate.
struct PolicyOutcome {
    bool reject = false;
    bool hold = false;
    bool silence = false;      // public becomes unlisted: kept out of public timelines
    bool sensitive = false;
    bool strip_media = false;  // attachments dropped
    std::vector<std::string> labels;  // content warnings to add, in rule order, without repeats
    core::Id deciding_rule = 0;       // the rule that rejected or held
    std::string message;              // why, for a refused local post

    bool changes_post() const { return silence || sensitive || strip_media || !labels.empty(); }
};

// Why `rule` matches `facts` ("hashtag #aiart", "ai verdict declared") or nullopt. Pure.
std::optional<std::string> rule_matches(const storage::PolicyRule& rule, const PostFacts& facts);

// Which rules an evaluation looks at: all of them, or only those on images (`ai`, `repost`) for the second look
// a received post gets once its images are processed.
enum class RuleSet { all, media };

// Evaluates the enabled rules on `facts` and logs one decision per matching rule, in `conn`'s transaction.
PolicyOutcome apply_policies(Context& ctx, storage::Connection& conn, const PostFacts& facts,
                             RuleSet rules = RuleSet::all);

// The same in a transaction of its own, so the log survives when the caller then refuses the post.
PolicyOutcome evaluate_post(Context& ctx, const PostFacts& facts, RuleSet rules = RuleSet::all);

// A received post's facts (HTML content reduced to text).
PostFacts facts_of_remote_post(const as2::ParsedObject& object, const core::Account& author);

// Applies the accumulating actions of `outcome` to a received post before it is stored.
void restrict_post(as2::ParsedObject& object, const PolicyOutcome& outcome);

// Rule management, validated: kind, action, scope and value (a domain for `domain`, an http(s) URI for `actor`,
// one word or phrase for `keyword`, verdicts for `ai`, nothing for `repost`), lengths within limits, at most
// limits::kMaxPolicyRules. Throws core::Error(unprocessable) with the reason. Returns the stored rule.
storage::PolicyRule add_policy_rule(Context& ctx, storage::PolicyRule rule);

// Enables, disables or removes a rule; returns it as it now is (as it was, for a removed one). Throws
// core::Error(not_found) when there is no such rule. The CLI, the admin API and the admin pages call this.
enum class RuleChange { enable, disable, remove };
storage::PolicyRule change_policy_rule(Context& ctx, core::Id rule_id, RuleChange change);

// Held posts: `release` stores the post as received (its author must still be known and not suspended) and
// removes it from the queue; `drop` discards it. Both log the moderator's decision. Throw not_found.
void release_held_post(Context& ctx, core::Id held_id);
void drop_held_post(Context& ctx, core::Id held_id);

// The node's rules on a received post (from an inbox or fetched): false when it is rejected or held for review
// (`doc`, the post as received, is queued), so it must not be stored; otherwise `object` now carries what the
// rules changed (visibility, sensitivity, media, content warning).
bool admit_received_post(Context& ctx, as2::ParsedObject& object, const rapidjson::Value& doc,
                         const core::Account& author);

}  // namespace gesso::activitypub
