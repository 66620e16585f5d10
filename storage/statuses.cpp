#include "storage/statuses.hpp"
#include "storage/id_list.hpp"

#include "core/limits.hpp"
#include "storage/conversations.hpp"
#include "storage/post_details.hpp"

namespace gesso::storage {

namespace {
constexpr const char* kColumns =
    "id, account_id, uri, url, content, spoiler_text, visibility, sensitive, language, in_reply_to_id, "
    "in_reply_to_uri, reblog_of_id, local, created_at, edited_at, object_type, quote_uri, x_robots_tag, license";

core::Status read_status(const Statement& s) {
    core::Status st;
    int c = 0;
    st.id = s.int64(c++);
    st.account_id = s.int64(c++);
    st.uri = s.text(c++);
    st.url = s.text(c++);
    st.content = s.text(c++);
    st.spoiler_text = s.text(c++);
    st.visibility = static_cast<core::Visibility>(s.int64(c++));
    st.sensitive = s.boolean(c++);
    st.language = s.text(c++);
    st.in_reply_to_id = s.optional_int64(c++);
    st.in_reply_to_uri = s.text(c++);
    st.reblog_of_id = s.optional_int64(c++);
    st.local = s.boolean(c++);
    st.created_at = core::from_unix_ms(s.int64(c++));
    if (auto t = s.optional_int64(c++)) st.edited_at = core::from_unix_ms(*t);
    st.object_type = s.text(c++);
    st.quote_uri = s.text(c++);
    st.x_robots_tag = s.text(c++);
    st.license = s.text(c++);
    return st;
}
}  // namespace

void insert_status(Connection& conn, const core::Status& st) {
    static const std::string sql =
        std::string("INSERT INTO statuses (") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, st.id).bind(2, st.account_id).bind(3, st.uri).bind(4, st.url).bind(5, st.content);
    stmt.bind(6, st.spoiler_text).bind(7, static_cast<int>(st.visibility)).bind(8, st.sensitive);
    stmt.bind(9, st.language).bind(10, st.in_reply_to_id).bind(11, st.in_reply_to_uri);
    stmt.bind(12, st.reblog_of_id).bind(13, st.local).bind(14, core::to_unix_ms(st.created_at));
    if (st.edited_at) stmt.bind(15, core::to_unix_ms(*st.edited_at));
    else stmt.bind(15, nullptr);
    stmt.bind(16, st.object_type).bind(17, st.quote_uri).bind(18, st.x_robots_tag).bind(19, st.license);
    stmt.run();
}

std::vector<core::Status> list_public_statuses(Connection& conn, core::Id account_id, std::optional<core::Id> max_id,
                                               int limit) {
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM statuses WHERE account_id = ? AND id < ? AND visibility <= 1 "
                                   "AND deleted_at IS NULL AND reblog_of_id IS NULL ORDER BY id DESC LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, max_id.value_or(INT64_MAX)).bind(3, limit);
    std::vector<core::Status> out;
    while (stmt.step()) out.push_back(read_status(stmt));
    return out;
}

std::optional<core::Status> find_status_by_uri(Connection& conn, std::string_view uri) {
    static const std::string sql = std::string("SELECT ") + kColumns + " FROM statuses WHERE uri = ? AND deleted_at IS NULL";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, uri);
    if (!stmt.step()) return std::nullopt;
    return read_status(stmt);
}

std::optional<core::Status> find_status(Connection& conn, core::Id id) {
    static const std::string sql = std::string("SELECT ") + kColumns + " FROM statuses WHERE id = ? AND deleted_at IS NULL";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_status(stmt);
}

void mark_status_deleted(Connection& conn, core::Id id, core::TimePoint at) {
    conn.prepare("UPDATE statuses SET deleted_at = ?, content = '', spoiler_text = '' WHERE id = ?")
        .bind(1, core::to_unix_ms(at))
        .bind(2, id)
        .run();
    drop_from_conversation(conn, id);  // a direct status: its thread's previous one becomes the newest
    // A tombstone keeps nothing that points at it: timelines, mentions, tags, pins, polls, notifications.
    for (const char* sql : {"DELETE FROM home_timeline WHERE status_id = ?", "DELETE FROM list_timeline WHERE status_id = ?",
                            "DELETE FROM mentions WHERE status_id = ?",
                            "DELETE FROM status_tags WHERE status_id = ?", "DELETE FROM status_pins WHERE status_id = ?",
                            "DELETE FROM polls WHERE status_id = ?", "DELETE FROM notifications WHERE status_id = ?"}) {
        conn.prepare(sql).bind(1, id).run();
    }
    release_status_media(conn, id, at);
}

