#pragma once
// The admin's domain policies, validated: blocks (suspend, silence, reject media, or silence with rejected
// media) and the allowlist (in force when federation_mode is allowlist). One place for every admin surface: the
// CLI (`gesso admin domain ...`) and the admin pages (/admin/domains) call these.
#include <string>
#include <string_view>
#include <vector>

#include "activitypub/context.hpp"
#include "core/model.hpp"

namespace gesso::activitypub {

// `domain` trimmed and lower-cased. Throws core::Error(unprocessable) when it is empty, longer than
// limits::kMaxDomainLength or holds '/', ' ' or '@' (a URL or a handle, not a domain).
std::string normalise_domain(std::string_view domain);

// "suspend" (also ""), "silence" or "none". Throws core::Error(unprocessable) otherwise.
core::DomainSeverity parse_domain_severity(std::string_view severity);

struct DomainBlockInput {
    std::string domain;
    core::DomainSeverity severity = core::DomainSeverity::suspend;
    bool reject_media = false;
    std::string reason;  // shown to admins only; at most limits::kDomainReasonBytes bytes
};
// Adds or updates the block of a domain (and its subdomains). Throws core::Error(unprocessable) for an invalid
// domain, or for severity none without reject_media (it would do nothing). Returns true when it was new.
bool block_domain(Context& ctx, const DomainBlockInput& input);
// Throws core::Error(not_found) when the domain is not blocked.
void unblock_domain(Context& ctx, std::string_view domain);
// Adds to the allowlist; returns true when it was new.
bool allow_domain(Context& ctx, std::string_view domain);
// Throws core::Error(not_found) when the domain is not on the allowlist.
void disallow_domain(Context& ctx, std::string_view domain);

// One row per domain with a policy, alphabetically (case-insensitively): its block, if any, and whether it is
// on the allowlist.
struct DomainPolicyRow {
    std::string domain;
    std::optional<core::DomainBlock> block;
    bool allowed = false;
};
std::vector<DomainPolicyRow> list_domain_policies(Context& ctx);
// The row's policy in words: "suspend", "silence,reject-media", "allow"...
std::string domain_policy_words(const DomainPolicyRow& row);

}  // namespace gesso::activitypub
