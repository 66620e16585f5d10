#include "activitypub/policy.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "activitypub/remote_actors.hpp"
#include "activitypub/remote_posts.hpp"
#include "activitypub/status_filters.hpp"
#include "core/error.hpp"
#include "core/json_parse.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "storage/accounts.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

namespace {

constexpr std::string_view kKinds[] = {"domain", "actor", "hashtag", "keyword", "ai", "repost"};
constexpr std::string_view kActions[] = {"reject", "silence", "sensitive", "strip_media", "label", "hold"};
constexpr std::string_view kScopes[] = {"all", "local", "remote"};
constexpr std::string_view kVerdicts[] = {"declared", "watermark", "unknown"};

template <std::size_t N>
bool one_of(std::string_view value, const std::string_view (&choices)[N]) {
    return std::find(std::begin(choices), std::end(choices), value) != std::end(choices);
}

std::vector<std::string> split_commas(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(',', start);
        if (end == std::string_view::npos) end = s.size();
        auto part = core::trim(s.substr(start, end - start));
        if (!part.empty()) out.emplace_back(core::to_lower_ascii(part));
        start = end + 1;
    }
    return out;
}

bool is_word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

// Case-insensitive (ASCII) occurrence of `needle` in `haystack` not inside a longer word.
bool contains_word(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return false;
    std::string h = core::to_lower_ascii(haystack);
    std::string n = core::to_lower_ascii(needle);
    for (std::size_t at = h.find(n); at != std::string::npos; at = h.find(n, at + 1)) {
        bool starts = at == 0 || !is_word_char(static_cast<unsigned char>(h[at - 1]));
        std::size_t end = at + n.size();
        bool ends = end == h.size() || !is_word_char(static_cast<unsigned char>(h[end]));
        if (starts && ends) return true;
    }
    return false;
}

bool domain_matches(std::string_view host, std::string_view domain) {
    std::string h = core::to_lower_ascii(host);
    if (auto colon = h.rfind(':'); colon != std::string::npos && h.find(']') == std::string::npos) h.resize(colon);
    std::string d = core::to_lower_ascii(domain);
    return h == d || (h.size() > d.size() && h.ends_with(d) && h[h.size() - d.size() - 1] == '.');
}

std::string normalised_value(const std::string& kind, std::string_view value) {
    std::string v(core::trim(value));
    if (kind == "hashtag" && !v.empty() && v.front() == '#') v.erase(0, 1);
    if (kind == "domain" || kind == "hashtag" || kind == "ai") v = core::to_lower_ascii(v);
    return v;
}

void check_rule(storage::PolicyRule& r) {
    if (!one_of(r.match_kind, kKinds)) {
        throw Error(Errc::unprocessable, "unknown match '" + r.match_kind +
                                             "' (domain, actor, hashtag, keyword, ai, repost)");
    }
    if (!one_of(r.action, kActions)) {
        throw Error(Errc::unprocessable, "unknown action '" + r.action +
                                             "' (reject, silence, sensitive, strip_media, label, hold)");
    }
    if (!one_of(r.scope, kScopes)) throw Error(Errc::unprocessable, "unknown scope '" + r.scope + "' (all, local, remote)");
    r.match_value = normalised_value(r.match_kind, r.match_value);
    if (r.match_value.size() > core::limits::kMaxPolicyValueBytes) {
        throw Error(Errc::unprocessable, "the match value is longer than " +
                                             std::to_string(core::limits::kMaxPolicyValueBytes) + " bytes");
    }
    if (r.label.size() > core::limits::kMaxPolicyLabelBytes) {
        throw Error(Errc::unprocessable, "the label is longer than " +
                                             std::to_string(core::limits::kMaxPolicyLabelBytes) + " bytes");
    }
    const std::string& v = r.match_value;
    if (r.match_kind == "repost") {
        if (!v.empty()) throw Error(Errc::unprocessable, "a repost match takes no value");
    } else if (v.empty()) {
        throw Error(Errc::unprocessable, "a " + r.match_kind + " match needs a value");
    }
    if (r.match_kind == "domain" && (v.find_first_of("/@ ") != std::string::npos || v.find('.') == std::string::npos)) {
        throw Error(Errc::unprocessable, "'" + v + "' is not a domain name");
    }
    if (r.match_kind == "actor" && !(v.starts_with("https://") || v.starts_with("http://"))) {
        throw Error(Errc::unprocessable, "an actor match is the actor's id, an http(s) URL");
    }
    if (r.match_kind == "hashtag" && v.find_first_of(" #,") != std::string::npos) {
        throw Error(Errc::unprocessable, "a hashtag match is one tag");
    }
    if (r.match_kind == "ai") {
        auto verdicts = split_commas(v);
        if (verdicts.empty()) throw Error(Errc::unprocessable, "an ai match lists verdicts (declared, watermark, unknown)");
        for (const auto& verdict : verdicts) {
            if (!one_of(verdict, kVerdicts)) {
                throw Error(Errc::unprocessable, "unknown AI verdict '" + verdict + "' (declared, watermark, unknown)");
            }
        }
    }
    if (r.action == "label" && core::trim(r.label).empty()) {
        throw Error(Errc::unprocessable, "a label rule needs the label to show");
    }
}

