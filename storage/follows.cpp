#include "storage/follows.hpp"

namespace gesso::storage {

void insert_follow(Connection& conn, const core::Follow& f) {
    auto stmt = conn.prepare(
        "INSERT INTO follows (id, account_id, target_account_id, uri, accepted, created_at) VALUES (?,?,?,?,?,?)");
    stmt.bind(1, f.id).bind(2, f.account_id).bind(3, f.target_account_id).bind(4, f.uri).bind(5, f.accepted);
    stmt.bind(6, core::to_unix_ms(f.created_at)).run();
}

std::vector<FollowEntry> list_follows(Connection& conn, core::Id account_id, FollowSide side,
                                      std::optional<core::Id> max_id, int limit) {
    const char* sql = side == FollowSide::followers
                          ? "SELECT f.id, a.uri FROM follows f JOIN accounts a ON a.id = f.account_id "
                            "WHERE f.target_account_id = ? AND f.accepted = 1 AND f.id < ? ORDER BY f.id DESC LIMIT ?"
                          : "SELECT f.id, a.uri FROM follows f JOIN accounts a ON a.id = f.target_account_id "
                            "WHERE f.account_id = ? AND f.accepted = 1 AND f.id < ? ORDER BY f.id DESC LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, max_id.value_or(INT64_MAX)).bind(3, limit);
    std::vector<FollowEntry> out;
    while (stmt.step()) out.push_back({stmt.int64(0), stmt.text(1)});
    return out;
}

std::int64_t count_follows(Connection& conn, core::Id account_id, FollowSide side) {
    auto stmt = conn.prepare(side == FollowSide::followers
                                 ? "SELECT count(*) FROM follows WHERE target_account_id = ? AND accepted = 1"
                                 : "SELECT count(*) FROM follows WHERE account_id = ? AND accepted = 1");
    stmt.bind(1, account_id);
    stmt.step();
    return stmt.int64(0);
}

}  // namespace gesso::storage
