#pragma once
// A thin RAII layer over SQLite. A Connection is used by one thread at a time (Database hands them out
// under a lock); Statements come from the connection's prepared-statement cache and are reset when the
// Statement object goes away. SQLite failures become core::Error (conflict for constraint violations,
// unavailable for a busy database, internal otherwise).
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gesso::storage {

class Connection;

class Statement {
public:
    Statement(Connection& conn, sqlite3_stmt* stmt) : conn_(&conn), stmt_(stmt) {}
    Statement(Statement&& other) noexcept : conn_(other.conn_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    // Advances to the next row: true when a row is available, false when done.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    // Columns are 0-based, as in SQLite.
    bool is_null(int col) const;
    std::int64_t int64(int col) const;
    bool boolean(int col) const { return int64(col) != 0; }
    double real(int col) const;
    std::string text(int col) const;
    std::optional<std::int64_t> optional_int64(int col) const;

private:
    Connection* conn_;
    sqlite3_stmt* stmt_;
};

enum class OpenMode { read_write, read_only };

class Connection {
public:
    // Opens `path` with the sequence in the guide: busy_timeout before journal_mode (so the WAL switch
    // itself waits for locks instead of failing), WAL, synchronous=NORMAL, foreign_keys=ON. A read-only
    // connection additionally sets query_only.
    Connection(const std::string& path, OpenMode mode);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // A statement from the cache (prepared on first use).
    Statement prepare(std::string_view sql);
    // Runs one or more statements without results (schema changes, PRAGMAs).
    void exec(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    int user_version();
    sqlite3* handle() const { return db_; }

    // Test hook: called before each statement step with its SQL; returning true makes that step fail as if
    // SQLite had answered SQLITE_IOERR. Lets tests fail the Nth step of an operation.
    void set_fault_injector(std::function<bool(std::string_view sql)> injector) { fault_ = std::move(injector); }
    bool inject_fault(std::string_view sql) const { return fault_ && fault_(sql); }

    // Work to run once the current write transaction has committed (events for streaming clients), never
    // when it rolls back. Database::write() runs them after COMMIT, outside its lock; a Transaction that rolls
    // back discards them.
    void after_commit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }
    std::vector<std::function<void()>> take_after_commit() { return std::exchange(after_commit_, {}); }

    // Throws the core::Error matching SQLite result `rc`, with the connection's message as detail.
    [[noreturn]] void raise(int rc, std::string_view context) const;

    // Set by Database::read() for the time of a lease: the Database's instance id and its write_generation
    // taken as the lease began, before any of its statements, so what is read through it is at least that
    // recent. Unset on the writer (its transaction may still roll back): in-memory caches of what was read
    // (web/mastodon/account_cache.hpp) neither store nor trust anything while it is unset.
    struct ReadStamp {
        std::uint64_t database;
        std::uint64_t generation;
    };
    const std::optional<ReadStamp>& read_stamp() const { return read_stamp_; }
    void set_read_stamp(std::optional<ReadStamp> stamp) { read_stamp_ = stamp; }

private:
    sqlite3* db_ = nullptr;
    struct CachedStatement {
        sqlite3_stmt* stmt;
        std::list<std::string>::iterator order;
    };
    std::unordered_map<std::string, CachedStatement> cache_;
    std::list<std::string> cache_order_;  // oldest first
    std::function<bool(std::string_view)> fault_;
    std::vector<std::function<void()>> after_commit_;
    std::optional<ReadStamp> read_stamp_;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so no deadlock upgrading later);
// ROLLBACK on destruction unless commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& conn);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& conn_;
    bool done_ = false;
};

// A read transaction (deferred BEGIN ... COMMIT): every statement inside sees the same snapshot, so a count
// and the page it describes agree.
class ReadSnapshot {
public:
    explicit ReadSnapshot(Connection& conn);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    Connection& conn_;
};

}  // namespace gesso::storage
