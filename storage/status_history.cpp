#include "storage/status_history.hpp"

#include <rapidjson/document.h>

#include "core/limits.hpp"

namespace gesso::storage {

namespace {

// The snapshot columns of status_edits, written by update_status_content; anything malformed reads as absent.
std::vector<StatusVersion::Media> parse_media_snapshot(const std::optional<std::string>& json) {
    std::vector<StatusVersion::Media> out;
    if (!json) return out;
    rapidjson::Document doc;
    doc.Parse(json->data(), json->size());
    if (doc.HasParseError() || !doc.IsArray()) return out;
    for (const auto& m : doc.GetArray()) {
        if (!m.IsObject() || !m.HasMember("id") || !m["id"].IsInt64()) continue;
        StatusVersion::Media item;
        item.id = m["id"].GetInt64();
        if (m.HasMember("description") && m["description"].IsString()) item.description = m["description"].GetString();
        out.push_back(std::move(item));
    }
    return out;
}

std::optional<core::Poll> parse_poll_snapshot(const std::optional<std::string>& json, core::Id status_id) {
    if (!json) return std::nullopt;
    rapidjson::Document doc;
    doc.Parse(json->data(), json->size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("options") || !doc["options"].IsArray()) {
        return std::nullopt;
    }
    core::Poll poll;
    poll.status_id = status_id;
    poll.multiple = doc.HasMember("multiple") && doc["multiple"].IsInt() && doc["multiple"].GetInt() != 0;
    for (const auto& o : doc["options"].GetArray()) {
        if (o.IsObject() && o.HasMember("title") && o["title"].IsString()) poll.options.push_back({o["title"].GetString(), 0});
    }
    return poll;
}

}  // namespace

std::vector<StatusVersion> status_versions(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare(
        "SELECT content, spoiler_text, sensitive, created_at, media, poll FROM status_edits WHERE status_id = ? "
        "ORDER BY id");
    stmt.bind(1, status_id);
    std::vector<StatusVersion> out;
    while (stmt.step()) {
        StatusVersion v{stmt.text(0), stmt.text(1), stmt.boolean(2), core::from_unix_ms(stmt.int64(3)), {}, {}};
        v.media = parse_media_snapshot(stmt.is_null(4) ? std::nullopt : std::optional<std::string>(stmt.text(4)));
        v.poll = parse_poll_snapshot(stmt.is_null(5) ? std::nullopt : std::optional<std::string>(stmt.text(5)), status_id);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<core::Id> local_booster_ids(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare(
        "SELECT DISTINCT s.account_id FROM statuses s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.reblog_of_id = ? AND s.deleted_at IS NULL AND a.domain = ''");
    stmt.bind(1, status_id);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

core::Id conversation_root(Connection& conn, core::Id status_id) {
    core::Id root = status_id;
    for (std::size_t i = 0; i < core::limits::kMaxContextStatuses; ++i) {
        auto stmt = conn.prepare("SELECT in_reply_to_id FROM statuses WHERE id = ?");
        stmt.bind(1, root);
        if (!stmt.step() || stmt.is_null(0)) break;
        root = stmt.int64(0);
    }
    return root;
}

void mute_conversation(Connection& conn, core::Id account_id, core::Id status_id) {
    conn.prepare("INSERT OR IGNORE INTO status_mutes (account_id, status_id) VALUES (?, ?)")
        .bind(1, account_id)
        .bind(2, conversation_root(conn, status_id))
        .run();
}

void unmute_conversation(Connection& conn, core::Id account_id, core::Id status_id) {
    conn.prepare("DELETE FROM status_mutes WHERE account_id = ? AND status_id = ?")
        .bind(1, account_id)
        .bind(2, conversation_root(conn, status_id))
        .run();
}

bool mutes_any_conversation(Connection& conn, core::Id account_id) {
    auto any = conn.prepare("SELECT 1 FROM status_mutes WHERE account_id = ? LIMIT 1");
    any.bind(1, account_id);
    return any.step();
}

bool conversation_muted(Connection& conn, core::Id account_id, core::Id status_id) {
    if (!mutes_any_conversation(conn, account_id)) return false;  // cheap first: most accounts mute nothing
    auto stmt = conn.prepare("SELECT 1 FROM status_mutes WHERE account_id = ? AND status_id = ?");
    stmt.bind(1, account_id).bind(2, conversation_root(conn, status_id));
    return stmt.step();
}

void save_status_source(Connection& conn, core::Id status_id, std::string_view text) {
    conn.prepare("INSERT INTO status_sources (status_id, text) VALUES (?, ?) "
                 "ON CONFLICT (status_id) DO UPDATE SET text = excluded.text")
        .bind(1, status_id)
        .bind(2, text)
        .run();
}

std::optional<std::string> find_status_source(Connection& conn, core::Id status_id) {
    auto stmt = conn.prepare("SELECT text FROM status_sources WHERE status_id = ?");
    stmt.bind(1, status_id);
    if (!stmt.step()) return std::nullopt;
    return stmt.text(0);
}

std::optional<core::Id> find_idempotent_status(Connection& conn, core::Id account_id, std::string_view key,
                                               core::TimePoint since) {
    auto stmt = conn.prepare(
        "SELECT status_id FROM idempotency_keys WHERE account_id = ? AND key = ? AND created_at >= ?");
    stmt.bind(1, account_id).bind(2, key).bind(3, core::to_unix_ms(since));
    if (!stmt.step()) return std::nullopt;
    return stmt.int64(0);
}

void save_idempotency_key(Connection& conn, core::Id account_id, std::string_view key, core::Id status_id,
                          core::TimePoint at) {
    conn.prepare("INSERT INTO idempotency_keys (account_id, key, status_id, created_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (account_id, key) DO UPDATE SET status_id = excluded.status_id, "
                 "created_at = excluded.created_at")
        .bind(1, account_id)
        .bind(2, key)
        .bind(3, status_id)
        .bind(4, core::to_unix_ms(at))
        .run();
}

}  // namespace gesso::storage
