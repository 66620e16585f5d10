#include "media/store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/log.hpp"
#include "core/random.hpp"

namespace gesso::media {

namespace fs = std::filesystem;
using core::Errc;
using core::Error;

namespace {

constexpr std::size_t kKeyHexDigits = 16;
constexpr std::string_view kSmallSuffix = "-small";
constexpr std::string_view kOriginalCopySuffix = "-original";
constexpr std::string_view kOriginalExtension = "orig";

bool all_chars(std::string_view s, bool (*pred)(char)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

std::string_view extension_for(ImageType type) {
    switch (type) {
        case ImageType::png: return "png";
        case ImageType::webp: return "webp";
        default: return "jpg";
    }
}

// Writes all of `bytes` to `fd`; false on error (errno set).
bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

MediaStore::MediaStore(fs::path root, std::uint64_t cache_bytes)
    : root_(std::move(root)), cache_bytes_(std::max(cache_bytes, core::limits::kMinMediaCacheBytes)) {
    for (const char* sub : {"originals", "files", "cache", "tmp"}) {
        std::error_code ec;
        fs::create_directories(root_ / sub, ec);
        if (ec) throw Error(Errc::unavailable, "cannot create media directory " + (root_ / sub).string() + ": " + ec.message());
    }
    // Leftovers of writes interrupted by a crash are never renamed into place: drop them.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_ / "tmp", ec)) fs::remove(entry.path(), ec);
    for (const auto& entry : fs::directory_iterator(root_ / "cache", ec)) {
        if (entry.is_regular_file(ec)) cache_used_ += entry.file_size(ec);
    }
}

std::string MediaStore::new_name(core::Id id, ImageType type) {
    std::string name = std::to_string(id);
    name += '-';
    name += core::random_hex(kKeyHexDigits / 2);
    name += '.';
    name += extension_for(type);
    return name;
}

std::string MediaStore::preview_name(std::string_view name) {
    auto dot = name.rfind('.');
    std::string out(name.substr(0, dot));
    out += kSmallSuffix;
    out += name.substr(dot);
    return out;
}

std::string MediaStore::original_copy_name(std::string_view name) {
    auto dot = name.rfind('.');
    std::string out(name.substr(0, dot));
    out += kOriginalCopySuffix;
    out += name.substr(dot);
    return out;
}

bool MediaStore::is_original_copy_name(std::string_view name) {
    auto dot = name.rfind('.');
    return valid_name(name) && dot != std::string_view::npos && name.substr(0, dot).ends_with(kOriginalCopySuffix);
}

std::string MediaStore::full_name_of(std::string_view name) {
    auto dot = name.rfind('.');
    std::string_view stem = name.substr(0, dot);
    for (std::string_view suffix : {kSmallSuffix, kOriginalCopySuffix}) {
        if (stem.ends_with(suffix)) stem.remove_suffix(suffix.size());
    }
    std::string out(stem);
    out += name.substr(dot);
    return out;
}

std::string MediaStore::original_name(std::string_view name) {
    std::string out(name.substr(0, name.rfind('.') + 1));
    out += kOriginalExtension;
    return out;
}

bool MediaStore::valid_name(std::string_view name) {
    // <digits>-<16 hex>[-small|-original].<jpg|png|webp>, <digits>-<16 hex>.orig
    auto dash = name.find('-');
    auto dot = name.find('.');
    if (dash == std::string_view::npos || dot == std::string_view::npos || dot < dash) return false;
    if (name.size() > 64 || !all_chars(name.substr(0, dash), is_digit) || dash > 19) return false;
    std::string_view rest = name.substr(dash + 1, dot - dash - 1);
    std::string_view ext = name.substr(dot + 1);
    for (std::string_view suffix : {kSmallSuffix, kOriginalCopySuffix}) {
        if (rest.size() == kKeyHexDigits + suffix.size() && rest.ends_with(suffix) && ext != kOriginalExtension) {
            rest = rest.substr(0, kKeyHexDigits);
        }
    }
    if (rest.size() != kKeyHexDigits || !all_chars(rest, is_hex)) return false;
    return ext == "jpg" || ext == "png" || ext == "webp" || ext == kOriginalExtension;
}

std::optional<core::Id> MediaStore::id_of(std::string_view name) {
    if (!valid_name(name)) return std::nullopt;
    return core::parse_id(name.substr(0, name.find('-')));
}

fs::path MediaStore::dir(StoreArea area) const {
    switch (area) {
        case StoreArea::originals: return root_ / "originals";
        case StoreArea::files: return root_ / "files";
        case StoreArea::cache: return root_ / "cache";
    }
    return root_ / "files";
}

void MediaStore::put(StoreArea area, std::string_view name, std::string_view bytes) {
    if (!valid_name(name)) throw Error(Errc::bad_request, "invalid media file name");
    fs::path tmp = root_ / "tmp" / (core::random_hex(8) + ".part");
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) throw Error(Errc::unavailable, "cannot store media", "open " + tmp.string() + ": " + std::strerror(errno));
    bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    std::error_code ec;
    if (!ok) {
        fs::remove(tmp, ec);
        throw Error(Errc::unavailable, "cannot store media", "write " + tmp.string() + ": " + std::strerror(saved));
    }
    fs::path target = dir(area) / std::string(name);
    std::uint64_t replaced = area == StoreArea::cache && fs::exists(target, ec) ? fs::file_size(target, ec) : 0;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(Errc::unavailable, "cannot store media", "rename to " + target.string() + ": " + ec.message());
    }
    if (area == StoreArea::cache) {
        std::lock_guard lock(cache_mutex_);
        cache_used_ = cache_used_ - std::min(cache_used_, replaced) + bytes.size();
        evict_locked();
    }
}

void MediaStore::evict_locked() {
    if (cache_used_ <= cache_bytes_) return;
    struct File {
        fs::path path;
        fs::file_time_type used;
        std::uint64_t size;
    };
    std::vector<File> files;
    std::error_code ec;
    std::uint64_t total = 0;
    for (const auto& entry : fs::directory_iterator(dir(StoreArea::cache), ec)) {
        if (!entry.is_regular_file(ec)) continue;
        File f{entry.path(), entry.last_write_time(ec), entry.file_size(ec)};
        total += f.size;
        files.push_back(std::move(f));
    }
    std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.used < b.used; });
    for (const auto& f : files) {
        if (total <= cache_bytes_) break;
        if (fs::remove(f.path, ec)) total -= f.size;
    }
    cache_used_ = total;
}

