#include "storage/media.hpp"

#include <algorithm>
#include <bit>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::storage {

bool update_media_description(Connection& conn, core::Id id, core::Id account_id, std::string_view description,
                              double focus_x, double focus_y) {
    conn.prepare("UPDATE media SET description = ?, focus_x = ?, focus_y = ? WHERE id = ? AND account_id = ?")
        .bind(1, description)
        .bind(2, focus_x)
        .bind(3, focus_y)
        .bind(4, id)
        .bind(5, account_id)
        .run();
    return conn.changes() > 0;
}

void update_media_processed(Connection& conn, const core::MediaAttachment& m) {
    auto stmt = conn.prepare(
        "UPDATE media SET type = ?, file_path = ?, mime_type = ?, blurhash = ?, width = ?, height = ?, "
        "preview_width = ?, preview_height = ?, ai_verdict = ?, ai_evidence = ?, pdq = ?, pdq_quality = ?, "
        "data_mining = ?, original_path = ? WHERE id = ?");
    stmt.bind(1, m.type).bind(2, m.file_path).bind(3, m.mime_type).bind(4, m.blurhash).bind(5, m.width);
    stmt.bind(6, m.height).bind(7, m.preview_width).bind(8, m.preview_height).bind(9, m.ai_verdict);
    stmt.bind(10, m.ai_evidence).bind(11, m.pdq).bind(12, m.pdq_quality).bind(13, m.data_mining);
    stmt.bind(14, m.original_path).bind(15, m.id);
    stmt.run();
}

void put_media_hash(Connection& conn, core::Id media_id, std::string_view pdq_hex, int quality) {
    conn.prepare("INSERT INTO media_hashes (media_id, pdq, quality) VALUES (?, ?, ?) "
                 "ON CONFLICT (media_id) DO UPDATE SET pdq = excluded.pdq, quality = excluded.quality")
        .bind(1, media_id)
        .bind(2, pdq_hex)
        .bind(3, quality)
        .run();
}

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
constexpr std::size_t kPdqHexDigits = 64;
}  // namespace

int pdq_hex_distance(std::string_view a, std::string_view b) {
    if (a.size() != kPdqHexDigits || b.size() != kPdqHexDigits) return -1;
    int bits = 0;
    for (std::size_t i = 0; i < kPdqHexDigits; ++i) {
        int x = hex_value(a[i]);
        int y = hex_value(b[i]);
        if (x < 0 || y < 0) return -1;
        bits += std::popcount(static_cast<unsigned>(x ^ y));
    }
    return bits;
}

std::vector<NearDuplicate> find_near_duplicates(Connection& conn, std::string_view pdq_hex, int max_distance) {
    if (pdq_hex_distance(pdq_hex, pdq_hex) != 0) {
        throw core::Error(core::Errc::bad_request, "a PDQ hash is 64 hexadecimal digits");
    }
    auto stmt = conn.prepare("SELECT media_id, pdq FROM media_hashes WHERE quality >= ?");
    stmt.bind(1, core::limits::kPdqMinQuality);
    std::vector<NearDuplicate> out;
    while (stmt.step()) {
        int d = pdq_hex_distance(pdq_hex, stmt.text(1));
        if (d >= 0 && d <= max_distance) out.push_back({stmt.int64(0), d});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.distance < y.distance; });
    return out;
}

std::vector<std::pair<core::Id, std::string>> all_media_hashes(Connection& conn) {
    auto stmt = conn.prepare("SELECT media_id, pdq FROM media_hashes WHERE quality >= ? ORDER BY media_id");
    stmt.bind(1, core::limits::kPdqMinQuality);
    std::vector<std::pair<core::Id, std::string>> out;
    while (stmt.step()) out.emplace_back(stmt.int64(0), stmt.text(1));
    return out;
}

namespace {
constexpr const char* kQueueServed =
    "INSERT INTO media_garbage (area, name) SELECT CASE WHEN original_path = '' AND remote_url <> '' THEN 'cache' "
    "ELSE 'files' END, file_path FROM media WHERE id = ? AND file_path <> ''";
constexpr const char* kQueueOriginal =
    "INSERT INTO media_garbage (area, name) SELECT 'originals', original_path FROM media "
    "WHERE id = ? AND original_path <> ''";
}  // namespace

void queue_media_file(Connection& conn, std::string_view area, std::string_view name) {
    conn.prepare("INSERT INTO media_garbage (area, name) VALUES (?, ?)").bind(1, area).bind(2, name).run();
}

void discard_media(Connection& conn, core::Id media_id) {
    for (const char* sql : {kQueueServed, kQueueOriginal, "DELETE FROM media_hashes WHERE media_id = ?",
                            "DELETE FROM media WHERE id = ?"}) {
        conn.prepare(sql).bind(1, media_id).run();
    }
}

std::vector<core::Id> stale_unattached_media(Connection& conn, core::TimePoint cutoff, int limit) {
    auto stmt = conn.prepare(
        "SELECT id FROM media WHERE status_id IS NULL AND remote_url = '' AND created_at < ?1 "
        "AND COALESCE(detached_at, created_at) < ?1 ORDER BY created_at, id LIMIT ?2");
    stmt.bind(1, core::to_unix_ms(cutoff)).bind(2, limit);
    std::vector<core::Id> out;
    while (stmt.step()) out.push_back(stmt.int64(0));
    return out;
}

std::vector<GarbageFile> list_media_garbage(Connection& conn, int limit) {
    auto stmt = conn.prepare("SELECT id, area, name FROM media_garbage ORDER BY id LIMIT ?");
    stmt.bind(1, limit);
    std::vector<GarbageFile> out;
    while (stmt.step()) out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2)});
    return out;
}

void forget_media_garbage(Connection& conn, std::int64_t id) {
    conn.prepare("DELETE FROM media_garbage WHERE id = ?").bind(1, id).run();
}

void update_media_marks(Connection& conn, core::Id media_id, std::string_view file_path,
                        std::string_view data_mining, std::string_view license) {
    conn.prepare("UPDATE media SET file_path = ?, data_mining = ?, license = ? WHERE id = ?")
        .bind(1, file_path)
        .bind(2, data_mining)
        .bind(3, license)
        .bind(4, media_id)
        .run();
}

}  // namespace gesso::storage
