#include "storage/follows.hpp"
#include "storage/id_list.hpp"

#include "core/json.hpp"
#include "core/json_parse.hpp"

namespace gesso::storage {

void insert_follow(Connection& conn, const core::Follow& f) {
    auto stmt = conn.prepare(
        "INSERT INTO follows (id, account_id, target_account_id, uri, accepted, created_at) VALUES (?,?,?,?,?,?)");
    stmt.bind(1, f.id).bind(2, f.account_id).bind(3, f.target_account_id).bind(4, f.uri).bind(5, f.accepted);
    stmt.bind(6, core::to_unix_ms(f.created_at)).run();
}

namespace {
core::Follow read_follow(const Statement& s) {
    core::Follow f;
    f.id = s.int64(0);
    f.account_id = s.int64(1);
    f.target_account_id = s.int64(2);
    f.uri = s.text(3);
    f.accepted = s.boolean(4);
    f.created_at = core::from_unix_ms(s.int64(5));
    return f;
}
constexpr const char* kFollowColumns = "SELECT id, account_id, target_account_id, uri, accepted, created_at FROM follows ";
}  // namespace

std::optional<core::Follow> find_follow(Connection& conn, core::Id account_id, core::Id target_account_id) {
    static const std::string sql = std::string(kFollowColumns) + "WHERE account_id = ? AND target_account_id = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, target_account_id);
    if (!stmt.step()) return std::nullopt;
    return read_follow(stmt);
}

std::optional<core::Follow> find_follow_by_uri(Connection& conn, std::string_view uri) {
    static const std::string sql = std::string(kFollowColumns) + "WHERE uri = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, uri);
    if (!stmt.step()) return std::nullopt;
    return read_follow(stmt);
}

void set_follow_accepted(Connection& conn, core::Id follow_id) {
    conn.prepare("UPDATE follows SET accepted = 1 WHERE id = ?").bind(1, follow_id).run();
}

bool delete_follow(Connection& conn, core::Id follow_id) {
    conn.prepare("DELETE FROM follows WHERE id = ?").bind(1, follow_id).run();
    return conn.changes() > 0;
}

std::vector<std::string> follower_inboxes(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare(
        "SELECT DISTINCT coalesce(nullif(a.shared_inbox_url, ''), a.inbox_url) FROM follows f "
        "JOIN accounts a ON a.id = f.account_id "
        "WHERE f.target_account_id = ? AND f.accepted = 1 AND a.domain != '' AND a.inbox_url != ''");
    stmt.bind(1, account_id);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

std::vector<core::Id> local_follower_ids(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare(
        "SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id "
        "WHERE f.target_account_id = ? AND f.accepted = 1 AND a.domain = ''");
    stmt.bind(1, account_id);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
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

std::int64_t count_pending_follow_requests(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM follows WHERE target_account_id = ? AND accepted = 0");
    stmt.bind(1, account_id);
    stmt.step();
    return stmt.int64(0);
}

void set_follow_options(Connection& conn, core::Id follow_id, const FollowOptions& o) {
    core::JsonWriter w;
    w.begin_array();
    for (const auto& l : o.languages) w.value(l);
    w.end_array();
    conn.prepare("UPDATE follows SET show_reblogs = ?, notify = ?, languages = ? WHERE id = ?")
        .bind(1, o.show_reblogs)
        .bind(2, o.notify)
        .bind(3, w.str())
        .bind(4, follow_id)
        .run();
}

FollowOptions find_follow_options(Connection& conn, core::Id account_id, core::Id target_account_id) {
    auto stmt = conn.prepare(
        "SELECT show_reblogs, notify, languages FROM follows WHERE account_id = ? AND target_account_id = ?");
    stmt.bind(1, account_id).bind(2, target_account_id);
    FollowOptions o;
    if (!stmt.step()) return o;
    o.show_reblogs = stmt.boolean(0);
    o.notify = stmt.boolean(1);
    rapidjson::Document doc;
    std::string text = stmt.text(2);
    if (!doc.Parse(text.data(), text.size()).HasParseError() && doc.IsArray()) {
        for (const auto& v : doc.GetArray()) {
            if (v.IsString()) o.languages.emplace_back(v.GetString(), v.GetStringLength());
        }
    }
    return o;
}

namespace {
std::vector<core::Id> local_followers_where(Connection& conn, core::Id account_id, const char* sql) {
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}
}  // namespace

std::vector<core::Id> local_boost_follower_ids(Connection& conn, core::Id account_id) {
    return local_followers_where(conn, account_id,
                                 "SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id "
                                 "WHERE f.target_account_id = ? AND f.accepted = 1 AND f.show_reblogs = 1 AND a.domain = ''");
}

std::vector<core::Id> local_notify_follower_ids(Connection& conn, core::Id account_id) {
    return local_followers_where(conn, account_id,
                                 "SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id "
                                 "WHERE f.target_account_id = ? AND f.accepted = 1 AND f.notify = 1 AND a.domain = ''");
}

std::vector<PageRow> follows_page(Connection& conn, core::Id account_id, FollowSide side, const IdPage& page) {
    const char* sql = side == FollowSide::followers
                          ? "SELECT f.id, f.account_id FROM follows f WHERE f.target_account_id = ? AND f.accepted = 1"
                          : "SELECT f.id, f.target_account_id FROM follows f WHERE f.account_id = ? AND f.accepted = 1";
    return page_rows(conn, sql, "f.id", page, [&](Statement& s) {
        s.bind(1, account_id);
        return 2;
    });
}

std::vector<PageRow> follow_requests_page(Connection& conn, core::Id account_id, const IdPage& page) {
    return page_rows(conn, "SELECT f.id, f.account_id FROM follows f WHERE f.target_account_id = ? AND f.accepted = 0",
                     "f.id", page, [&](Statement& s) {
                         s.bind(1, account_id);
                         return 2;
                     });
}

std::vector<core::Id> familiar_followers(Connection& conn, core::Id viewer, core::Id target, int limit) {
    auto stmt = conn.prepare(
        "SELECT mine.target_account_id FROM follows mine JOIN follows theirs "
        "ON theirs.account_id = mine.target_account_id AND theirs.target_account_id = ? AND theirs.accepted = 1 "
        "WHERE mine.account_id = ? AND mine.accepted = 1 ORDER BY mine.id DESC LIMIT ?");
    stmt.bind(1, target).bind(2, viewer).bind(3, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::vector<core::Follow> follows_from_domain(Connection& conn, core::Id target_account_id, std::string_view domain) {
    static const std::string sql =
        "SELECT f.id, f.account_id, f.target_account_id, f.uri, f.accepted, f.created_at FROM follows f "
        "JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND a.domain = ? COLLATE NOCASE";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, target_account_id).bind(2, domain);
    std::vector<core::Follow> out;
    while (stmt.step()) out.push_back(read_follow(stmt));
    return out;
}

std::unordered_map<core::Id, std::int64_t> count_follows_of(Connection& conn, const std::vector<core::Id>& account_ids,
                                                            FollowSide side) {
    static const std::string followers = std::string("SELECT target_account_id, count(*) FROM follows WHERE target_account_id IN ") +
                                         kIdListSql + " AND accepted = 1 GROUP BY target_account_id";
    static const std::string following = std::string("SELECT account_id, count(*) FROM follows WHERE account_id IN ") +
                                         kIdListSql + " AND accepted = 1 GROUP BY account_id";
    std::unordered_map<core::Id, std::int64_t> out;
    for_id_chunks(account_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(side == FollowSide::followers ? followers : following);
        stmt.bind(1, list);
        while (stmt.step()) out[stmt.int64(0)] = stmt.int64(1);
    });
    return out;
}

}  // namespace gesso::storage
