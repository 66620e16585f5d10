#include "storage/domain_blocks.hpp"

namespace gesso::storage {

namespace {
core::DomainBlock read_block(const Statement& s) {
    core::DomainBlock b;
    b.id = s.int64(0);
    b.domain = s.text(1);
    b.severity = s.text(2) == "silence" ? core::DomainSeverity::silence : core::DomainSeverity::suspend;
    b.reason = s.text(3);
    b.created_at = core::from_unix_ms(s.int64(4));
    return b;
}
const char* severity_name(core::DomainSeverity s) { return s == core::DomainSeverity::silence ? "silence" : "suspend"; }
}  // namespace

bool upsert_domain_block(Connection& conn, const core::DomainBlock& block) {
    bool existed = find_domain_block(conn, block.domain).has_value();
    auto stmt = conn.prepare(
        "INSERT INTO domain_blocks (id, domain, severity, reason, created_at) VALUES (?,?,?,?,?) "
        "ON CONFLICT (domain) DO UPDATE SET severity = excluded.severity, reason = excluded.reason");
    stmt.bind(1, block.id).bind(2, block.domain).bind(3, severity_name(block.severity)).bind(4, block.reason);
    stmt.bind(5, core::to_unix_ms(block.created_at)).run();
    return !existed;
}

bool delete_domain_block(Connection& conn, std::string_view domain) {
    conn.prepare("DELETE FROM domain_blocks WHERE domain = ?").bind(1, domain).run();
    return conn.changes() > 0;
}

std::optional<core::DomainBlock> find_domain_block(Connection& conn, std::string_view domain) {
    auto stmt = conn.prepare("SELECT id, domain, severity, reason, created_at FROM domain_blocks WHERE domain = ?");
    stmt.bind(1, domain);
    if (!stmt.step()) return std::nullopt;
    return read_block(stmt);
}

bool domain_suspended(Connection& conn, std::string_view domain) {
    auto block = find_domain_block(conn, domain);
    return block && block->severity == core::DomainSeverity::suspend;
}

std::vector<core::DomainBlock> list_domain_blocks(Connection& conn) {
    auto stmt = conn.prepare("SELECT id, domain, severity, reason, created_at FROM domain_blocks ORDER BY domain");
    std::vector<core::DomainBlock> out;
    while (stmt.step()) out.push_back(read_block(stmt));
    return out;
}

}  // namespace gesso::storage