int link_orphan_replies(Connection& conn, core::Id parent_id, std::string_view parent_uri) {
    conn.prepare("UPDATE statuses SET in_reply_to_id = ? WHERE in_reply_to_id IS NULL AND in_reply_to_uri = ?")
        .bind(1, parent_id)
        .bind(2, parent_uri)
        .run();
    return conn.changes();
}

std::vector<core::Status> list_replies(Connection& conn, core::Id parent_id, int limit) {
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM statuses WHERE in_reply_to_id = ? AND deleted_at IS NULL ORDER BY id LIMIT ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, parent_id).bind(2, limit);
    std::vector<core::Status> out;
    while (stmt.step()) out.push_back(read_status(stmt));
    return out;
}


bool status_deleted(Connection& conn, std::string_view uri) {
    auto stmt = conn.prepare("SELECT 1 FROM statuses WHERE uri = ? AND deleted_at IS NOT NULL");
    stmt.bind(1, uri);
    return stmt.step();
}

void update_status_content(Connection& conn, core::Id id, std::string_view content, std::string_view spoiler_text,
                           bool sensitive, core::TimePoint edited_at) {
    // The version being replaced joins the history, dated when it was written, with its attachments' ids and
    // alt text and its poll's options; the oldest go past the limit.
    conn.prepare(
            "INSERT INTO status_edits (status_id, content, spoiler_text, sensitive, created_at, media, poll) "
            "SELECT s.id, s.content, s.spoiler_text, s.sensitive, COALESCE(s.edited_at, s.created_at), "
            "(SELECT json_group_array(json_object('id', m.id, 'description', m.description)) FROM "
            "(SELECT id, description FROM media WHERE status_id = s.id ORDER BY position, id) m), "
            "(SELECT json_object('multiple', p.multiple, 'options', json(p.options)) FROM polls p "
            "WHERE p.status_id = s.id) "
            "FROM statuses s WHERE s.id = ?")
        .bind(1, id)
        .run();
    conn.prepare(
            "DELETE FROM status_edits WHERE status_id = ? AND id NOT IN "
            "(SELECT id FROM status_edits WHERE status_id = ? ORDER BY id DESC LIMIT ?)")
        .bind(1, id)
        .bind(2, id)
        .bind(3, core::limits::kMaxStatusEdits - 1)
        .run();
    conn.prepare("UPDATE statuses SET content = ?, spoiler_text = ?, sensitive = ?, edited_at = ? WHERE id = ?")
        .bind(1, content)
        .bind(2, spoiler_text)
        .bind(3, sensitive)
        .bind(4, core::to_unix_ms(edited_at))
        .bind(5, id)
        .run();
}

int mark_account_statuses_deleted(Connection& conn, core::Id account_id, core::TimePoint at) {
    auto stmt = conn.prepare("SELECT DISTINCT status_id FROM media WHERE account_id = ? AND status_id IS NOT NULL");
    stmt.bind(1, account_id);
    std::vector<core::Id> with_media;
    while (stmt.step()) with_media.push_back(stmt.int64(0));
    for (core::Id status_id : with_media) release_status_media(conn, status_id, at);
    conn.prepare("DELETE FROM home_timeline WHERE status_id IN (SELECT id FROM statuses WHERE account_id = ?)")
        .bind(1, account_id)
        .run();
    conn.prepare("UPDATE statuses SET deleted_at = ?, content = '', spoiler_text = '' "
                 "WHERE account_id = ? AND deleted_at IS NULL")
        .bind(1, core::to_unix_ms(at))
        .bind(2, account_id)
        .run();
    return conn.changes();
}

bool insert_favourite(Connection& conn, core::Id id, core::Id account_id, core::Id status_id, std::string_view uri,
                      core::TimePoint at) {
    conn.prepare("INSERT OR IGNORE INTO favourites (id, account_id, status_id, uri, created_at) VALUES (?,?,?,?,?)")
        .bind(1, id)
        .bind(2, account_id)
        .bind(3, status_id)
        .bind(4, uri)
        .bind(5, core::to_unix_ms(at))
        .run();
    return conn.changes() > 0;
}

bool delete_favourite(Connection& conn, core::Id account_id, core::Id status_id) {
    conn.prepare("DELETE FROM favourites WHERE account_id = ? AND status_id = ?").bind(1, account_id).bind(2, status_id).run();
    return conn.changes() > 0;
}

std::optional<core::Id> find_favourite_by_uri(Connection& conn, core::Id account_id, std::string_view uri) {
    auto stmt = conn.prepare("SELECT status_id FROM favourites WHERE account_id = ? AND uri = ? AND uri != ''");
    stmt.bind(1, account_id).bind(2, uri);
    if (!stmt.step()) return std::nullopt;
    return stmt.int64(0);
}

