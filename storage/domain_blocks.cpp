#include "storage/domain_blocks.hpp"

#include "core/limits.hpp"
#include "core/text.hpp"

namespace gesso::storage {

namespace {

constexpr const char* kBlockColumns = "SELECT id, domain, severity, reason, created_at, reject_media FROM domain_blocks ";

core::DomainSeverity parse_severity(const std::string& text) {
    if (text == "silence") return core::DomainSeverity::silence;
    if (text == "none") return core::DomainSeverity::none;
    return core::DomainSeverity::suspend;
}

const char* severity_name(core::DomainSeverity s) {
    switch (s) {
        case core::DomainSeverity::none: return "none";
        case core::DomainSeverity::silence: return "silence";
        case core::DomainSeverity::suspend: return "suspend";
    }
    return "suspend";
}

core::DomainBlock read_block(const Statement& s) {
    core::DomainBlock b;
    b.id = s.int64(0);
    b.domain = s.text(1);
    b.severity = parse_severity(s.text(2));
    b.reason = s.text(3);
    b.created_at = core::from_unix_ms(s.int64(4));
    b.reject_media = s.boolean(5);
    return b;
}

}  // namespace

std::vector<std::string> policy_domains_for(std::string_view host) {
    std::string h = core::to_lower_ascii(core::trim(host));
    std::vector<std::string> out;
    if (h.empty() || h.size() > core::limits::kMaxDomainLength + 6) return out;  // + ":65535"
    // host:port (or [v6]:port): the exact authority first, then the host without its port.
    std::size_t port_colon = std::string::npos;
    if (h.front() == '[') {
        auto close = h.find(']');
        if (close != std::string::npos && close + 1 < h.size() && h[close + 1] == ':') port_colon = close + 1;
    } else {
        port_colon = h.find(':');
    }
    if (port_colon != std::string::npos) {
        out.push_back(h);
        h.resize(port_colon);
    }
    while (!h.empty() && h.back() == '.') h.pop_back();
    if (h.empty()) return out;
    out.push_back(h);
    // IP literals have no parent domains.
    if (h.front() == '[' || h.find_first_not_of("0123456789.") == std::string::npos) return out;
    for (auto dot = h.find('.'); dot != std::string::npos; dot = h.find('.', dot + 1)) {
        if (dot + 1 < h.size()) out.push_back(h.substr(dot + 1));
    }
    return out;
}

bool upsert_domain_block(Connection& conn, const core::DomainBlock& block) {
    bool existed = find_domain_block(conn, block.domain).has_value();
    auto stmt = conn.prepare(
        "INSERT INTO domain_blocks (id, domain, severity, reason, created_at, reject_media) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT (domain) DO UPDATE SET severity = excluded.severity, reason = excluded.reason, "
        "reject_media = excluded.reject_media");
    stmt.bind(1, block.id).bind(2, block.domain).bind(3, severity_name(block.severity)).bind(4, block.reason);
    stmt.bind(5, core::to_unix_ms(block.created_at)).bind(6, block.reject_media).run();
    return !existed;
}

bool delete_domain_block(Connection& conn, std::string_view domain) {
    conn.prepare("DELETE FROM domain_blocks WHERE domain = ?").bind(1, domain).run();
    return conn.changes() > 0;
}

std::optional<core::DomainBlock> find_domain_block(Connection& conn, std::string_view domain) {
    auto stmt = conn.prepare(std::string(kBlockColumns) + "WHERE domain = ?");
    stmt.bind(1, domain);
    if (!stmt.step()) return std::nullopt;
    return read_block(stmt);
}

std::vector<core::DomainBlock> list_domain_blocks(Connection& conn) {
    auto stmt = conn.prepare(std::string(kBlockColumns) + "ORDER BY domain");
    std::vector<core::DomainBlock> out;
    while (stmt.step()) out.push_back(read_block(stmt));
    return out;
}

std::optional<core::DomainBlock> find_domain_policy(Connection& conn, std::string_view host) {
    for (const auto& candidate : policy_domains_for(host)) {
        if (auto block = find_domain_block(conn, candidate)) return block;
    }
    return std::nullopt;
}

bool domain_suspended(Connection& conn, std::string_view host) {
    auto block = find_domain_policy(conn, host);
    return block && block->severity == core::DomainSeverity::suspend;
}

bool domain_silenced(Connection& conn, std::string_view host) {
    auto block = find_domain_policy(conn, host);
    return block && block->severity == core::DomainSeverity::silence;
}

bool domain_rejects_media(Connection& conn, std::string_view host) {
    auto block = find_domain_policy(conn, host);
    return block && (block->reject_media || block->severity == core::DomainSeverity::suspend);
}

bool account_silenced(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT domain FROM accounts WHERE id = ?");
    stmt.bind(1, account_id);
    if (!stmt.step()) return false;
    std::string domain = stmt.text(0);
    return !domain.empty() && domain_silenced(conn, domain);
}

bool allow_domain(Connection& conn, std::string_view domain, core::TimePoint at) {
    conn.prepare("INSERT INTO domain_allows (domain, created_at) VALUES (?, ?) ON CONFLICT (domain) DO NOTHING")
        .bind(1, domain)
        .bind(2, core::to_unix_ms(at))
        .run();
    return conn.changes() > 0;
}

bool disallow_domain(Connection& conn, std::string_view domain) {
    conn.prepare("DELETE FROM domain_allows WHERE domain = ?").bind(1, domain).run();
    return conn.changes() > 0;
}

std::vector<std::string> list_allowed_domains(Connection& conn) {
    auto stmt = conn.prepare("SELECT domain FROM domain_allows ORDER BY domain");
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

bool domain_allowed(Connection& conn, std::string_view host) {
    for (const auto& candidate : policy_domains_for(host)) {
        auto stmt = conn.prepare("SELECT 1 FROM domain_allows WHERE domain = ?");
        stmt.bind(1, candidate);
        if (stmt.step()) return true;
    }
    return false;
}

bool federation_refused(Connection& conn, std::string_view host, FederationMode mode) {
    if (domain_suspended(conn, host)) return true;
    return mode == FederationMode::allowlist && !domain_allowed(conn, host);
}

}  // namespace gesso::storage
