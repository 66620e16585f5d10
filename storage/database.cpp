#include "storage/database.hpp"

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"

namespace gesso::storage {

namespace {
std::atomic<std::uint64_t> next_instance_id{1};
}  // namespace

Database::Database(const std::string& path, int readers)
    : path_(path), instance_id_(next_instance_id.fetch_add(1, std::memory_order_relaxed)) {
    writer_ = std::make_unique<Connection>(path, OpenMode::read_write);
    if (readers <= 0) readers = core::limits::kSqliteReaders;
    for (int i = 0; i < readers; ++i) {
        readers_.push_back(std::make_unique<Connection>(path, OpenMode::read_only));
        free_readers_.push_back(readers_.back().get());
    }
}

Database::~Database() { close(); }

void Database::run_after_commit(std::vector<std::function<void()>>& callbacks) {
    for (auto& fn : callbacks) {
        try {
            fn();
        } catch (const std::exception& e) {
            GESSO_LOG(error) << "after-commit work failed: " << e.what();
        }
    }
}

void Database::close() {
    std::lock_guard wlock(writer_mutex_);
    std::unique_lock rlock(readers_mutex_);
    reader_free_.wait(rlock, [&] { return free_readers_.size() == readers_.size(); });
    free_readers_.clear();
    readers_.clear();
    if (writer_) {
        try {
            writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const std::exception& e) {
            GESSO_LOG(warn) << "WAL checkpoint on close failed: " << e.what();
        }
        writer_.reset();
    }
}

Database::Lease::Lease(Database& database) : db(database) {
    std::unique_lock lock(db.readers_mutex_);
    db.reader_free_.wait(lock, [&] { return !db.free_readers_.empty() || db.readers_.empty(); });
    if (db.free_readers_.empty()) throw core::Error(core::Errc::unavailable, "the database is closed");
    conn = db.free_readers_.back();
    db.free_readers_.pop_back();
    lock.unlock();
    conn->set_read_stamp(Connection::ReadStamp{db.instance_id_, db.write_generation()});
}

Database::Lease::~Lease() {
    conn->set_read_stamp(std::nullopt);
    {
        std::lock_guard lock(db.readers_mutex_);
        db.free_readers_.push_back(conn);
    }
    db.reader_free_.notify_one();
}

}  // namespace gesso::storage