std::string default_message(const storage::PolicyRule& rule) {
    if (!rule.label.empty()) return rule.label;
    return rule.action == "hold" ? "This post needs a moderator's review under this node's rules."
                                 : "This post is not accepted under this node's rules.";
}

std::string serialise(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

void log_moderation(Context& ctx, storage::Connection& conn, const storage::HeldPost& held, const std::string& what) {
    storage::log_policy_decision(conn, {0, held.rule_id, what, held.object_uri, held.actor_uri,
                                        "moderator " + what + " held post " + std::to_string(held.id),
                                        ctx.clock.now()});
}

}  // namespace

std::optional<std::string> rule_matches(const storage::PolicyRule& rule, const PostFacts& facts) {
    if ((rule.scope == "local" && !facts.local) || (rule.scope == "remote" && facts.local)) return std::nullopt;
    const std::string& v = rule.match_value;
    if (rule.match_kind == "domain") {
        if (domain_matches(facts.domain, v)) return "domain " + v;
    } else if (rule.match_kind == "actor") {
        if (facts.actor_uri == v) return "actor " + v;
    } else if (rule.match_kind == "hashtag") {
        for (const auto& tag : facts.hashtags) {
            if (core::to_lower_ascii(tag) == v) return "hashtag #" + tag;
        }
    } else if (rule.match_kind == "keyword") {
        if (contains_word(facts.text, v)) return "keyword \"" + v + "\"";
    } else if (rule.match_kind == "ai") {
        auto wanted = split_commas(v);
        for (const auto& verdict : facts.ai_verdicts) {
            if (std::find(wanted.begin(), wanted.end(), verdict) != wanted.end()) return "ai verdict " + verdict;
        }
    } else if (rule.match_kind == "repost") {
        if (facts.repost_match) return std::string("repost of a local artist's image");
    }
    return std::nullopt;
}

PolicyOutcome apply_policies(Context& ctx, storage::Connection& conn, const PostFacts& facts, RuleSet rules) {
    PolicyOutcome out;
    for (const auto& rule : storage::list_policy_rules(conn, true)) {
        if (rules == RuleSet::media && rule.match_kind != "ai" && rule.match_kind != "repost") continue;
        auto why = rule_matches(rule, facts);
        if (!why) continue;
        storage::log_policy_decision(conn, {0, rule.id, rule.action, facts.subject, facts.actor_uri, *why, ctx.clock.now()});
        GESSO_LOG(info) << "policy rule " << rule.id << " (" << rule.action << ") on " << facts.subject << ": " << *why;
        if (rule.action == "reject" || rule.action == "hold") {
            (rule.action == "reject" ? out.reject : out.hold) = true;
            out.deciding_rule = rule.id;
            out.message = default_message(rule);
            return out;
        }
        if (rule.action == "silence") out.silence = true;
        if (rule.action == "sensitive") out.sensitive = true;
        if (rule.action == "strip_media") out.strip_media = true;
        if (rule.action == "label" && std::find(out.labels.begin(), out.labels.end(), rule.label) == out.labels.end()) {
            out.labels.push_back(rule.label);
        }
    }
    return out;
}

PolicyOutcome evaluate_post(Context& ctx, const PostFacts& facts, RuleSet rules) {
    return ctx.db.write([&](storage::Connection& conn) { return apply_policies(ctx, conn, facts, rules); });
}

PostFacts facts_of_remote_post(const as2::ParsedObject& object, const core::Account& author) {
    PostFacts f;
    f.local = false;
    f.subject = object.id;
    f.actor_uri = author.uri;
    f.domain = url_authority(author.uri);
    for (const auto& tag : object.hashtags) f.hashtags.push_back(tag.name);
    f.text = object.summary + "\n" + object.title + "\n" + html_to_text(object.content);
    return f;
}