std::int64_t count_favourites(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM favourites WHERE status_id = ?");
    stmt.bind(1, status_id);
    stmt.step();
    return stmt.int64(0);
}

std::optional<std::string> find_favourite_uri(Connection& conn, core::Id account_id, core::Id status_id) {
    auto stmt = conn.prepare("SELECT uri FROM favourites WHERE account_id = ? AND status_id = ?");
    stmt.bind(1, account_id).bind(2, status_id);
    if (!stmt.step()) return std::nullopt;
    return stmt.text(0);
}

std::int64_t count_replies(Connection& conn, core::Id parent_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM statuses WHERE in_reply_to_id = ? AND deleted_at IS NULL");
    stmt.bind(1, parent_id);
    stmt.step();
    return stmt.int64(0);
}

std::int64_t count_reblogs(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM statuses WHERE reblog_of_id = ? AND deleted_at IS NULL");
    stmt.bind(1, status_id);
    stmt.step();
    return stmt.int64(0);
}

std::optional<core::Status> find_reblog(Connection& conn, core::Id account_id, core::Id status_id) {
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM statuses WHERE account_id = ? AND reblog_of_id = ? AND deleted_at IS NULL";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, account_id).bind(2, status_id);
    if (!stmt.step()) return std::nullopt;
    return read_status(stmt);
}

TimelineInsert add_to_home_timeline(Connection& conn, core::Id account_id, core::Id status_id) {
    TimelineInsert out;
    // The reader's lists that include the author get the status too, by their replies policy: a reply goes
    // to a list when it answers the author themself or, by policy, a list member ('list') or an account the
    // reader follows ('followed'); never with 'none'.
    auto lists = conn.prepare(
            "INSERT OR IGNORE INTO list_timeline (list_id, status_id) "
            "SELECT l.id, s.id FROM statuses s JOIN list_accounts la ON la.account_id = s.account_id "
            "JOIN lists l ON l.id = la.list_id AND l.account_id = ? "
            "LEFT JOIN statuses p ON p.id = s.in_reply_to_id WHERE s.id = ? AND (p.id IS NULL "
            "OR p.account_id = s.account_id "
            "OR (l.replies_policy = 'list' AND p.account_id IN (SELECT account_id FROM list_accounts WHERE list_id = l.id)) "
            "OR (l.replies_policy = 'followed' AND (p.account_id = l.account_id OR EXISTS (SELECT 1 FROM follows f "
            "WHERE f.account_id = l.account_id AND f.target_account_id = p.account_id AND f.accepted = 1)))) "
            "RETURNING list_id");
    lists.bind(1, account_id).bind(2, status_id);
    while (lists.step()) out.lists.push_back(lists.int64(0));
    // Members of an exclusive list appear in that list only.
    auto exclusive = conn.prepare(
        "SELECT 1 FROM statuses s JOIN list_accounts la ON la.account_id = s.account_id "
        "JOIN lists l ON l.id = la.list_id AND l.account_id = ? AND l.exclusive = 1 WHERE s.id = ? LIMIT 1");
    exclusive.bind(1, account_id).bind(2, status_id);
    if (exclusive.step()) return out;
    // A reply enters a home timeline (as Mastodon's FeedManager#filter_from_home decides) when the reader wrote
    // it, or it answers its own author or the reader, or the reader follows whom it answers; a reply to a post
    // not known here (no parent row) stays out, as its addressee cannot be judged.
    conn.prepare(
            "INSERT OR IGNORE INTO home_timeline (account_id, status_id) SELECT ?1, s.id FROM statuses s "
            "LEFT JOIN statuses p ON p.id = s.in_reply_to_id WHERE s.id = ?2 AND (s.account_id = ?1 "
            "OR (s.in_reply_to_id IS NULL AND coalesce(s.in_reply_to_uri, '') = '') "
            "OR p.account_id = s.account_id OR p.account_id = ?1 "
            "OR EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ?1 AND f.target_account_id = p.account_id "
            "AND f.accepted = 1))")
        .bind(1, account_id)
        .bind(2, status_id)
        .run();
    out.home = conn.changes() > 0;
    return out;
}

