// What a page of statuses costs in SQL, measured on the server's own read connections over real HTTP: account
// statuses, bookmarks, favourites, notifications and search render a page with one query per kind
// (storage/status_page.hpp), so a longer page adds only the rows it reads, not a score of statements per status.
// Counted as statement steps (one per row plus one per statement): the bound per extra status is far below the
// twenty-odd statements one status alone costs when rendered by itself.
#include <atomic>
#include <functional>
#include <iostream>

#include "client_api_fixture.hpp"
#include "core/limits.hpp"

namespace gesso::test {
namespace {

using V = http::verb;

// Steps per extra status allowed: the page's own rows (the status, its counts, the viewer's flags) stay under
// this; rendering statuses one at a time costs over twenty statements each.
constexpr long kStepsPerExtraStatus = 8;

class PageCost : public ClientApi {
protected:
    PageCost() {
        for (int i = 0; i < 12; ++i) {
            std::string id = post_status(bob_token, R"({"status":"study number )" + std::to_string(i) + R"( in ink"})");
            ok(V::post, "/api/v1/statuses/" + id + "/favourite", alice_token);
            ok(V::post, "/api/v1/statuses/" + id + "/bookmark", alice_token);
        }
        arm(core::limits::kSqliteReaders);
    }
    ~PageCost() override { disarm(core::limits::kSqliteReaders); }

    // Sets the step counter on every read connection: holds them all at once (nested leases), so each is armed.
    void arm(int readers) {
        if (readers == 0) return;
        node.db().read([&](storage::Connection& conn) {
            conn.set_fault_injector([this](std::string_view) {
                steps.fetch_add(1, std::memory_order_relaxed);
                return false;
            });
            arm(readers - 1);
        });
    }
    void disarm(int readers) {
        if (readers == 0) return;
        node.db().read([&](storage::Connection& conn) {
            conn.set_fault_injector(nullptr);
            disarm(readers - 1);
        });
    }
    // Steps the server's readers took to answer GET `target` (which must answer `expected` items).
    long cost(const std::string& target, const std::string& token, std::size_t expected) {
        steps.store(0);
        auto doc = ok(V::get, target, token);
        const rapidjson::Value& items = doc.IsObject() ? doc["statuses"] : doc;
        EXPECT_EQ(items.Size(), expected) << target;
        return steps.load();
    }
    // The extra steps per extra status between a page of 3 and a page of 12.
    long marginal(const std::string& path, const std::string& token, const char* sep = "?") {
        long small = cost(path + sep + "limit=3", token, 3);
        long large = cost(path + sep + "limit=12", token, 12);
        // The figures, for the record (docs and reports quote them); the assertion is on the bound.
        std::cout << "[ cost     ] " << path << ": " << small << " steps for 3, " << large << " for 12\n";
        return (large - small) / 9;
    }

    std::atomic<long> steps{0};
};

TEST_F(PageCost, OneStatusAloneCostsMoreThanTheBoundPerExtraStatus) {
    // What the bound is measured against: one status rendered by itself (a page of one).
    auto statuses = ok(V::get, "/api/v1/accounts/" + std::to_string(bob.id) + "/statuses?limit=1", alice_token);
    ASSERT_EQ(statuses.Size(), 1u);
    steps.store(0);
    ok(V::get, std::string("/api/v1/statuses/") + statuses[0]["id"].GetString(), alice_token);
    std::cout << "[ cost     ] one status: " << steps.load() << " steps\n";
    EXPECT_GT(steps.load(), 2 * kStepsPerExtraStatus);
}

TEST_F(PageCost, AccountStatusesCostRowsNotStatementsPerStatus) {
    EXPECT_LT(marginal("/api/v1/accounts/" + std::to_string(bob.id) + "/statuses", alice_token), kStepsPerExtraStatus);
}

TEST_F(PageCost, BookmarksAndFavouritesCostRowsNotStatementsPerStatus) {
    EXPECT_LT(marginal("/api/v1/bookmarks", alice_token), kStepsPerExtraStatus);
    EXPECT_LT(marginal("/api/v1/favourites", alice_token), kStepsPerExtraStatus);
}

TEST_F(PageCost, NotificationsCostRowsNotStatementsPerNotification) {
    // Bob was notified of each favourite: twelve notifications, each with his status and alice as sender.
    EXPECT_LT(marginal("/api/v1/notifications", bob_token), kStepsPerExtraStatus);
}

TEST_F(PageCost, SearchCostsRowsNotStatementsPerStatus) {
    EXPECT_LT(marginal("/api/v2/search?type=statuses&q=ink", alice_token, "&"), kStepsPerExtraStatus);
}

}  // namespace
}  // namespace gesso::test