void restrict_post(as2::ParsedObject& object, const PolicyOutcome& outcome) {
    if (outcome.silence && object.visibility == core::Visibility::public_) object.visibility = core::Visibility::unlisted;
    if (outcome.sensitive) object.sensitive = true;
    if (outcome.strip_media) object.attachments.clear();
    if (!outcome.labels.empty()) {
        std::string warning;
        for (const auto& label : outcome.labels) warning += (warning.empty() ? "" : "; ") + label;
        std::string existing(core::trim(object.summary));
        if (existing == "\u200b") existing.clear();  // Misskey's empty warning
        object.summary = existing.empty() ? warning : warning + "; " + existing;
        object.sensitive = true;
    }
}

storage::PolicyRule add_policy_rule(Context& ctx, storage::PolicyRule rule) {
    check_rule(rule);
    return ctx.db.write([&](storage::Connection& conn) {
        if (storage::count_policy_rules(conn) >= core::limits::kMaxPolicyRules) {
            throw Error(Errc::unprocessable, "this node already has " + std::to_string(core::limits::kMaxPolicyRules) +
                                                 " rules, the most it keeps");
        }
        rule.id = ctx.ids.next();
        if (rule.position <= 0) rule.position = storage::next_policy_position(conn);
        rule.created_at = ctx.clock.now();
        storage::insert_policy_rule(conn, rule);
        return rule;
    });
}

namespace {

// Puts a received post in the review queue; false when the queue is full or the post too large (then it is
// rejected instead, and the log says so).
bool hold_received_post(Context& ctx, const PolicyOutcome& outcome, const as2::ParsedObject& object,
                        const std::string& object_json, const core::Account& author) {
    return ctx.db.write([&](storage::Connection& conn) {
        if (storage::count_held_posts(conn) >= core::limits::kMaxHeldPosts ||
            object_json.size() > core::limits::kMaxHeldPostBytes) {
            storage::log_policy_decision(conn, {0, outcome.deciding_rule, "reject", object.id, author.uri,
                                                "review queue full or post too large: rejected instead of held",
                                                ctx.clock.now()});
            return false;
        }
        storage::hold_post(conn, {ctx.ids.next(), outcome.deciding_rule, author.uri, object.id, object_json,
                                  ctx.clock.now()});
        return true;
    });
}

}  // namespace

bool admit_received_post(Context& ctx, as2::ParsedObject& object, const rapidjson::Value& doc,
                         const core::Account& author) {
    PolicyOutcome outcome = evaluate_post(ctx, facts_of_remote_post(object, author));
    if (outcome.hold) {
        hold_received_post(ctx, outcome, object, serialise(doc), author);
        return false;
    }
    if (outcome.reject) return false;
    restrict_post(object, outcome);
    return true;
}

void release_held_post(Context& ctx, core::Id held_id) {
    auto held = ctx.db.read([&](storage::Connection& conn) { return storage::find_held_post(conn, held_id); });
    if (!held) throw Error(Errc::not_found, "no held post " + std::to_string(held_id));
    auto author = ctx.db.read([&](storage::Connection& conn) { return storage::find_account_by_uri(conn, held->actor_uri); });
    if (!author || author->is_suspended()) {
        throw Error(Errc::unprocessable, "the author " + held->actor_uri + " is no longer known here; drop the post");
    }
    rapidjson::Document doc = core::parse_json(held->object_json);
    as2::ParsedObject object = as2::parse_object(doc, author->followers_url);
    store_remote_post(ctx, object, *author);
    ctx.db.write([&](storage::Connection& conn) {
        storage::delete_held_post(conn, held_id);
        log_moderation(ctx, conn, *held, "released");
    });
}

void drop_held_post(Context& ctx, core::Id held_id) {
    ctx.db.write([&](storage::Connection& conn) {
        auto held = storage::find_held_post(conn, held_id);
        if (!held) throw Error(Errc::not_found, "no held post " + std::to_string(held_id));
        storage::delete_held_post(conn, held_id);
        log_moderation(ctx, conn, *held, "dropped");
    });
}

storage::PolicyRule change_policy_rule(Context& ctx, core::Id rule_id, RuleChange change) {
    return ctx.db.write([&](storage::Connection& conn) {
        auto found = storage::find_policy_rule(conn, rule_id);
        if (!found) throw Error(Errc::not_found, "no policy rule " + std::to_string(rule_id));
        if (change == RuleChange::remove) {
            storage::delete_policy_rule(conn, rule_id);
        } else {
            found->enabled = change == RuleChange::enable;
            storage::set_policy_rule_enabled(conn, rule_id, found->enabled);
        }
        return *found;
    });
}

}  // namespace gesso::activitypub
