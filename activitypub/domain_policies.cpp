#include "activitypub/domain_policies.hpp"

#include <map>

#include "core/admin_limits.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "storage/domain_blocks.hpp"

namespace gesso::activitypub {

using core::Errc;
using core::Error;

std::string normalise_domain(std::string_view domain) {
    std::string d = core::to_lower_ascii(core::trim(domain));
    if (d.empty() || d.size() > core::limits::kMaxDomainLength || d.find_first_of("/ @") != std::string::npos) {
        std::string message = "'";
        message.append(domain.substr(0, core::limits::kMaxDomainLength)).append("' is not a domain name");
        throw Error(Errc::unprocessable, message);
    }
    return d;
}

core::DomainSeverity parse_domain_severity(std::string_view severity) {
    if (severity.empty() || severity == "suspend") return core::DomainSeverity::suspend;
    if (severity == "silence") return core::DomainSeverity::silence;
    if (severity == "none") return core::DomainSeverity::none;
    throw Error(Errc::unprocessable, "the severity is none, silence or suspend");
}

bool block_domain(Context& ctx, const DomainBlockInput& input) {
    core::DomainBlock block;
    block.domain = normalise_domain(input.domain);
    block.severity = input.severity;
    block.reject_media = input.reject_media;
    block.reason = std::string(core::trim(input.reason));
    if (block.severity == core::DomainSeverity::none && !block.reject_media) {
        throw Error(Errc::unprocessable, "severity none without reject-media would do nothing");
    }
    if (block.reason.size() > core::limits::kDomainReasonBytes) {
        throw Error(Errc::unprocessable, "the reason is too long");
    }
    block.id = ctx.ids.next();
    block.created_at = ctx.clock.now();
    return ctx.db.write([&](storage::Connection& conn) { return storage::upsert_domain_block(conn, block); });
}

void unblock_domain(Context& ctx, std::string_view domain) {
    std::string d = normalise_domain(domain);
    bool removed = ctx.db.write([&](storage::Connection& conn) { return storage::delete_domain_block(conn, d); });
    if (!removed) throw Error(Errc::not_found, d + " is not blocked");
}

bool allow_domain(Context& ctx, std::string_view domain) {
    std::string d = normalise_domain(domain);
    return ctx.db.write([&](storage::Connection& conn) { return storage::allow_domain(conn, d, ctx.clock.now()); });
}

void disallow_domain(Context& ctx, std::string_view domain) {
    std::string d = normalise_domain(domain);
    bool removed = ctx.db.write([&](storage::Connection& conn) { return storage::disallow_domain(conn, d); });
    if (!removed) throw Error(Errc::not_found, d + " is not on the allowlist");
}

std::vector<DomainPolicyRow> list_domain_policies(Context& ctx) {
    auto [blocks, allowed] = ctx.db.read([](storage::Connection& conn) {
        storage::ReadSnapshot snapshot(conn);
        return std::make_pair(storage::list_domain_blocks(conn), storage::list_allowed_domains(conn));
    });
    std::map<std::string, DomainPolicyRow> rows;  // by lower-case domain, as the tables compare them
    for (auto& b : blocks) {
        DomainPolicyRow& row = rows[core::to_lower_ascii(b.domain)];
        row.domain = b.domain;
        row.block = std::move(b);
    }
    for (const auto& a : allowed) {
        DomainPolicyRow& row = rows[core::to_lower_ascii(a)];
        if (row.domain.empty()) row.domain = a;
        row.allowed = true;
    }
    std::vector<DomainPolicyRow> out;
    for (auto& [lower, row] : rows) out.push_back(std::move(row));
    return out;
}

std::string domain_policy_words(const DomainPolicyRow& row) {
    std::string out;
    auto add = [&](std::string_view word) {
        if (!out.empty()) out += ',';
        out += word;
    };
    if (row.allowed) add("allow");
    if (row.block && row.block->severity == core::DomainSeverity::suspend) add("suspend");
    if (row.block && row.block->severity == core::DomainSeverity::silence) add("silence");
    if (row.block && row.block->reject_media) add("reject-media");
    return out;
}

}  // namespace gesso::activitypub