std::vector<core::Id> home_timeline_accounts(Connection& conn, core::Id status_id, int limit) {
    auto stmt = conn.prepare("SELECT account_id FROM home_timeline WHERE status_id = ? LIMIT ?");
    stmt.bind(1, status_id).bind(2, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::vector<core::Id> home_timeline(Connection& conn, core::Id account_id, std::optional<core::Id> max_id, int limit) {
    auto stmt = conn.prepare(
        "SELECT status_id FROM home_timeline WHERE account_id = ? AND status_id < ? ORDER BY status_id DESC LIMIT ?");
    stmt.bind(1, account_id).bind(2, max_id.value_or(INT64_MAX)).bind(3, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::vector<core::Id> home_timeline_page(Connection& conn, core::Id account_id, const IdPage& page) {
    std::vector<core::Id> out;
    if (page.min_id) {
        auto stmt = conn.prepare(
            "SELECT status_id FROM home_timeline WHERE account_id = ? AND status_id > ? AND status_id < ? "
            "ORDER BY status_id ASC LIMIT ?");
        stmt.bind(1, account_id).bind(2, *page.min_id).bind(3, page.max_id.value_or(INT64_MAX)).bind(4, page.limit);
        while (stmt.step()) out.insert(out.begin(), stmt.int64(0));
        return out;
    }
    auto stmt = conn.prepare(
        "SELECT status_id FROM home_timeline WHERE account_id = ? AND status_id < ? AND status_id > ? "
        "ORDER BY status_id DESC LIMIT ?");
    stmt.bind(1, account_id).bind(2, page.max_id.value_or(INT64_MAX)).bind(3, page.since_id.value_or(0)).bind(4, page.limit);
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::int64_t count_public_statuses(Connection& conn, core::Id account_id) {
    // Kept by triggers (migration 7): public and unlisted statuses that are not deleted and not boosts.
    auto stmt = conn.prepare("SELECT public_statuses FROM account_stats WHERE account_id = ?");
    stmt.bind(1, account_id);
    return stmt.step() ? stmt.int64(0) : 0;
}

std::vector<core::Status> find_statuses(Connection& conn, const std::vector<core::Id>& ids) {
    static const std::string sql =
        std::string("SELECT ") + kColumns + " FROM statuses WHERE id IN " + kIdListSql + " AND deleted_at IS NULL";
    std::vector<core::Status> out;
    for_id_chunks(ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out.push_back(read_status(stmt));
    });
    return out;
}

std::unordered_map<core::Id, StatusCounts> count_status_reactions(Connection& conn, const std::vector<core::Id>& ids) {
    std::unordered_map<core::Id, StatusCounts> out;
    for_id_chunks(ids, [&](const std::string& list) {
        static const std::string replies = std::string("SELECT in_reply_to_id, count(*) FROM statuses WHERE in_reply_to_id IN ") +
                                           kIdListSql + " AND deleted_at IS NULL GROUP BY in_reply_to_id";
        auto r = conn.prepare(replies);
        r.bind(1, list);
        while (r.step()) out[r.int64(0)].replies = r.int64(1);
        static const std::string reblogs = std::string("SELECT reblog_of_id, count(*) FROM statuses WHERE reblog_of_id IN ") +
                                           kIdListSql + " AND deleted_at IS NULL GROUP BY reblog_of_id";
        auto b = conn.prepare(reblogs);
        b.bind(1, list);
        while (b.step()) out[b.int64(0)].reblogs = b.int64(1);
        static const std::string favourites =
            std::string("SELECT status_id, count(*) FROM favourites WHERE status_id IN ") + kIdListSql + " GROUP BY status_id";
        auto f = conn.prepare(favourites);
        f.bind(1, list);
        while (f.step()) out[f.int64(0)].favourites = f.int64(1);
    });
    return out;
}

namespace {
std::unordered_set<core::Id> ids_among(Connection& conn, const std::string& sql, core::Id account_id,
                                       const std::vector<core::Id>& ids) {
    std::unordered_set<core::Id> out;
    for_id_chunks(ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, account_id).bind(2, list);
        while (stmt.step()) out.insert(stmt.int64(0));
    });
    return out;
}
}  // namespace

std::unordered_set<core::Id> favourited_among(Connection& conn, core::Id account_id, const std::vector<core::Id>& ids) {
    static const std::string sql =
        std::string("SELECT status_id FROM favourites WHERE account_id = ? AND status_id IN ") + kIdListSql;
    return ids_among(conn, sql, account_id, ids);
}

std::unordered_set<core::Id> reblogged_among(Connection& conn, core::Id account_id, const std::vector<core::Id>& ids) {
    static const std::string sql = std::string("SELECT reblog_of_id FROM statuses WHERE account_id = ? AND reblog_of_id IN ") +
                                   kIdListSql + " AND deleted_at IS NULL";
    return ids_among(conn, sql, account_id, ids);
}

std::unordered_map<core::Id, std::int64_t> count_public_statuses_of(Connection& conn,
                                                                    const std::vector<core::Id>& account_ids) {
    static const std::string sql =
        std::string("SELECT account_id, public_statuses FROM account_stats WHERE account_id IN ") + kIdListSql;
    std::unordered_map<core::Id, std::int64_t> out;
    for_id_chunks(account_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out[stmt.int64(0)] = stmt.int64(1);
    });
    return out;
}

}  // namespace gesso::storage
