// Seeds a Gesso data directory for bench/timeline.sh: AUTHORS remote accounts, STATUSES public statuses spread
// round-robin over them (one second apart, newest last), and FOLLOWED of the authors followed by the local
// account USERNAME (which must exist: `gesso admin account create`), with USERNAME's home timeline
// materialised (one row per status of a followed author), all in one write transaction through the storage
// API, as the inbox would have stored them.
//
//   gesso_bench_timeline_seed DATA_DIR USERNAME STATUSES [AUTHORS=1000] [FOLLOWED=100]
//
// Prints one line: statuses, home rows and seconds taken. Exit status 2 on bad arguments, 1 on failure.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "core/ids.hpp"
#include "core/model.hpp"
#include "storage/accounts.hpp"
#include "storage/database.hpp"
#include "storage/follows.hpp"
#include "storage/migrations.hpp"
#include "storage/statuses.hpp"

namespace {

using namespace gesso;

// Upper bounds of this seeder (it writes everything in one transaction, so it has to stop somewhere).
constexpr long kMaxStatuses = 10'000'000;
constexpr long kMaxAuthors = 100'000;

// prefix + number, appended (GCC 12 warns falsely on "literal" + std::to_string(...), bug 105651).
std::string numbered(const std::string& prefix, long n) {
    std::string out(prefix);
    out += std::to_string(n);
    return out;
}

bool parse_count(const char* text, long max, long& out) {
    try {
        std::size_t used = 0;
        long v = std::stol(text, &used);
        if (used != std::char_traits<char>::length(text) || v < 1 || v > max) return false;
        out = v;
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

int main(int argc, char** argv) {
    long statuses = 0, authors = 1000, followed = 100;
    if (argc < 4 || !parse_count(argv[3], kMaxStatuses, statuses) ||
        (argc > 4 && !parse_count(argv[4], kMaxAuthors, authors)) ||
        (argc > 5 && !parse_count(argv[5], kMaxAuthors, followed)) || followed > authors) {
        std::cerr << "usage: gesso_bench_timeline_seed DATA_DIR USERNAME STATUSES(1.." << kMaxStatuses
                  << ") [AUTHORS=1000] [FOLLOWED=100 <= AUTHORS]\n";
        return 2;
    }
    const std::filesystem::path db_file = std::filesystem::path(argv[1]) / "gesso.db";
    const std::string username = argv[2];
    try {
        if (!std::filesystem::exists(db_file)) throw std::runtime_error("no database at " + db_file.string());
        storage::Database db(db_file.string());
        storage::migrate(db);
        auto started = std::chrono::steady_clock::now();
        core::IdGenerator ids;
        long home_rows = 0;
        db.write([&](storage::Connection& conn) {
            auto reader = storage::find_local_account(conn, username);
            if (!reader) throw std::runtime_error("no local account '" + username + "'");
            const auto now = std::chrono::system_clock::now();
            const auto first = now - std::chrono::seconds(statuses + authors + 1);
            std::vector<core::Id> author_ids;
            for (long i = 0; i < authors; ++i) {
                core::Account a;
                a.id = ids.next(first);
                a.username = numbered("author", i);
                a.domain = numbered("remote", i % 50) + ".test";
                a.uri = "https://" + a.domain + "/users/" + a.username;
                a.inbox_url = a.uri + "/inbox";
                a.display_name = a.username;
                a.created_at = a.updated_at = first;
                storage::insert_account(conn, a);
                author_ids.push_back(a.id);
                if (i < followed) {
                    core::Follow f;
                    f.id = ids.next(first);
                    f.account_id = reader->id;
                    f.target_account_id = a.id;
                    f.uri = numbered(reader->uri + "#follows/", i);
                    f.accepted = true;
                    f.created_at = first;
                    storage::insert_follow(conn, f);
                }
            }
            for (long n = 0; n < statuses; ++n) {
                const long author = n % authors;
                core::Status s;
                s.created_at = first + std::chrono::seconds(authors + n);
                s.id = ids.next(s.created_at);
                s.account_id = author_ids[static_cast<std::size_t>(author)];
                s.uri = numbered("https://" + numbered("remote", author % 50) + ".test/users/" +
                                     numbered("author", author) + "/statuses/",
                                 n);
                s.url = s.uri;
                s.content = numbered("<p>Work in progress, sketch number ", n) + "</p>";
                s.visibility = core::Visibility::public_;
                s.local = false;
                s.language = "en";
                storage::insert_status(conn, s);
                if (author < followed) {
                    storage::add_to_home_timeline(conn, reader->id, s.id);
                    ++home_rows;
                }
            }
        });
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::printf("seeded %ld statuses by %ld authors, %ld home rows for %s in %.1f s\n", statuses, authors,
                    home_rows, username.c_str(), seconds);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "gesso_bench_timeline_seed: " << e.what() << "\n";
        return 1;
    }
}
