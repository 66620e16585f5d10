#include "storage/post_details.hpp"
#include "storage/id_list.hpp"

#include <algorithm>
#include <set>

#include "core/json.hpp"
#include "core/json_parse.hpp"
#include "storage/media.hpp"

namespace gesso::storage {

void replace_mentions(Connection& conn, core::Id status_id, const std::vector<core::MentionRef>& mentions) {
    conn.prepare("DELETE FROM mentions WHERE status_id = ?").bind(1, status_id).run();
    for (const auto& m : mentions) {
        conn.prepare("INSERT OR IGNORE INTO mentions (status_id, account_uri, account_id, name) VALUES (?,?,?,?)")
            .bind(1, status_id)
            .bind(2, m.account_uri)
            .bind(3, m.account_id)
            .bind(4, m.name)
            .run();
    }
}

std::vector<core::MentionRef> find_mentions(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT account_uri, account_id, name FROM mentions WHERE status_id = ? ORDER BY account_uri");
    stmt.bind(1, status_id);
    std::vector<core::MentionRef> out;
    while (stmt.step()) out.push_back({stmt.text(0), stmt.optional_int64(1), stmt.text(2)});
    return out;
}

std::string normalize_tag(std::string_view name) {
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
    return out;
}

void replace_tags(Connection& conn, core::Id status_id, const std::vector<std::string>& names) {
    conn.prepare("DELETE FROM status_tags WHERE status_id = ?").bind(1, status_id).run();
    for (const auto& name : names) {
        if (name.empty()) continue;
        conn.prepare("INSERT OR IGNORE INTO status_tags (tag, status_id, name) VALUES (?,?,?)")
            .bind(1, normalize_tag(name))
            .bind(2, status_id)
            .bind(3, name)
            .run();
    }
}

std::vector<std::string> find_tags(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT name FROM status_tags WHERE status_id = ? ORDER BY tag");
    stmt.bind(1, status_id);
    std::vector<std::string> out;
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

std::vector<core::Id> statuses_with_tag(Connection& conn, std::string_view tag, std::optional<core::Id> max_id, int limit) {
    auto stmt = conn.prepare(
        "SELECT t.status_id FROM status_tags t JOIN statuses s ON s.id = t.status_id WHERE t.tag = ? AND "
        "t.status_id < ? AND s.visibility = 0 AND s.deleted_at IS NULL ORDER BY t.status_id DESC LIMIT ?");
    stmt.bind(1, normalize_tag(tag)).bind(2, max_id.value_or(INT64_MAX)).bind(3, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

namespace {
constexpr const char* kMediaColumns =
    "id, account_id, status_id, type, file_path, remote_url, mime_type, description, blurhash, license, width, "
    "height, focus_x, focus_y, position, created_at, preview_width, preview_height, ai_verdict, ai_evidence, pdq, "
    "pdq_quality, cloak, watermark, data_mining, original_path";

core::MediaAttachment read_media(const Statement& s) {
    core::MediaAttachment m;
    int c = 0;
    m.id = s.int64(c++);
    m.account_id = s.int64(c++);
    m.status_id = s.optional_int64(c++);
    m.type = s.text(c++);
    m.file_path = s.text(c++);
    m.remote_url = s.text(c++);
    m.mime_type = s.text(c++);
    m.description = s.text(c++);
    m.blurhash = s.text(c++);
    m.license = s.text(c++);
    m.width = static_cast<int>(s.int64(c++));
    m.height = static_cast<int>(s.int64(c++));
    m.focus_x = s.real(c++);
    m.focus_y = s.real(c++);
    m.position = static_cast<int>(s.int64(c++));
    m.created_at = core::from_unix_ms(s.int64(c++));
    m.preview_width = static_cast<int>(s.int64(c++));
    m.preview_height = static_cast<int>(s.int64(c++));
    m.ai_verdict = s.text(c++);
    m.ai_evidence = s.text(c++);
    m.pdq = s.text(c++);
    m.pdq_quality = static_cast<int>(s.int64(c++));
    m.cloak = s.text(c++);
    m.watermark = s.int64(c++) != 0;
    m.data_mining = s.text(c++);
    m.original_path = s.text(c++);
    return m;
}
}  // namespace

void insert_media(Connection& conn, const core::MediaAttachment& m) {
    static const std::string sql =
        std::string("INSERT INTO media (") + kMediaColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, m.id).bind(2, m.account_id).bind(3, m.status_id).bind(4, m.type).bind(5, m.file_path);
    stmt.bind(6, m.remote_url).bind(7, m.mime_type).bind(8, m.description).bind(9, m.blurhash).bind(10, m.license);
    stmt.bind(11, m.width).bind(12, m.height).bind(13, m.focus_x).bind(14, m.focus_y).bind(15, m.position);
    stmt.bind(16, core::to_unix_ms(m.created_at)).bind(17, m.preview_width).bind(18, m.preview_height);
    stmt.bind(19, m.ai_verdict).bind(20, m.ai_evidence).bind(21, m.pdq).bind(22, m.pdq_quality).bind(23, m.cloak);
    stmt.bind(24, m.watermark ? 1 : 0).bind(25, m.data_mining).bind(26, m.original_path);
    stmt.run();
}

int attach_media(Connection& conn, core::Id account_id, core::Id status_id, const std::vector<core::Id>& media_ids) {
    int attached = 0;
    for (std::size_t i = 0; i < media_ids.size(); ++i) {
        conn.prepare("UPDATE media SET status_id = ?, position = ? WHERE id = ? AND account_id = ? AND status_id IS NULL")
            .bind(1, status_id)
            .bind(2, static_cast<int>(i))
            .bind(3, media_ids[i])
            .bind(4, account_id)
            .run();
        attached += conn.changes();
    }
    return attached;
}

void detach_status_media(Connection& conn, core::Id status_id, core::TimePoint at) {
    conn.prepare("UPDATE media SET status_id = NULL, detached_at = ? WHERE status_id = ?")
        .bind(1, core::to_unix_ms(at))
        .bind(2, status_id)
        .run();
}

void delete_status_media(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT id FROM media WHERE status_id = ?");
    stmt.bind(1, status_id);
    std::vector<core::Id> ids;
    while (stmt.step()) ids.push_back(stmt.int64(0));
    for (core::Id id : ids) discard_media(conn, id);  // their files go once this commits (media_garbage)
}

void release_status_media(Connection& conn, core::Id status_id, core::TimePoint at) {
    auto stmt = conn.prepare("SELECT id, remote_url FROM media WHERE status_id = ?");
    stmt.bind(1, status_id);
    std::vector<std::pair<core::Id, bool>> rows;
    while (stmt.step()) rows.emplace_back(stmt.int64(0), !stmt.text(1).empty());
    for (const auto& [id, remote] : rows) {
        if (remote) {
            discard_media(conn, id);
        } else {
            conn.prepare("UPDATE media SET status_id = NULL, detached_at = ? WHERE id = ?")
                .bind(1, core::to_unix_ms(at))
                .bind(2, id)
                .run();
        }
    }
}

std::vector<core::MediaAttachment> find_status_media(Connection& conn, core::Id status_id) {
    static const std::string sql =
        std::string("SELECT ") + kMediaColumns + " FROM media WHERE status_id = ? ORDER BY position, id";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, status_id);
    std::vector<core::MediaAttachment> out;
    while (stmt.step()) out.push_back(read_media(stmt));
    return out;
}

std::optional<core::MediaAttachment> find_media(Connection& conn, core::Id id) {
    static const std::string sql = std::string("SELECT ") + kMediaColumns + " FROM media WHERE id = ?";
    auto stmt = conn.prepare(sql);
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_media(stmt);
}

namespace {
std::string options_json(const std::vector<core::PollChoice>& options) {
    core::JsonWriter w;
    w.begin_array();
    for (const auto& o : options) w.begin_object().field("title", o.title).field("votes", o.votes).end_object();
    w.end_array();
    return w.str();
}

std::vector<core::PollChoice> parse_options(const std::string& json) {
    rapidjson::Document doc = core::parse_json(json);
    std::vector<core::PollChoice> out;
    for (const auto& o : doc.GetArray()) out.push_back({o["title"].GetString(), o["votes"].GetInt64()});
    return out;
}

// Reads multiple, options, expires_at, closed_at, voters_count (columns 0-4).
core::Poll read_poll(const Statement& stmt, core::Id status_id) {
    core::Poll poll;
    poll.status_id = status_id;
    poll.multiple = stmt.boolean(0);
    poll.options = parse_options(stmt.text(1));
    if (auto t = stmt.optional_int64(2)) poll.expires_at = core::from_unix_ms(*t);
    if (auto t = stmt.optional_int64(3)) poll.closed_at = core::from_unix_ms(*t);
    poll.voters_count = stmt.optional_int64(4);
    return poll;
}

std::optional<std::int64_t> optional_ms(const std::optional<core::TimePoint>& t) {
    if (!t) return std::nullopt;
    return core::to_unix_ms(*t);
}
}  // namespace

void upsert_poll(Connection& conn, const core::Poll& poll) {
    conn.prepare(
            "INSERT INTO polls (status_id, multiple, options, expires_at, closed_at, voters_count) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (status_id) DO UPDATE SET multiple = excluded.multiple, options = excluded.options, "
            "expires_at = excluded.expires_at, closed_at = excluded.closed_at, voters_count = excluded.voters_count")
        .bind(1, poll.status_id)
        .bind(2, poll.multiple)
        .bind(3, options_json(poll.options))
        .bind(4, optional_ms(poll.expires_at))
        .bind(5, optional_ms(poll.closed_at))
        .bind(6, poll.voters_count)
        .run();
}

std::optional<core::Poll> find_poll(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare(
        "SELECT multiple, options, expires_at, closed_at, voters_count FROM polls WHERE status_id = ?");
    stmt.bind(1, status_id);
    if (!stmt.step()) return std::nullopt;
    return read_poll(stmt, status_id);
}

bool insert_poll_vote(Connection& conn, core::Id id, core::Id status_id, core::Id account_id, int choice,
                      std::string_view uri, core::TimePoint at) {
    auto poll = find_poll(conn, status_id);
    if (!poll || choice < 0 || static_cast<std::size_t>(choice) >= poll->options.size()) return false;
    bool first_vote = find_poll_votes(conn, status_id, account_id).empty();
    conn.prepare("INSERT OR IGNORE INTO poll_votes (id, status_id, account_id, choice, uri, created_at) VALUES (?,?,?,?,?,?)")
        .bind(1, id)
        .bind(2, status_id)
        .bind(3, account_id)
        .bind(4, choice)
        .bind(5, uri)
        .bind(6, core::to_unix_ms(at))
        .run();
    if (conn.changes() == 0) return false;
    poll->options[static_cast<std::size_t>(choice)].votes += 1;
    if (first_vote) poll->voters_count = poll->voters_count.value_or(0) + 1;
    upsert_poll(conn, *poll);
    return true;
}

void delete_poll_votes(Connection& conn, core::Id status_id) {
    conn.prepare("DELETE FROM poll_votes WHERE status_id = ?").bind(1, status_id).run();
}

std::vector<int> find_poll_votes(Connection& conn, core::Id status_id, core::Id account_id) {
    auto stmt = conn.prepare("SELECT choice FROM poll_votes WHERE status_id = ? AND account_id = ? ORDER BY choice");
    stmt.bind(1, status_id).bind(2, account_id);
    std::vector<int> out;
    while (stmt.step()) out.push_back(static_cast<int>(stmt.int64(0)));
    return out;
}

void upsert_emoji(Connection& conn, std::string_view shortcode, std::string_view domain, std::string_view image_url,
                  std::string_view uri, core::TimePoint at) {
    conn.prepare(
            "INSERT INTO custom_emojis (shortcode, domain, image_url, uri, updated_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT (shortcode, domain) DO UPDATE SET image_url = excluded.image_url, uri = excluded.uri, "
            "updated_at = excluded.updated_at")
        .bind(1, shortcode)
        .bind(2, domain)
        .bind(3, image_url)
        .bind(4, uri)
        .bind(5, core::to_unix_ms(at))
        .run();
}

std::vector<EmojiRow> find_emojis(Connection& conn, std::string_view domain, const std::vector<std::string>& shortcodes) {
    std::vector<EmojiRow> out;
    std::set<std::string> seen;
    for (const auto& code : shortcodes) {
        if (!seen.insert(code).second) continue;
        auto stmt = conn.prepare("SELECT image_url FROM custom_emojis WHERE shortcode = ? AND domain = ?");
        stmt.bind(1, code).bind(2, domain);
        if (stmt.step()) out.push_back({code, std::string(domain), stmt.text(0)});
    }
    return out;
}

std::unordered_map<core::Id, std::vector<core::MentionRef>> find_mentions_of(Connection& conn, const std::vector<core::Id>& status_ids) {
    static const std::string sql = std::string("SELECT status_id, account_uri, account_id, name FROM mentions WHERE status_id IN ") +
                                   kIdListSql + " ORDER BY status_id, account_uri";
    std::unordered_map<core::Id, std::vector<core::MentionRef>> out;
    for_id_chunks(status_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out[stmt.int64(0)].push_back({stmt.text(1), stmt.optional_int64(2), stmt.text(3)});
    });
    return out;
}

std::unordered_map<core::Id, std::vector<std::string>> find_tags_of(Connection& conn, const std::vector<core::Id>& status_ids) {
    static const std::string sql =
        std::string("SELECT status_id, name FROM status_tags WHERE status_id IN ") + kIdListSql + " ORDER BY status_id, tag";
    std::unordered_map<core::Id, std::vector<std::string>> out;
    for_id_chunks(status_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) out[stmt.int64(0)].push_back(stmt.text(1));
    });
    return out;
}

