#include "storage/bookmarks.hpp"
#include "storage/id_list.hpp"

namespace gesso::storage {

bool insert_bookmark(Connection& conn, core::Id id, core::Id account_id, core::Id status_id, core::TimePoint at) {
    conn.prepare("INSERT OR IGNORE INTO bookmarks (id, account_id, status_id, created_at) VALUES (?,?,?,?)")
        .bind(1, id)
        .bind(2, account_id)
        .bind(3, status_id)
        .bind(4, core::to_unix_ms(at))
        .run();
    return conn.changes() > 0;
}

bool delete_bookmark(Connection& conn, core::Id account_id, core::Id status_id) {
    conn.prepare("DELETE FROM bookmarks WHERE account_id = ? AND status_id = ?")
        .bind(1, account_id)
        .bind(2, status_id)
        .run();
    return conn.changes() > 0;
}

bool bookmarked(Connection& conn, core::Id account_id, core::Id status_id) {
    auto stmt = conn.prepare("SELECT 1 FROM bookmarks WHERE account_id = ? AND status_id = ?");
    stmt.bind(1, account_id).bind(2, status_id);
    return stmt.step();
}

namespace {
std::function<int(Statement&)> bind_one(core::Id id) {
    return [id](Statement& s) {
        s.bind(1, id);
        return 2;
    };
}
}  // namespace

std::vector<PageRow> bookmarks_page(Connection& conn, core::Id account_id, const IdPage& page) {
    return page_rows(conn,
                     "SELECT b.id, b.status_id FROM bookmarks b JOIN statuses s ON s.id = b.status_id "
                     "WHERE b.account_id = ? AND s.deleted_at IS NULL",
                     "b.id", page, bind_one(account_id));
}

std::vector<PageRow> favourites_page(Connection& conn, core::Id account_id, const IdPage& page) {
    return page_rows(conn,
                     "SELECT f.id, f.status_id FROM favourites f JOIN statuses s ON s.id = f.status_id "
                     "WHERE f.account_id = ? AND s.deleted_at IS NULL",
                     "f.id", page, bind_one(account_id));
}

std::vector<PageRow> favourited_by_page(Connection& conn, core::Id status_id, const IdPage& page) {
    return page_rows(conn, "SELECT f.id, f.account_id FROM favourites f WHERE f.status_id = ?", "f.id", page,
                     bind_one(status_id));
}

std::vector<PageRow> reblogged_by_page(Connection& conn, core::Id status_id, const IdPage& page) {
    return page_rows(conn,
                     "SELECT b.id, b.account_id FROM statuses b WHERE b.reblog_of_id = ? AND b.deleted_at IS NULL",
                     "b.id", page, bind_one(status_id));
}

std::unordered_set<core::Id> bookmarked_among(Connection& conn, core::Id account_id, const std::vector<core::Id>& ids) {
    static const std::string sql =
        std::string("SELECT status_id FROM bookmarks WHERE account_id = ? AND status_id IN ") + kIdListSql;
    std::unordered_set<core::Id> out;
    for_id_chunks(ids, [&](const std::string& list) {
        auto stmt = conn.prepare(sql);
        stmt.bind(1, account_id).bind(2, list);
        while (stmt.step()) out.insert(stmt.int64(0));
    });
    return out;
}

}  // namespace gesso::storage
