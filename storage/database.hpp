#pragma once
// The database of one node: one writer connection (every write transaction goes through it, serialised)
// and a small pool of read-only connections (WAL lets them read while the writer writes).
// Thread-safe: any thread may call read() and write(); callbacks run on the calling thread.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "storage/sqlite.hpp"

namespace gesso::storage {

class Database {
public:
    // Opens (creating if needed) the SQLite file at `path`. Does not migrate; see migrations.hpp.
    explicit Database(const std::string& path, int readers = 0);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs `fn(Connection&)` inside BEGIN IMMEDIATE ... COMMIT on the writer. If `fn` throws, the
    // transaction is rolled back and the exception propagates: nothing half-written remains.
    template <class Fn>
    auto write(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
        std::vector<std::function<void()>> committed;
        if constexpr (std::is_void_v<std::invoke_result_t<Fn, Connection&>>) {
            {
                std::lock_guard lock(writer_mutex_);
                Transaction tx(*writer_);
                fn(*writer_);
                tx.commit();
                committed = writer_->take_after_commit();
                write_generation_.fetch_add(1, std::memory_order_acq_rel);
            }
            run_after_commit(committed);
        } else {
            std::optional<std::invoke_result_t<Fn, Connection&>> result;
            {
                std::lock_guard lock(writer_mutex_);
                Transaction tx(*writer_);
                result.emplace(fn(*writer_));
                tx.commit();
                committed = writer_->take_after_commit();
                write_generation_.fetch_add(1, std::memory_order_acq_rel);
            }
            run_after_commit(committed);
            return std::move(*result);
        }
    }

    // Runs `fn(Connection&)` on a read-only connection (waits for a free one). Each statement sees a
    // consistent snapshot; wrap several in "BEGIN"/"COMMIT" yourself if they must agree.
    template <class Fn>
    auto read(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
        Lease lease(*this);
        return fn(*lease.conn);
    }

    // The writer, outside any transaction: for migrations and maintenance that manage their own.
    template <class Fn>
    auto with_writer(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
        std::lock_guard lock(writer_mutex_);
        struct Bump {  // counted as a write even when fn throws halfway
            std::atomic<std::uint64_t>& generation;
            ~Bump() { generation.fetch_add(1, std::memory_order_acq_rel); }
        } bump{write_generation_};
        return fn(*writer_);
    }

    // Counts the writes this object has committed (write() and with_writer()): a cache of what was read
    // before is stale when the count has moved. Read it BEFORE reading what is cached. Writes by other
    // processes (the `gesso admin` CLI) are not counted: such caches also bound their entries' age.
    std::uint64_t write_generation() const { return write_generation_.load(std::memory_order_acquire); }
    // Tells this Database apart from one that later took its address (process-wide caches key on it).
    std::uint64_t instance_id() const { return instance_id_; }

    const std::string& path() const { return path_; }

    // Checkpoints the WAL into the main file and closes every connection. Called by the destructor too.
    void close();

private:
    // Runs the callbacks registered with Connection::after_commit(); one that throws is logged and skipped.
    static void run_after_commit(std::vector<std::function<void()>>& callbacks);

    struct Lease {
        explicit Lease(Database& db);
        ~Lease();
        Database& db;
        Connection* conn;
    };

    std::string path_;
    std::atomic<std::uint64_t> write_generation_{0};
    std::uint64_t instance_id_;
    std::mutex writer_mutex_;
    std::unique_ptr<Connection> writer_;
    std::mutex readers_mutex_;
    std::condition_variable reader_free_;
    std::vector<std::unique_ptr<Connection>> readers_;
    std::vector<Connection*> free_readers_;
};

}  // namespace gesso::storage
