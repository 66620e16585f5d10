// The media store on a real directory: names it makes and accepts, atomic puts, the private originals area,
// the cache's size bound with least-recently-used eviction; and the PDQ hash table's near-duplicate lookup.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/limits.hpp"
#include "media/store.hpp"
#include "storage/media.hpp"
#include "storage/post_details.hpp"
#include "storage_fixture.hpp"
#include "support/expect_error.hpp"
#include "support/temp_dir.hpp"

namespace gesso::test {
namespace {

using media::MediaStore;
using media::StoreArea;

TEST(MediaStore, NamesAreMadeHereAndNothingElseIsAccepted) {
    std::string name = MediaStore::new_name(42, gesso::media::ImageType::png);
    EXPECT_TRUE(MediaStore::valid_name(name)) << name;
    EXPECT_EQ(name.rfind("42-", 0), 0u);
    EXPECT_TRUE(name.ends_with(".png"));
    EXPECT_NE(name, MediaStore::new_name(42, gesso::media::ImageType::png));  // random key
    EXPECT_TRUE(MediaStore::valid_name(MediaStore::preview_name(name)));
    EXPECT_TRUE(MediaStore::valid_name(MediaStore::original_name(name)));
    EXPECT_EQ(MediaStore::id_of(MediaStore::preview_name(name)), core::Id{42});
    for (const char* bad : {"", "..", "../x.jpg", "/etc/passwd", "42-0123456789abcdef.jpg/..", "42-0123456789ABCDEF.jpg",
                            "42-0123456789abcde.jpg", "42-0123456789abcdef.gif", "42-0123456789abcdef", "-0123456789abcdef.jpg",
                            "a2-0123456789abcdef.jpg", "42-0123456789abcdef-big.jpg", "42-0123456789abcdef.jpg.orig/x"}) {
        EXPECT_FALSE(MediaStore::valid_name(bad)) << bad;
    }
}

TEST(MediaStore, TheOriginalSizeCopyHasANameOfItsOwnAndTheOriginalIsReadOnlyOnPurpose) {
    std::string name = MediaStore::new_name(42, gesso::media::ImageType::jpeg);
    std::string copy = MediaStore::original_copy_name(name);
    EXPECT_EQ(copy, name.substr(0, name.size() - 4) + "-original.jpg");
    EXPECT_TRUE(MediaStore::valid_name(copy));
    EXPECT_TRUE(MediaStore::is_original_copy_name(copy));
    EXPECT_FALSE(MediaStore::is_original_copy_name(name));
    EXPECT_FALSE(MediaStore::is_original_copy_name(MediaStore::preview_name(name)));
    EXPECT_EQ(MediaStore::full_name_of(copy), name);
    EXPECT_EQ(MediaStore::full_name_of(MediaStore::preview_name(name)), name);
    EXPECT_EQ(MediaStore::full_name_of(name), name);
    EXPECT_EQ(MediaStore::id_of(copy), core::Id{42});
    for (const char* bad : {"42-0123456789abcdef-original.orig", "42-0123456789abcdef-small.orig",
                            "42-0123456789abcdef-original-small.jpg", "42-0123456789abcdef-originals.jpg"}) {
        EXPECT_FALSE(MediaStore::valid_name(bad)) << bad;
    }

    TempDir dir;
    MediaStore store(dir.path(), core::limits::kMinMediaCacheBytes);
    store.put(StoreArea::originals, MediaStore::original_name(name), "the artist's file");
    EXPECT_EQ(store.read_original(MediaStore::original_name(name)), std::optional<std::string>("the artist's file"));
    EXPECT_FALSE(store.read_original(name)) << "only .orig names";
    EXPECT_FALSE(store.read_served(StoreArea::files, MediaStore::original_name(name)));
}

TEST(MediaStore, PutsAtomicallyAndNeverServesOriginals) {
    TempDir dir;
    MediaStore store(dir.path(), core::limits::kMinMediaCacheBytes);
    std::string name = MediaStore::new_name(7, gesso::media::ImageType::jpeg);
    store.put(StoreArea::files, name, "full bytes");
    store.put(StoreArea::originals, MediaStore::original_name(name), "original bytes");
    EXPECT_EQ(store.read_served(StoreArea::files, name), "full bytes");
    EXPECT_FALSE(store.read_served(StoreArea::originals, MediaStore::original_name(name)).has_value());
    EXPECT_FALSE(store.read_served(StoreArea::files, MediaStore::original_name(name)).has_value());
    EXPECT_FALSE(store.read_served(StoreArea::cache, name).has_value());
    EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "tmp"));  // no temporary file left behind
    EXPECT_EQ(test::error_code([&] { store.put(StoreArea::files, "../escape.jpg", "x"); }), core::Errc::bad_request);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "escape.jpg"));
    store.remove(StoreArea::files, name);
    EXPECT_FALSE(store.read_served(StoreArea::files, name).has_value());
}

