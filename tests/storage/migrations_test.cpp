#include <gtest/gtest.h>

#include "core/error.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/temp_dir.hpp"

namespace gesso::storage {
namespace {

TEST(Migrations, FromEmptyToLatestAndIdempotent) {
    test::TempDir dir;
    Database db((dir.path() / "gesso.db").string());
    EXPECT_EQ(schema_version(db), 0);
    EXPECT_EQ(migrate(db), latest_schema_version());
    EXPECT_EQ(schema_version(db), latest_schema_version());
    EXPECT_EQ(migrate(db), 0);
    bool has_accounts = db.read([](Connection& conn) {
        auto stmt = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'accounts'");
        return stmt.step();
    });
    EXPECT_TRUE(has_accounts);
}

TEST(Migrations, RefusesANewerSchemaAndExplains) {
    test::TempDir dir;
    Database db((dir.path() / "gesso.db").string());
    migrate(db);
    db.with_writer([](Connection& conn) {
        conn.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
    });
    try {
        migrate(db);
        FAIL() << "migrate accepted a newer schema";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), core::Errc::unavailable);
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("backup"), std::string::npos) << e.what();
    }
    EXPECT_EQ(schema_version(db), latest_schema_version() + 1);
}

TEST(Migrations, UsesWalJournal) {
    test::TempDir dir;
    Database db((dir.path() / "gesso.db").string());
    std::string mode = db.with_writer([](Connection& conn) {
        auto stmt = conn.prepare("PRAGMA journal_mode");
        stmt.step();
        return stmt.text(0);
    });
    EXPECT_EQ(mode, "wal");
}

}  // namespace
}  // namespace gesso::storage
