#include "storage/filters.hpp"

#include <atomic>
#include <cstdint>

namespace gesso::storage {

namespace {

std::atomic<std::uint64_t> filters_changed{0};

// Counts a change now and again once the transaction commits: a reader that loaded filters meanwhile saw the
// generation before the commit and reloads after it.
void changed(Connection& conn) {
    filters_changed.fetch_add(1, std::memory_order_acq_rel);
    conn.after_commit([] { filters_changed.fetch_add(1, std::memory_order_acq_rel); });
}

std::string join_contexts(const std::vector<std::string>& contexts) {
    std::string out;
    for (const auto& c : contexts) out += (out.empty() ? "" : ",") + c;
    return out;
}

std::vector<std::string> split_contexts(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

void load_children(Connection& conn, Filter& f) {
    auto kw = conn.prepare("SELECT id, keyword, whole_word FROM filter_keywords WHERE filter_id = ? ORDER BY id");
    kw.bind(1, f.id);
    while (kw.step()) f.keywords.push_back({kw.int64(0), kw.text(1), kw.boolean(2)});
    auto st = conn.prepare("SELECT id, status_id FROM filter_statuses WHERE filter_id = ? ORDER BY id");
    st.bind(1, f.id);
    while (st.step()) f.statuses.push_back({st.int64(0), st.int64(1)});
}

Filter read_filter(Statement& stmt) {
    Filter f;
    f.id = stmt.int64(0);
    f.account_id = stmt.int64(1);
    f.title = stmt.text(2);
    f.contexts = split_contexts(stmt.text(3));
    f.action = stmt.text(4);
    if (auto at = stmt.optional_int64(5)) f.expires_at = core::from_unix_ms(*at);
    return f;
}

constexpr const char* kColumns = "SELECT id, account_id, title, contexts, action, expires_at FROM filters ";

}  // namespace

void insert_filter(Connection& conn, const Filter& f, core::TimePoint at) {
    changed(conn);
    conn.prepare("INSERT INTO filters (id, account_id, title, contexts, action, expires_at, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, f.id)
        .bind(2, f.account_id)
        .bind(3, f.title)
        .bind(4, join_contexts(f.contexts))
        .bind(5, f.action)
        .bind(6, f.expires_at ? std::optional<std::int64_t>(core::to_unix_ms(*f.expires_at)) : std::nullopt)
        .bind(7, core::to_unix_ms(at))
        .run();
    for (const auto& k : f.keywords) insert_filter_keyword(conn, f.id, k);
    for (const auto& s : f.statuses) insert_filter_status(conn, f.id, s);
}

bool update_filter(Connection& conn, const Filter& f) {
    changed(conn);
    conn.prepare("UPDATE filters SET title = ?, contexts = ?, action = ?, expires_at = ? WHERE id = ? AND account_id = ?")
        .bind(1, f.title)
        .bind(2, join_contexts(f.contexts))
        .bind(3, f.action)
        .bind(4, f.expires_at ? std::optional<std::int64_t>(core::to_unix_ms(*f.expires_at)) : std::nullopt)
        .bind(5, f.id)
        .bind(6, f.account_id)
        .run();
    return conn.changes() > 0;
}

bool delete_filter(Connection& conn, core::Id account_id, core::Id filter_id) {
    changed(conn);
    conn.prepare("DELETE FROM filters WHERE id = ? AND account_id = ?").bind(1, filter_id).bind(2, account_id).run();
    return conn.changes() > 0;
}

std::optional<Filter> find_filter(Connection& conn, core::Id account_id, core::Id filter_id) {
    auto stmt = conn.prepare(std::string(kColumns) + "WHERE id = ? AND account_id = ?");
    stmt.bind(1, filter_id).bind(2, account_id);
    if (!stmt.step()) return std::nullopt;
    Filter f = read_filter(stmt);
    load_children(conn, f);
    return f;
}

std::vector<Filter> filters_of(Connection& conn, core::Id account_id, std::optional<core::TimePoint> live_at) {
    auto stmt = conn.prepare(std::string(kColumns) + "WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id");
    stmt.bind(1, account_id).bind(2, live_at ? core::to_unix_ms(*live_at) : INT64_MIN);
    std::vector<Filter> out;
    while (stmt.step()) out.push_back(read_filter(stmt));
    for (auto& f : out) load_children(conn, f);
    return out;
}

int count_filters(Connection& conn, core::Id account_id) {
    auto stmt = conn.prepare("SELECT count(*) FROM filters WHERE account_id = ?");
    stmt.bind(1, account_id);
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

void insert_filter_keyword(Connection& conn, core::Id filter_id, const FilterKeyword& k) {
    changed(conn);
    conn.prepare("INSERT INTO filter_keywords (id, filter_id, keyword, whole_word) VALUES (?, ?, ?, ?)")
        .bind(1, k.id)
        .bind(2, filter_id)
        .bind(3, k.keyword)
        .bind(4, k.whole_word)
        .run();
}

bool update_filter_keyword(Connection& conn, core::Id filter_id, const FilterKeyword& k) {
    changed(conn);
    conn.prepare("UPDATE filter_keywords SET keyword = ?, whole_word = ? WHERE id = ? AND filter_id = ?")
        .bind(1, k.keyword)
        .bind(2, k.whole_word)
        .bind(3, k.id)
        .bind(4, filter_id)
        .run();
    return conn.changes() > 0;
}

bool delete_filter_keyword(Connection& conn, core::Id filter_id, core::Id keyword_id) {
    changed(conn);
    conn.prepare("DELETE FROM filter_keywords WHERE id = ? AND filter_id = ?").bind(1, keyword_id).bind(2, filter_id).run();
    return conn.changes() > 0;
}

std::optional<std::pair<core::Id, FilterKeyword>> find_filter_keyword(Connection& conn, core::Id account_id, core::Id id) {
    auto stmt = conn.prepare(
        "SELECT k.filter_id, k.id, k.keyword, k.whole_word FROM filter_keywords k JOIN filters f ON f.id = k.filter_id "
        "WHERE k.id = ? AND f.account_id = ?");
    stmt.bind(1, id).bind(2, account_id);
    if (!stmt.step()) return std::nullopt;
    return std::make_pair(stmt.int64(0), FilterKeyword{stmt.int64(1), stmt.text(2), stmt.boolean(3)});
}

bool insert_filter_status(Connection& conn, core::Id filter_id, const FilterStatus& s) {
    changed(conn);
    conn.prepare("INSERT OR IGNORE INTO filter_statuses (id, filter_id, status_id) VALUES (?, ?, ?)")
        .bind(1, s.id)
        .bind(2, filter_id)
        .bind(3, s.status_id)
        .run();
    return conn.changes() > 0;
}

bool delete_filter_status(Connection& conn, core::Id filter_id, core::Id filter_status_id) {
    changed(conn);
    conn.prepare("DELETE FROM filter_statuses WHERE id = ? AND filter_id = ?").bind(1, filter_status_id).bind(2, filter_id).run();
    return conn.changes() > 0;
}

std::optional<std::pair<core::Id, FilterStatus>> find_filter_status(Connection& conn, core::Id account_id, core::Id id) {
    auto stmt = conn.prepare(
        "SELECT s.filter_id, s.id, s.status_id FROM filter_statuses s JOIN filters f ON f.id = s.filter_id "
        "WHERE s.id = ? AND f.account_id = ?");
    stmt.bind(1, id).bind(2, account_id);
    if (!stmt.step()) return std::nullopt;
    return std::make_pair(stmt.int64(0), FilterStatus{stmt.int64(1), stmt.int64(2)});
}

std::uint64_t filters_generation() { return filters_changed.load(std::memory_order_acquire); }

}  // namespace gesso::storage
