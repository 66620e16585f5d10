#pragma once
// Domain policies set by the admin: per-domain blocks (suspend, silence, reject media) and the allowlist used
// when the node federates only with listed domains. A policy on a domain covers its subdomains: a block of
// example.com applies to sub.example.com too, and the most specific entry wins (a policy stored for
// sub.example.com overrides the one for example.com). Hosts are compared case-insensitively; a stored entry
// with a port ("a.test:8443") matches only that authority, one without a port matches every port.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Inserts or updates the block for `block.domain` (case-insensitive). Returns true if it was new.
bool upsert_domain_block(Connection& conn, const core::DomainBlock& block);
// Returns false if the domain was not blocked.
bool delete_domain_block(Connection& conn, std::string_view domain);
// The entry stored for exactly `domain` (no subdomain matching: this is the admin's row).
std::optional<core::DomainBlock> find_domain_block(Connection& conn, std::string_view domain);
std::vector<core::DomainBlock> list_domain_blocks(Connection& conn);

// The block that applies to `host` (a host or host:port, as url_authority gives it): the entry for the host
// itself or, failing that, for its nearest parent domain. nullopt when none applies.
std::optional<core::DomainBlock> find_domain_policy(Connection& conn, std::string_view host);
// True when `host` is suspended: nothing is accepted from or delivered to it.
bool domain_suspended(Connection& conn, std::string_view host);
// True when `host` is silenced: its activities are accepted, but its accounts stay out of public timelines and
// of notifications to people who do not follow them. Suspended hosts are not "silenced" (they are refused).
bool domain_silenced(Connection& conn, std::string_view host);
// True when attachments from `host` must be neither fetched nor stored (the Create handler keeps the post and
// drops its media). Suspended hosts answer true as well.
bool domain_rejects_media(Connection& conn, std::string_view host);
// True when the remote account `account_id` belongs to a silenced domain. Local and unknown accounts: false.
// The check timelines and notifications use for accounts the viewer does not follow.
bool account_silenced(Connection& conn, core::Id account_id);

// The allowlist. Entries cover subdomains like blocks do.
// Adds `domain`; returns true if it was new.
bool allow_domain(Connection& conn, std::string_view domain, core::TimePoint at);
// Removes `domain`; returns false if it was not listed.
bool disallow_domain(Connection& conn, std::string_view domain);
// Listed domains, alphabetically.
std::vector<std::string> list_allowed_domains(Connection& conn);
// True when `host` or one of its parent domains is on the allowlist.
bool domain_allowed(Connection& conn, std::string_view host);

// Whether the node federates with everyone not suspended, or only with allowlisted domains.
enum class FederationMode { open, allowlist };

// The one question every federation path asks (inbox POSTs, fan-out and delivery, signed fetches): true when
// nothing may be accepted from or delivered to `host`: it is suspended, or `mode` is allowlist and it is not
// allowed. A suspension wins over the allowlist.
bool federation_refused(Connection& conn, std::string_view host, FederationMode mode);

// The candidates a policy for `host` may be stored under, most specific first: "Sub.Example.com:8443" gives
// "sub.example.com:8443", "sub.example.com", "example.com", "com". Empty for an empty host.
std::vector<std::string> policy_domains_for(std::string_view host);

}  // namespace gesso::storage
