#pragma once
// The media store: files on disk under one root directory (config `media_dir`), in three areas that never mix:
//   originals/  uploaded bytes as received, private: nothing ever serves this area
//   files/      served derivatives of local uploads ("full" and "small")
//   cache/      served derivatives of remote attachments, bounded in bytes, least recently used evicted first
// File names are made here (media id + random key + variant), never taken from a user; every name that
// comes in is checked against that shape, so no path component (.., /, absolute paths) can reach the disk.
// Writes are atomic (a temporary file in root/tmp, fsync, rename): a reader sees a whole file or none.
// Thread-safe: concurrent puts and reads are fine; cache accounting is guarded by a mutex.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "media/sniff.hpp"

namespace gesso::media {

enum class StoreArea { originals, files, cache };

class MediaStore {
public:
    // Creates root and its areas if missing. Throws core::Error(unavailable) when that fails.
    // `cache_bytes` bounds the cache area (at least limits::kMinMediaCacheBytes).
    MediaStore(std::filesystem::path root, std::uint64_t cache_bytes);

    // A fresh served name for media `id`: "<id>-<16 hex>.<ext>" (ext from `type`: jpg, png, webp).
    static std::string new_name(core::Id id, ImageType type);
    // The name of the "small" derivative that goes with a served name: "<id>-<key>-small.<ext>".
    static std::string preview_name(std::string_view name);
    // The original-size copy offered for download when the owner allows it: "<id>-<key>-original.<ext>".
    static std::string original_copy_name(std::string_view name);
    // True for a name original_copy_name can produce.
    static bool is_original_copy_name(std::string_view name);
    // The served "full" name an original-size copy or preview name belongs to.
    static std::string full_name_of(std::string_view name);
    // The private original's name: "<id>-<key>.orig".
    static std::string original_name(std::string_view name);
    // True for names new_name/preview_name/original_copy_name/original_name can produce; everything else is
    // refused.
    static bool valid_name(std::string_view name);
    // The media id a valid name starts with.
    static std::optional<core::Id> id_of(std::string_view name);

    // Writes `bytes` as `name` in `area` atomically. In the cache area, evicts least recently used files until
    // the area fits its bound again. Throws core::Error(bad_request) for an invalid name and
    // core::Error(unavailable) when the disk refuses.
    void put(StoreArea area, std::string_view name, std::string_view bytes);
    // The bytes of `name` in a served area (files or cache); nullopt when absent or the name is invalid. A
    // read from the cache marks the file as recently used. Never reads the originals area.
    std::optional<std::string> read_served(StoreArea area, std::string_view name);
    // The private original `name` ("<id>-<key>.orig"), for making a derivative from it (never to be served
    // as is); nullopt when absent or the name is not an original's.
    std::optional<std::string> read_original(std::string_view name) const;
    // Removes `name` from `area` if present; never throws.
    void remove(StoreArea area, std::string_view name) noexcept;
    bool exists(StoreArea area, std::string_view name) const;

    // Bytes currently in the cache area (as accounted since start plus what was there).
    std::uint64_t cache_size() const;
    std::uint64_t cache_bound() const { return cache_bytes_; }
    const std::filesystem::path& root() const { return root_; }

private:
    std::filesystem::path dir(StoreArea area) const;
    void evict_locked();

    std::filesystem::path root_;
    std::uint64_t cache_bytes_;
    mutable std::mutex cache_mutex_;
    std::uint64_t cache_used_ = 0;
};

}  // namespace gesso::media
