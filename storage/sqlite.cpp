#include "storage/sqlite.hpp"

#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"

namespace gesso::storage {

using core::Errc;
using core::Error;

// --- Statement ---

Statement::~Statement() {
    if (stmt_) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
}

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) conn_->raise(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) conn_->raise(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) conn_->raise(rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) conn_->raise(rc, "bind");
    return *this;
}

bool Statement::step() {
    if (conn_->inject_fault(sqlite3_sql(stmt_))) {
        throw Error(Errc::internal, "internal error", "injected fault in: " + std::string(sqlite3_sql(stmt_)));
    }
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    conn_->raise(rc, sqlite3_sql(stmt_));
}

void Statement::run() {
    while (step()) {
    }
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::text(int col) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!data) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::int64_t> Statement::optional_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}

// --- Connection ---

namespace {

// SQLite counts every allocation under one process-wide mutex (for sqlite3_memory_used, which nothing here reads)
// unless told not to: with several read connections on several threads that mutex took about a seventh of a
// rendered timeline page. Set once, before SQLite initialises; if something initialised it earlier, the call
// is refused and the counting stays on (slower, not wrong).
void configure_sqlite() {
    static const int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)rc;
}

}  // namespace

Connection::Connection(const std::string& path, OpenMode mode) {
    configure_sqlite();
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    flags |= mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(Errc::internal, "cannot open the database " + path + ": " + detail);
    }
    // busy_timeout first: switching to WAL needs a lock, and without a timeout a concurrent opener fails
    // at once with SQLITE_BUSY instead of waiting.
    sqlite3_busy_timeout(db_, static_cast<int>(std::chrono::milliseconds(core::limits::kSqliteBusyTimeout).count()));
    if (mode == OpenMode::read_write) {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
    } else {
        exec("PRAGMA query_only=ON");
    }
    exec("PRAGMA foreign_keys=ON");
}

Connection::~Connection() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
    if (db_) {
        int rc = sqlite3_close(db_);
        if (rc != SQLITE_OK) GESSO_LOG(error) << "sqlite3_close failed: " << sqlite3_errstr(rc);
    }
}

Statement Connection::prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return Statement(*this, it->second.stmt);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) raise(rc, sql);
    if (cache_.size() >= core::limits::kStatementCacheSize) {
        const std::string& oldest = cache_order_.front();
        auto old = cache_.find(oldest);
        sqlite3_finalize(old->second.stmt);
        cache_.erase(old);
        cache_order_.pop_front();
    }
    cache_order_.push_back(key);
    cache_.emplace(std::move(key), CachedStatement{stmt, std::prev(cache_order_.end())});
    return Statement(*this, stmt);
}

void Connection::exec(std::string_view sql) {
    if (inject_fault(sql)) throw Error(Errc::internal, "internal error", "injected fault in: " + std::string(sql));
    char* message = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(rc == SQLITE_BUSY ? Errc::unavailable : Errc::internal,
                    rc == SQLITE_BUSY ? "the database is busy, try again" : "internal error",
                    "sqlite: " + detail + " in: " + text);
    }
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

int Connection::user_version() {
    auto stmt = prepare("PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

void Connection::raise(int rc, std::string_view context) const {
    std::string detail = std::string("sqlite: ") + sqlite3_errmsg(db_) + " in: " + std::string(context);
    switch (rc & 0xFF) {
        case SQLITE_CONSTRAINT: throw Error(Errc::conflict, "already exists", detail);
        case SQLITE_BUSY:
        case SQLITE_LOCKED: throw Error(Errc::unavailable, "the database is busy, try again", detail);
        case SQLITE_FULL: throw Error(Errc::unavailable, "the disk is full", detail);
        default: throw Error(Errc::internal, "internal error", detail);
    }
}

// --- Transaction ---

Transaction::Transaction(Connection& conn) : conn_(conn) {
    conn_.take_after_commit();  // left over from a transaction that was not run through Database::write
    conn_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (done_) return;
    conn_.take_after_commit();  // rolled back: what it would have announced did not happen
    // Straight to SQLite: a rollback must not go through the fault injector or throw from a destructor.
    int rc = sqlite3_exec(conn_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) GESSO_LOG(error) << "rollback failed: " << sqlite3_errmsg(conn_.handle());
}

void Transaction::commit() {
    conn_.exec("COMMIT");
    done_ = true;
}

// --- ReadSnapshot ---

// BEGIN and COMMIT through the statement cache: sqlite3_exec would parse them again for every page.
ReadSnapshot::ReadSnapshot(Connection& conn) : conn_(conn) { conn_.prepare("BEGIN").run(); }

ReadSnapshot::~ReadSnapshot() {
    try {
        conn_.prepare("COMMIT").run();
    } catch (const std::exception& e) {
        GESSO_LOG(warn) << "ending a read snapshot failed: " << e.what();
    }
}

}  // namespace gesso::storage
