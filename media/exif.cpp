#include "media/exif.hpp"

#include <cstdint>

#include "core/limits.hpp"
#include "media/bytes.hpp"
#include "media/container.hpp"
#include "media/sniff.hpp"

namespace gesso::media {
namespace {

struct Tiff {
    std::string_view d;
    bool little = true;
    std::optional<std::uint32_t> u(std::size_t at, int n) const {
        return little ? bytes::le(d, at, n) : bytes::be(d, at, n);
    }
};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// UTF-16 of unknown byte order (writers disagree): the order whose high bytes are mostly zero for ASCII text.
std::string utf16_to_utf8(std::string_view s) {
    std::size_t zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
        zero_even += s[i] == '\0';
        zero_odd += s[i + 1] == '\0';
    }
    bool big = zero_even >= zero_odd;
    std::string out;
    for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
        auto hi = static_cast<unsigned char>(s[big ? i : i + 1]);
        auto lo = static_cast<unsigned char>(s[big ? i + 1 : i]);
        std::uint32_t cp = (hi << 8) | lo;
        if (cp == 0) break;
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // surrogates are not paired here; replaced
        append_utf8(out, cp);
    }
    return out;
}

std::string decode_user_comment(std::string_view v) {
    if (v.size() < 8) return {};
    auto charset = v.substr(0, 8);
    auto text = v.substr(8);
    if (charset == std::string_view("UNICODE\0", 8)) return utf16_to_utf8(text);
    auto end = text.find('\0');
    return std::string(text.substr(0, end));  // ASCII, undefined or JIS: kept as bytes
}

// Reads IFD at `at`; fills orientation and returns the Exif sub-IFD offset if present.
std::optional<std::uint32_t> read_ifd(const Tiff& t, std::uint32_t at, ExifFields& f) {
    auto count = t.u(at, 2);
    if (!count) return std::nullopt;
    std::optional<std::uint32_t> sub;
    int n = std::min<int>(static_cast<int>(*count), core::limits::kMaxExifEntries);
    for (int i = 0; i < n; ++i) {
        std::size_t e = at + 2 + 12 * static_cast<std::size_t>(i);
        auto tag = t.u(e, 2), type = t.u(e + 2, 2), cnt = t.u(e + 4, 4);
        if (!tag || !type || !cnt) break;
        if (*tag == 0x0112 && *type == 3) {
            auto v = t.u(e + 8, 2);
            if (v && *v >= 1 && *v <= 8) f.orientation = static_cast<int>(*v);
        } else if (*tag == 0x8769) {
            sub = t.u(e + 8, 4);
        } else if (*tag == 0x9286) {
            std::size_t len = *cnt;
            std::size_t off = e + 8;
            if (len > 4) {
                auto o = t.u(e + 8, 4);
                if (!o) continue;
                off = *o;
            }
            if (off <= t.d.size() && len <= t.d.size() - off && len <= core::limits::kMaxMetadataTextBytes)
                f.user_comment = decode_user_comment(t.d.substr(off, len));
        }
    }
    return sub;
}

}  // namespace

ExifFields read_exif(std::string_view tiff) {
    ExifFields f;
    Tiff t{tiff};
    if (tiff.substr(0, 4) == std::string_view("II*\0", 4)) {
        t.little = true;
    } else if (tiff.substr(0, 4) == std::string_view("MM\0*", 4)) {
        t.little = false;
    } else {
        return f;
    }
    auto ifd0 = t.u(4, 4);
    if (!ifd0) return f;
    auto sub = read_ifd(t, *ifd0, f);
    if (sub && *sub != *ifd0) read_ifd(t, *sub, f);
    return f;
}

std::optional<std::string_view> find_exif(std::string_view file) {
    static constexpr std::string_view kExifHeader("Exif\0\0", 6);
    switch (sniff_image_type(file)) {
        case ImageType::jpeg:
            for (const auto& s : jpeg_segments(file).blocks)
                if (s.marker == 0xE1 && s.payload.substr(0, 6) == kExifHeader) return s.payload.substr(6);
            break;
        case ImageType::png:
            for (const auto& c : png_chunks(file).blocks)
                if (c.type == "eXIf") return c.data;
            break;
        case ImageType::webp:
            for (const auto& c : riff_chunks(file).blocks)
                if (c.fourcc == "EXIF") {
                    // Some writers keep the JPEG-style "Exif\0\0" prefix inside the chunk.
                    return c.data.substr(0, 6) == kExifHeader ? c.data.substr(6) : c.data;
                }
            break;
        default: break;
    }
    return std::nullopt;
}

}  // namespace gesso::media
