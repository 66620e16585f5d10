// storage/database and storage/sqlite: write transactions, rollback, RAII transactions, read snapshots,
// error mapping, read-only readers and concurrent readers beside the single writer (WAL).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "storage/sqlite.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

using core::Errc;
using storage::Connection;

class SettingsTable : public MigratedDatabase {
protected:
    void put(Connection& conn, const std::string& key, const std::string& value) {
        conn.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").bind(1, key).bind(2, value).run();
    }
    std::optional<std::string> get(const std::string& key) {
        return db.read([&](Connection& conn) -> std::optional<std::string> {
            auto stmt = conn.prepare("SELECT value FROM settings WHERE key = ?");
            stmt.bind(1, key);
            if (!stmt.step()) return std::nullopt;
            return stmt.text(0);
        });
    }
};

TEST_F(SettingsTable, WriteCommitsAndReturnsTheCallbacksValue) {
    int changed = db.write([&](Connection& conn) {
        put(conn, "title", "Art Club");
        return conn.changes();
    });
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(get("title"), "Art Club");
}

TEST_F(SettingsTable, WriteRollsBackEverythingWhenTheCallbackThrows) {
    db.write([&](Connection& conn) { put(conn, "kept", "1"); });
    EXPECT_THROW(db.write([&](Connection& conn) {
        put(conn, "a", "1");
        put(conn, "b", "2");
        throw std::runtime_error("changed my mind");
    }),
                 std::runtime_error);
    EXPECT_EQ(get("a"), std::nullopt);
    EXPECT_EQ(get("b"), std::nullopt);
    EXPECT_EQ(get("kept"), "1");
    EXPECT_EQ(count_rows("settings"), 1);
    // The writer is usable again afterwards: no transaction was left open.
    db.write([&](Connection& conn) { put(conn, "after", "1"); });
    EXPECT_EQ(count_rows("settings"), 2);
}

TEST_F(SettingsTable, ConstraintViolationIsAConflictAndRollsBackTheWholeWrite) {
    db.write([&](Connection& conn) { put(conn, "dup", "1"); });
    try {
        db.write([&](Connection& conn) {
            put(conn, "fresh", "1");
            put(conn, "dup", "2");
        });
        FAIL() << "duplicate key accepted";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
        EXPECT_NE(e.detail().find("UNIQUE"), std::string::npos) << e.detail();
        EXPECT_EQ(std::string(e.what()).find("settings"), std::string::npos) << "SQL leaked into the message";
    }
    EXPECT_EQ(get("fresh"), std::nullopt);
    EXPECT_EQ(get("dup"), "1");
}

TEST_F(SettingsTable, BadSqlIsAnInternalError) {
    try {
        db.write([&](Connection& conn) { conn.prepare("SELEKT 1").run(); });
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::internal);
    }
    try {
        db.write([&](Connection& conn) { conn.exec("INSERT INTO no_such_table VALUES (1)"); });
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::internal);
    }
}

TEST_F(SettingsTable, ForeignKeysAreEnforced) {
    core::User orphan;
    orphan.id = 1;
    orphan.account_id = 424242;  // no such account
    orphan.email = "x@example.test";
    orphan.password_hash = "h";
    try {
        db.write([&](Connection& conn) { storage::insert_user(conn, orphan); });
        FAIL() << "a user without an account was stored";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::conflict);
    }
    EXPECT_EQ(count_rows("users"), 0);
}

TEST_F(SettingsTable, ReadConnectionsAreReadOnly) {
    EXPECT_THROW(db.read([&](Connection& conn) { put(conn, "sneaky", "1"); }), core::Error);
    EXPECT_EQ(get("sneaky"), std::nullopt);
}

TEST_F(SettingsTable, TransactionRollsBackUnlessCommitted) {
    db.with_writer([&](Connection& conn) {
        storage::Transaction tx(conn);
        put(conn, "uncommitted", "1");
    });
    EXPECT_EQ(get("uncommitted"), std::nullopt);
    db.with_writer([&](Connection& conn) {
        storage::Transaction tx(conn);
        put(conn, "committed", "1");
        tx.commit();
    });
    EXPECT_EQ(get("committed"), "1");
}

TEST_F(SettingsTable, TransactionIsVisibleToOthersOnlyAfterCommit) {
    db.with_writer([&](Connection& conn) {
        storage::Transaction tx(conn);
        put(conn, "pending", "1");
        EXPECT_EQ(get("pending"), std::nullopt);  // a reader does not see the open transaction
        tx.commit();
        EXPECT_EQ(get("pending"), "1");
    });
}