namespace {
// The bytes of `path` (no symlinks followed); nullopt when it cannot be opened or read, or when it is larger than
// twice the upload limit (never a file of ours: serving it cut short would be a corrupt image).
std::optional<std::string> read_file(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    std::string out;
    char buf[64 * 1024];
    bool complete = false;
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            complete = n == 0;
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > core::limits::kMaxImageBytes * 2) break;
    }
    ::close(fd);
    if (!complete) {
        GESSO_LOG(warn) << "media file " << path.filename().string() << " not served: "
                        << (out.size() > core::limits::kMaxImageBytes * 2 ? "larger than any file of ours" : "read error");
        return std::nullopt;
    }
    return out;
}
}  // namespace

std::optional<std::string> MediaStore::read_served(StoreArea area, std::string_view name) {
    if (area == StoreArea::originals || !valid_name(name) || name.ends_with(kOriginalExtension)) return std::nullopt;
    fs::path path = dir(area) / std::string(name);
    auto out = read_file(path);
    if (out && area == StoreArea::cache) {
        std::error_code ec;
        fs::last_write_time(path, fs::file_time_type::clock::now(), ec);  // recently used
    }
    return out;
}

std::optional<std::string> MediaStore::read_original(std::string_view name) const {
    if (!valid_name(name) || !name.ends_with(kOriginalExtension)) return std::nullopt;
    return read_file(dir(StoreArea::originals) / std::string(name));
}

void MediaStore::remove(StoreArea area, std::string_view name) noexcept {
    if (!valid_name(name)) return;
    std::error_code ec;
    fs::path path = dir(area) / std::string(name);
    std::uint64_t size = area == StoreArea::cache ? fs::file_size(path, ec) : 0;
    if (ec) size = 0;
    if (fs::remove(path, ec) && area == StoreArea::cache) {
        std::lock_guard lock(cache_mutex_);
        cache_used_ -= std::min(cache_used_, size);
    }
}

bool MediaStore::exists(StoreArea area, std::string_view name) const {
    std::error_code ec;
    return valid_name(name) && fs::exists(dir(area) / std::string(name), ec);
}

std::uint64_t MediaStore::cache_size() const {
    std::lock_guard lock(cache_mutex_);
    return cache_used_;
}

}  // namespace gesso::media
