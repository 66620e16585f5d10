// The timeline queries read index ranges, not tables: SQLite's plan for each uses an index with the id range
// (a later bench reads them over a million statuses). Also their answers at the edges of IdPage.
#include <gtest/gtest.h>

#include "storage/post_details.hpp"
#include "storage/statuses.hpp"
#include "storage/timelines.hpp"
#include "storage_fixture.hpp"

namespace gesso::test {
namespace {

class TimelineQueries : public MigratedDatabase {
protected:
    // SQLite's query plan for `sql` as one line per step.
    std::string plan(const std::string& sql) {
        return db.read([&](storage::Connection& c) {
            auto stmt = c.prepare("EXPLAIN QUERY PLAN " + sql);
            std::string out;
            while (stmt.step()) out += stmt.text(3) + "\n";
            return out;
        });
    }
    core::Id status(const core::Account& a, bool local, core::Visibility v = core::Visibility::public_) {
        core::Status s;
        s.id = next_id();
        s.account_id = a.id;
        s.uri = a.uri + "/s/" + std::to_string(s.id);
        s.local = local;
        s.visibility = v;
        s.created_at = fixed_now();
        db.write([&](storage::Connection& c) { storage::insert_status(c, s); });
        return s.id;
    }
};

TEST_F(TimelineQueries, PublicAndTagTimelinesUseIndexes) {
    std::string pub = plan(
        "SELECT s.id FROM statuses s WHERE s.visibility = 0 AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL "
        "AND s.id < 10 AND s.id > 0 ORDER BY s.id DESC LIMIT 20");
    EXPECT_NE(pub.find("statuses_public_timeline"), std::string::npos) << pub;
    EXPECT_EQ(pub.find("TEMP B-TREE"), std::string::npos) << pub;  // no sort: the index is in id order
    std::string local = plan(
        "SELECT s.id FROM statuses s WHERE s.visibility = 0 AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL "
        "AND s.local = 1 AND s.id < 10 AND s.id > 0 ORDER BY s.id DESC LIMIT 20");
    EXPECT_NE(local.find("statuses_public_timeline_local"), std::string::npos) << local;
    EXPECT_EQ(local.find("TEMP B-TREE"), std::string::npos) << local;
    std::string list = plan("SELECT status_id FROM list_timeline WHERE list_id = 1 AND status_id < 10 AND status_id > 0 "
                            "ORDER BY status_id DESC LIMIT 20");
    EXPECT_NE(list.find("PRIMARY KEY"), std::string::npos) << list;
    EXPECT_EQ(list.find("TEMP B-TREE"), std::string::npos) << list;
}

TEST_F(TimelineQueries, PagesByOriginVisibilityAndTags) {
    auto alice = local_account("alice");
    auto zed = remote_account("zed", "far.example");
    db.write([&](storage::Connection& c) {
        storage::insert_account(c, alice);
        storage::insert_account(c, zed);
    });
    core::Id a1 = status(alice, true);
    core::Id z1 = status(zed, false);
    status(alice, true, core::Visibility::unlisted);
    core::Id a2 = status(alice, true);
    db.write([&](storage::Connection& c) {
        storage::replace_tags(c, a1, {"Ink"});
        storage::replace_tags(c, z1, {"ink", "oil"});
    });
    db.read([&](storage::Connection& c) {
        storage::IdPage page;
        EXPECT_EQ(storage::public_timeline_page(c, storage::Origin::all, false, page), (std::vector<core::Id>{a2, z1, a1}));
        EXPECT_EQ(storage::public_timeline_page(c, storage::Origin::remote, false, page), std::vector<core::Id>{z1});
        page.min_id = a1;
        page.limit = 1;
        EXPECT_EQ(storage::public_timeline_page(c, storage::Origin::all, false, page), std::vector<core::Id>{z1});
        storage::TagQuery q;
        q.any = {"ink"};
        EXPECT_EQ(storage::tag_timeline_page(c, q, {}), (std::vector<core::Id>{z1, a1}));
        q.none = {"oil"};
        EXPECT_EQ(storage::tag_timeline_page(c, q, {}), std::vector<core::Id>{a1});
        q.none.clear();
        q.all = {"oil"};
        EXPECT_EQ(storage::tag_timeline_page(c, q, {}), std::vector<core::Id>{z1});
    });
}

}  // namespace
}  // namespace gesso::test