TEST_F(SettingsTable, TransactionRollsBackWhenUnwinding) {
    EXPECT_THROW(db.with_writer([&](Connection& conn) {
        storage::Transaction tx(conn);
        put(conn, "unwound", "1");
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_EQ(get("unwound"), std::nullopt);
}

TEST_F(SettingsTable, ReadSnapshotKeepsOneViewWhileTheWriterCommits) {
    db.write([&](Connection& conn) { put(conn, "one", "1"); });
    auto count_on = [](Connection& conn) {
        auto stmt = conn.prepare("SELECT count(*) FROM settings");
        stmt.step();
        return stmt.int64(0);
    };
    db.read([&](Connection& conn) {
        storage::ReadSnapshot snapshot(conn);
        EXPECT_EQ(count_on(conn), 1);
        db.write([&](Connection& w) { put(w, "two", "2"); });
        EXPECT_EQ(count_on(conn), 1) << "the snapshot moved";
    });
    // Without a snapshot each statement sees the latest commit.
    db.read([&](Connection& conn) {
        EXPECT_EQ(count_on(conn), 2);
        db.write([&](Connection& w) { put(w, "three", "3"); });
        EXPECT_EQ(count_on(conn), 3);
    });
}

TEST_F(SettingsTable, StatementCacheSurvivesManyDistinctStatements) {
    // More distinct SQL texts than the cache holds: old statements are finalized, and re-preparing works.
    db.write([&](Connection& conn) {
        for (int i = 0; i < 300; ++i) {
            conn.prepare("INSERT INTO settings (key, value) VALUES ('k" + std::to_string(i) + "', ?)").bind(1, i).run();
        }
        put(conn, "last", "x");
    });
    EXPECT_EQ(count_rows("settings"), 301);
}

TEST_F(SettingsTable, TextWithNulAndUtf8RoundTrips) {
    std::string value("a\0b \xE2\x9C\x93", 7);
    db.write([&](Connection& conn) { put(conn, "bin", value); });
    EXPECT_EQ(get("bin"), value);
}

TEST_F(SettingsTable, ClosedDatabaseRefusesReads) {
    db.close();
    try {
        db.read([](Connection&) { return 0; });
        FAIL() << "read on a closed database";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), Errc::unavailable);
    }
}

TEST_F(SettingsTable, CloseCheckpointsTheWal) {
    db.write([&](Connection& conn) { put(conn, "durable", "1"); });
    db.close();
    std::error_code ec;
    auto wal = dir.path() / "gesso.db-wal";
    auto size = std::filesystem::exists(wal) ? std::filesystem::file_size(wal, ec) : 0;
    EXPECT_EQ(size, 0u);
    // And the data is in the main file: a new Database sees it.
    storage::Database reopened((dir.path() / "gesso.db").string());
    auto value = reopened.read([](Connection& conn) {
        auto stmt = conn.prepare("SELECT value FROM settings WHERE key = 'durable'");
        return stmt.step() ? stmt.text(0) : std::string();
    });
    EXPECT_EQ(value, "1");
}

TEST(DatabaseOpen, UnopenablePathIsAnErrorNamingIt) {
    TempDir dir;
    std::string path = (dir.path() / "missing-dir" / "gesso.db").string();
    try {
        storage::Database db(path);
        FAIL() << "opened a database in a missing directory";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
}

// --- concurrency ---

TEST_F(SettingsTable, ReadersSeeMonotonicCountsWhileTheWriterWrites) {
    constexpr int kRows = 200;
    std::atomic<bool> writer_done{false};
    std::atomic<int> reader_errors{0};
    std::vector<std::vector<std::int64_t>> seen(2);

    auto reader = [&](std::vector<std::int64_t>& counts) {
        try {
            for (;;) {
                bool finished = writer_done.load();  // read before counting: the last count sees everything
                counts.push_back(count_rows("settings"));
                if (finished) break;
            }
        } catch (...) {
            ++reader_errors;
        }
    };
    std::thread r1(reader, std::ref(seen[0]));
    std::thread r2(reader, std::ref(seen[1]));
    std::thread writer([&] {
        for (int i = 0; i < kRows; ++i) {
            db.write([&](Connection& conn) { put(conn, "row" + std::to_string(i), std::to_string(i)); });
        }
        writer_done = true;
    });
    writer.join();
    r1.join();
    r2.join();

    EXPECT_EQ(reader_errors.load(), 0);
    for (const auto& counts : seen) {
        ASSERT_FALSE(counts.empty());
        for (std::size_t i = 1; i < counts.size(); ++i) {
            ASSERT_LE(counts[i - 1], counts[i]) << "a reader saw the count go back at read " << i;
        }
        EXPECT_GE(counts.front(), 0);
        EXPECT_EQ(counts.back(), kRows);
    }
    EXPECT_EQ(count_rows("settings"), kRows);
}

TEST_F(SettingsTable, ConcurrentWritersAreSerialised) {
    constexpr int kPerThread = 50;
    std::atomic<int> errors{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 3; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                try {
                    std::string key = std::to_string(t * 1000 + i);
                    db.write([&](Connection& conn) { put(conn, key, "v"); });
                } catch (...) {
                    ++errors;
                }
            }
        });
    }
    for (auto& w : writers) w.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(count_rows("settings"), 3 * kPerThread);
}

}  // namespace
}  // namespace gesso::test
