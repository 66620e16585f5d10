// storage/account_settings: per-account protection settings (defaults without a row), FEP-5feb flags, the
// author settings a stored status renders with, and the refused-crawler counters.
#include <gtest/gtest.h>

#include "storage/account_settings.hpp"
#include "storage/statuses.hpp"
#include "storage_fixture.hpp"
#include "support/expect_error.hpp"

namespace gesso::test {
namespace {

using namespace std::chrono;
using storage::Connection;

class AccountSettings : public MigratedDatabase {
protected:
    core::ProtectionSettings settings_of(core::Id account_id) {
        return db.read([&](Connection& c) { return storage::find_protection_settings(c, account_id); });
    }
    core::Status insert_status(const core::Account& author, bool local) {
        core::Status s;
        s.id = next_id();
        s.account_id = author.id;
        s.uri = author.uri + "/statuses/" + std::to_string(s.id);
        s.local = local;
        s.created_at = fixed_now();
        db.write([&](Connection& c) { storage::insert_status(c, s); });
        return s;
    }
};

TEST_F(AccountSettings, AnAccountWithoutARowGetsTheProtectiveDefaults) {
    auto alice = insert_local_user("alice");
    core::ProtectionSettings s = settings_of(alice.id);
    EXPECT_EQ(s.data_mining, "DMI-PROHIBITED-AIMLTRAINING");
    EXPECT_EQ(s.license, "");
    EXPECT_EQ(s.cloak_level, "off");
    EXPECT_FALSE(s.allow_original_download);
}

TEST_F(AccountSettings, SavedValuesReadBackAndASecondSaveReplacesThem) {
    auto alice = insert_local_user("alice");
    core::ProtectionSettings s;
    s.data_mining = "DMI-ALLOWED";
    s.license = "https://creativecommons.org/licenses/by/4.0/";
    s.cloak_level = "medium";
    s.watermark_text = "© alice";
    s.watermark_position = "top-left";
    s.watermark_opacity = 0.25;
    s.allow_original_download = true;
    db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, s, fixed_now()); });
    core::ProtectionSettings got = settings_of(alice.id);
    EXPECT_EQ(got.data_mining, "DMI-ALLOWED");
    EXPECT_EQ(got.license, s.license);
    EXPECT_EQ(got.cloak_level, "medium");
    EXPECT_EQ(got.watermark_text, "© alice");
    EXPECT_EQ(got.watermark_position, "top-left");
    EXPECT_DOUBLE_EQ(got.watermark_opacity, 0.25);
    EXPECT_TRUE(got.allow_original_download);

    s.cloak_level = "high";
    db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, s, fixed_now() + 1s); });
    EXPECT_EQ(settings_of(alice.id).cloak_level, "high");
    EXPECT_EQ(db.read([&](Connection& c) {
                  auto st = c.prepare("SELECT count(*) FROM account_settings");
                  st.step();
                  return st.int64(0);
              }),
              1);
}

TEST_F(AccountSettings, TheSchemaRefusesAnUnknownCloakLevel) {
    auto alice = insert_local_user("alice");
    core::ProtectionSettings s;
    s.cloak_level = "maximum";
    EXPECT_TRUE(error_of([&] {
        db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, s, fixed_now()); });
    }).has_value());
    EXPECT_EQ(settings_of(alice.id).cloak_level, "off");
}

TEST_F(AccountSettings, StatusesRenderWithTheirLocalAuthorsSettingsOnly) {
    auto alice = insert_local_user("alice");
    auto zed = insert_remote("zed", "far.example");
    core::ProtectionSettings s;
    s.license = "https://creativecommons.org/licenses/by-nc/4.0/";
    db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, s, fixed_now()); });
    auto mine = insert_status(alice, true);
    auto theirs = insert_status(zed, false);
    auto bob = insert_local_user("bob");
    auto bobs = insert_status(bob, true);

    auto got = db.read([&](Connection& c) { return storage::find_local_author_protection(c, mine.id); });
    ASSERT_TRUE(got);
    EXPECT_EQ(got->license, s.license);
    auto defaults = db.read([&](Connection& c) { return storage::find_local_author_protection(c, bobs.id); });
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->data_mining, "DMI-PROHIBITED-AIMLTRAINING");
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::find_local_author_protection(c, theirs.id); }));
    EXPECT_FALSE(db.read([&](Connection& c) { return storage::find_local_author_protection(c, 424242); }));
}

TEST_F(AccountSettings, DiscoveryFlagsAreSetOnTheAccountRow) {
    auto alice = insert_local_user("alice");
    db.write([&](Connection& c) { storage::set_discovery_flags(c, alice.id, true, false); });
    auto a = db.read([&](Connection& c) { return storage::find_account(c, alice.id); });
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->indexable);
    EXPECT_FALSE(a->discoverable);
}

TEST_F(AccountSettings, CrawlerRefusalsAreCountedPerAgent) {
    db.write([&](Connection& c) {
        storage::record_crawler_hit(c, "GPTBot", fixed_now());
        storage::record_crawler_hit(c, "CCBot", fixed_now());
        storage::record_crawler_hit(c, "GPTBot", fixed_now() + 5s);
    });
    auto counts = db.read([&](Connection& c) { return storage::list_crawler_counts(c); });
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0].agent, "GPTBot");
    EXPECT_EQ(counts[0].hits, 2);
    EXPECT_EQ(counts[0].last_seen_at, fixed_now() + 5s);
    EXPECT_EQ(counts[1].agent, "CCBot");
    EXPECT_EQ(counts[1].hits, 1);
}

TEST_F(AccountSettings, SettingsGoWithTheirAccount) {
    auto alice = insert_local_user("alice");
    db.write([&](Connection& c) { storage::save_protection_settings(c, alice.id, {}, fixed_now()); });
    db.write([&](Connection& c) { c.prepare("DELETE FROM accounts WHERE id = ?").bind(1, alice.id).run(); });
    EXPECT_EQ(db.read([&](Connection& c) {
                  auto st = c.prepare("SELECT count(*) FROM account_settings");
                  st.step();
                  return st.int64(0);
              }),
              0);
}

}  // namespace
}  // namespace gesso::test