TEST(MediaStore, AFileLargerThanAnyOfOursIsNotServedCutShort) {
    TempDir dir;
    MediaStore store(dir.path(), core::limits::kMinMediaCacheBytes);
    std::string name = MediaStore::new_name(8, gesso::media::ImageType::png);
    std::string fits(core::limits::kMaxImageBytes * 2, 'a');
    store.put(StoreArea::files, name, fits);
    auto served = store.read_served(StoreArea::files, name);
    ASSERT_TRUE(served.has_value());
    EXPECT_EQ(served->size(), fits.size());
    store.put(StoreArea::files, name, fits + "b");  // one byte over: refused whole, not truncated
    EXPECT_FALSE(store.read_served(StoreArea::files, name).has_value());
}

TEST(MediaStore, CacheStaysWithinItsBoundEvictingLeastRecentlyUsed) {
    TempDir dir;
    const std::uint64_t bound = core::limits::kMinMediaCacheBytes;  // 1 MiB
    MediaStore store(dir.path(), bound);
    const std::string chunk(bound / 4 + 1, 'x');  // four of them do not fit
    std::vector<std::string> names;
    for (int i = 0; i < 3; ++i) {
        names.push_back(MediaStore::new_name(100 + i, gesso::media::ImageType::jpeg));
        store.put(StoreArea::cache, names.back(), chunk);
        // Distinct, ordered use times without sleeping: set them explicitly.
        std::filesystem::last_write_time(dir.path() / "cache" / names.back(),
                                         std::filesystem::file_time_type::clock::now() - std::chrono::hours(10 - i));
    }
    ASSERT_TRUE(store.read_served(StoreArea::cache, names[0]).has_value());  // the oldest becomes the newest
    names.push_back(MediaStore::new_name(200, gesso::media::ImageType::jpeg));
    store.put(StoreArea::cache, names.back(), chunk);
    EXPECT_LE(store.cache_size(), bound);
    EXPECT_TRUE(store.exists(StoreArea::cache, names[0]));
    EXPECT_FALSE(store.exists(StoreArea::cache, names[1]));  // least recently used
    EXPECT_TRUE(store.exists(StoreArea::cache, names[2]));
    EXPECT_TRUE(store.exists(StoreArea::cache, names[3]));
    // A restarted store counts what is on disk.
    MediaStore again(dir.path(), bound);
    EXPECT_EQ(again.cache_size(), store.cache_size());
}

class MediaHashes : public MigratedDatabase {};

TEST_F(MediaHashes, NearDuplicatesAreFoundByHammingDistance) {
    std::string a(64, '0');
    std::string b = a;
    b[0] = 'f';  // 4 bits away
    std::string c(64, 'f');  // 256 bits away
    std::string flat = a;
    core::Account owner = insert_local_user("alice");
    std::vector<core::Id> media_ids;
    db.write([&](storage::Connection& conn) {
        for (const auto& [hash, quality] : std::vector<std::pair<std::string, int>>{
                 {a, 90}, {b, 90}, {c, 90}, {flat, core::limits::kPdqMinQuality - 1}}) {
            core::MediaAttachment m;
            m.id = next_id();
            m.account_id = owner.id;
            m.created_at = fixed_now();
            storage::insert_media(conn, m);
            storage::put_media_hash(conn, m.id, hash, quality);
            media_ids.push_back(m.id);
        }
    });
    auto found = db.read([&](storage::Connection& conn) { return storage::find_near_duplicates(conn, a, 31); });
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].media_id, media_ids[0]);
    EXPECT_EQ(found[0].distance, 0);
    EXPECT_EQ(found[1].media_id, media_ids[1]);
    EXPECT_EQ(found[1].distance, 4);
    EXPECT_EQ(storage::pdq_hex_distance(a, c), 256);
    EXPECT_EQ(storage::pdq_hex_distance(a, "xyz"), -1);
    EXPECT_EQ(test::error_code([&] {
                  db.read([&](storage::Connection& conn) { return storage::find_near_duplicates(conn, "zz", 31); });
              }),
              core::Errc::bad_request);
}

}  // namespace
}  // namespace gesso::test
