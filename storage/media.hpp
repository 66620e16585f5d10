#pragma once
// The media pipeline's side of the media table: editing an attachment's alt text and focus, recording what the
// pipeline made of a remote attachment once fetched, and the PDQ hashes kept per attachment for finding
// reposts (near duplicates). Rows themselves are inserted and read with post_details.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "storage/sqlite.hpp"

namespace gesso::storage {

// Sets alt text and focal point of `id` if `account_id` owns it; false when no such media of that owner.
bool update_media_description(Connection& conn, core::Id id, core::Id account_id, std::string_view description,
                              double focus_x, double focus_y);

// Records what processing produced for an existing row (file names, type, sizes, blurhash, AI verdict and
// evidence, PDQ, data-mining mark): every pipeline column of `m` is written, its identity columns are not.
void update_media_processed(Connection& conn, const core::MediaAttachment& m);

// Keeps (or replaces) the PDQ hash of media `media_id`: 64 hex digits, quality 0..100.
void put_media_hash(Connection& conn, core::Id media_id, std::string_view pdq_hex, int quality);

struct NearDuplicate {
    core::Id media_id = 0;
    int distance = 0;  // Hamming distance in bits (0..256)
};
// Every stored hash within `max_distance` bits of `pdq_hex` (64 hex digits), nearest first, skipping hashes of
// quality below limits::kPdqMinQuality. A linear scan of media_hashes (cost grows with the table; load the
// rows into media::PdqIndex for repeated queries). Throws core::Error(bad_request) if `pdq_hex` is not 64 hex
// digits.
std::vector<NearDuplicate> find_near_duplicates(Connection& conn, std::string_view pdq_hex, int max_distance);

// Number of bits that differ between two 64-hex-digit hashes; -1 if either is malformed.
int pdq_hex_distance(std::string_view a, std::string_view b);

// Every (media id, hash) pair with quality >= limits::kPdqMinQuality, to build an in-memory index at start.
std::vector<std::pair<core::Id, std::string>> all_media_hashes(Connection& conn);

// --- Files leaving the disk (issue 5's cleanup) ---
// Dropping media rows queues their files in `media_garbage` in the same transaction, so a file is removed
// (activitypub/media_cleanup.hpp) only after the change commits, and a crash in between leaves a queued name,
// never a row without its file nor a file nobody can find. Areas: "files", "cache", "originals"
// (media/store.hpp); a queued served name stands for its derivatives too (preview, original-size copy).

// Queues `name` in `area` for removal.
void queue_media_file(Connection& conn, std::string_view area, std::string_view name);
// Queues the files of media `media_id` and deletes its row and hash.
void discard_media(Connection& conn, core::Id media_id);
// Local uploads not attached to any post since before `cutoff` (never attached: their upload time; detached
// by a delete or an edit: that time), oldest first, at most `limit`.
std::vector<core::Id> stale_unattached_media(Connection& conn, core::TimePoint cutoff, int limit);

struct GarbageFile {
    std::int64_t id = 0;
    std::string area;
    std::string name;
};
// The oldest `limit` queued files.
std::vector<GarbageFile> list_media_garbage(Connection& conn, int limit);
// Forgets a queued file once it is off the disk.
void forget_media_garbage(Connection& conn, std::int64_t id);

// Re-marking a local attachment for the post it joins: its new served file name, DataMining URI and licence.
void update_media_marks(Connection& conn, core::Id media_id, std::string_view file_path,
                        std::string_view data_mining, std::string_view license);

}  // namespace gesso::storage
