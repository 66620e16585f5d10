#include "media/container.hpp"

#include <zlib.h>

#include "core/limits.hpp"
#include "media/bytes.hpp"

namespace gesso::media {

namespace limits = core::limits;

Walk<JpegSegment> jpeg_segments(std::string_view d) {
    Walk<JpegSegment> w;
    std::size_t at = 2;  // after SOI
    while (static_cast<int>(w.blocks.size()) < limits::kMaxMetadataBlocks) {
        // Fill bytes (0xFF repeated) may precede a marker.
        while (at + 1 < d.size() && static_cast<unsigned char>(d[at]) == 0xFF &&
               static_cast<unsigned char>(d[at + 1]) == 0xFF)
            ++at;
        auto head = bytes::be(d, at, 2);
        if (!head || (*head >> 8) != 0xFF) {
            w.truncated = true;
            break;
        }
        auto marker = static_cast<unsigned char>(*head & 0xFF);
        if (marker == 0xD9) break;                                   // EOI
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
            at += 2;
            continue;
        }
        auto len = bytes::be(d, at + 2, 2);
        if (!len || *len < 2 || at + 2 + *len > d.size()) {
            w.truncated = true;
            break;
        }
        w.blocks.push_back({marker, at, d.substr(at + 4, *len - 2)});
        at += 2 + *len;
        if (marker == 0xDA) break;  // SOS: image data follows
    }
    return w;
}

Walk<PngChunk> png_chunks(std::string_view d) {
    Walk<PngChunk> w;
    std::size_t at = 8;
    while (static_cast<int>(w.blocks.size()) < limits::kMaxMetadataBlocks) {
        auto len = bytes::be(d, at, 4);
        if (!len || *len > 0x7FFFFFFFu || d.size() - at < 12 || d.size() - at - 12 < *len) {
            w.truncated = true;
            break;
        }
        PngChunk c{d.substr(at + 4, 4), at, d.substr(at + 8, *len)};
        w.blocks.push_back(c);
        at += 12 + *len;
        if (c.type == "IEND") break;
    }
    return w;
}

Walk<RiffChunk> riff_chunks(std::string_view d) {
    Walk<RiffChunk> w;
    std::size_t at = 12;
    while (at < d.size() && static_cast<int>(w.blocks.size()) < limits::kMaxMetadataBlocks) {
        auto len = bytes::le(d, at + 4, 4);
        if (!len || d.size() - at - 8 < *len) {
            w.truncated = true;
            break;
        }
        w.blocks.push_back({d.substr(at, 4), at, d.substr(at + 8, *len)});
        at += 8 + *len + (*len & 1);
    }
    return w;
}

unsigned long crc32_of(std::string_view data) {
    return ::crc32(::crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
}

std::string png_chunk(std::string_view type, std::string_view data) {
    std::string out;
    out.reserve(data.size() + 12);
    bytes::put_be(out, static_cast<std::uint32_t>(data.size()), 4);
    std::string typed(type);
    typed.append(data);
    out.append(typed);
    bytes::put_be(out, static_cast<std::uint32_t>(crc32_of(typed)), 4);
    return out;
}

}  // namespace gesso::media