std::unordered_map<core::Id, std::vector<core::MediaAttachment>> find_media_of(Connection& conn,
                                                                               const std::vector<core::Id>& status_ids) {
    static const std::string sql = std::string("SELECT ") + kMediaColumns + " FROM media WHERE status_id IN " + kIdListSql +
                                   " ORDER BY status_id, position, id";
    std::unordered_map<core::Id, std::vector<core::MediaAttachment>> out;
    for_id_chunks(status_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) {
            core::MediaAttachment m = read_media(stmt);
            out[*m.status_id].push_back(std::move(m));
        }
    });
    return out;
}

std::unordered_map<core::Id, core::Poll> find_polls(Connection& conn, const std::vector<core::Id>& status_ids) {
    static const std::string sql =
        std::string("SELECT multiple, options, expires_at, closed_at, voters_count, status_id FROM polls WHERE status_id IN ") +
        kIdListSql;
    std::unordered_map<core::Id, core::Poll> out;
    for_id_chunks(status_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, list);
        while (stmt.step()) {
            core::Id id = stmt.int64(5);
            out[id] = read_poll(stmt, id);
        }
    });
    return out;
}

std::unordered_map<core::Id, std::vector<int>> find_poll_votes_of(Connection& conn, const std::vector<core::Id>& status_ids,
                                                                  core::Id account_id) {
    static const std::string sql = std::string("SELECT status_id, choice FROM poll_votes WHERE account_id = ? AND status_id IN ") +
                                   kIdListSql + " ORDER BY status_id, choice";
    std::unordered_map<core::Id, std::vector<int>> out;
    for_id_chunks(status_ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, account_id).bind(2, list);
        while (stmt.step()) out[stmt.int64(0)].push_back(static_cast<int>(stmt.int64(1)));
    });
    return out;
}

}  // namespace gesso::storage
