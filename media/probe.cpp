#include "media/probe.hpp"

#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/bytes.hpp"
#include "media/container.hpp"
#include "media/exif.hpp"

namespace gesso::media {
namespace {

namespace limits = core::limits;
using core::Errc;
using core::Error;

[[noreturn]] void corrupt(std::string_view type, std::string_view what) {
    std::string msg(type);
    msg += " image is damaged: ";
    msg += what;
    throw Error(Errc::unprocessable, msg);
}

bool is_sof(unsigned char m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

void jpeg_size(std::string_view d, Probe& p) {
    auto walk = jpeg_segments(d);
    for (const auto& s : walk.blocks) {
        if (!is_sof(s.marker)) continue;
        auto h = bytes::be(s.payload, 1, 2), w = bytes::be(s.payload, 3, 2);
        if (!h || !w) corrupt("JPEG", "short frame header");
        p.width = static_cast<int>(*w);
        p.height = static_cast<int>(*h);
        return;
    }
    corrupt("JPEG", walk.truncated ? "truncated header" : "no frame header");
}

void png_size(std::string_view d, Probe& p) {
    auto walk = png_chunks(d);
    if (walk.blocks.empty() || walk.blocks[0].type != "IHDR" || walk.blocks[0].data.size() != 13)
        corrupt("PNG", "missing or truncated IHDR");
    auto w = bytes::be(walk.blocks[0].data, 0, 4), h = bytes::be(walk.blocks[0].data, 4, 4);
    if (*w > 0x7FFFFFFFu || *h > 0x7FFFFFFFu) corrupt("PNG", "dimensions out of range");
    p.width = static_cast<int>(*w);
    p.height = static_cast<int>(*h);
}

void webp_size(std::string_view d, Probe& p) {
    auto walk = riff_chunks(d);
    if (walk.blocks.empty()) corrupt("WebP", "no chunks");
    const auto& c = walk.blocks[0];
    if (c.fourcc == "VP8X") {
        auto w = bytes::le(c.data, 4, 3), h = bytes::le(c.data, 7, 3);
        if (!w || !h) corrupt("WebP", "short VP8X chunk");
        if (static_cast<unsigned char>(c.data[0]) & 0x02)
            throw Error(Errc::unprocessable, "animated WebP images are not supported (send a still image or a GIF)");
        p.width = static_cast<int>(*w) + 1;
        p.height = static_cast<int>(*h) + 1;
    } else if (c.fourcc == "VP8 ") {
        if (c.data.size() < 10 || c.data.substr(3, 3) != "\x9D\x01\x2A") corrupt("WebP", "bad VP8 header");
        p.width = static_cast<int>(*bytes::le(c.data, 6, 2) & 0x3FFF);
        p.height = static_cast<int>(*bytes::le(c.data, 8, 2) & 0x3FFF);
    } else if (c.fourcc == "VP8L") {
        if (c.data.size() < 5 || static_cast<unsigned char>(c.data[0]) != 0x2F) corrupt("WebP", "bad VP8L header");
        auto bits = *bytes::le(c.data, 1, 4);
        p.width = static_cast<int>(bits & 0x3FFF) + 1;
        p.height = static_cast<int>((bits >> 14) & 0x3FFF) + 1;
    } else {
        corrupt("WebP", "unknown first chunk");
    }
}

void gif_size(std::string_view d, Probe& p) {
    auto w = bytes::le(d, 6, 2), h = bytes::le(d, 8, 2);
    if (!w || !h) corrupt("GIF", "truncated header");
    p.width = static_cast<int>(*w);
    p.height = static_cast<int>(*h);
}

[[noreturn]] void over(std::string what, long long value, long long limit) {
    what += ' ';
    what += std::to_string(value);
    what += " is over the limit of ";
    what += std::to_string(limit);
    throw Error(Errc::too_large, what);
}

}  // namespace

std::string_view name_unsupported_type(std::string_view d) {
    auto starts = [&](std::string_view m) { return d.substr(0, m.size()) == m; };
    if (d.size() >= 12 && d.substr(4, 4) == "ftyp") {
        auto brand = d.substr(8, 4);
        if (brand == "avif" || brand == "avis") return "AVIF";
        if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1" || brand == "hevc") return "HEIC";
        return "MP4/QuickTime video";
    }
    if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "TIFF";
    if (starts("BM")) return "BMP";
    if (starts("\xFF\x0A") || starts(std::string_view("\0\0\0\x0CJXL ", 8))) return "JPEG XL";
    if (starts("%PDF")) return "PDF";
    if (starts(std::string_view("\0\0\1\0", 4))) return "ICO";
    if (starts("8BPS")) return "Photoshop PSD";
    if (d.size() >= 12 && starts("RIFF")) return "RIFF (not WebP)";
    auto head = d.substr(0, 512);
    if (head.find("<svg") != std::string_view::npos) return "SVG";
    return "unknown";
}

Probe probe_image(std::string_view d) {
    if (d.empty()) throw Error(Errc::unprocessable, "the image file is empty");
    if (d.size() > limits::kMaxImageBytes)
        over("image file size", static_cast<long long>(d.size()), static_cast<long long>(limits::kMaxImageBytes));
    Probe p;
    p.type = sniff_image_type(d);
    switch (p.type) {
        case ImageType::jpeg: jpeg_size(d, p); break;
        case ImageType::png: png_size(d, p); break;
        case ImageType::webp: webp_size(d, p); break;
        case ImageType::gif: gif_size(d, p); break;
        case ImageType::unknown: {
            std::string msg = "unsupported image type: ";
            msg += name_unsupported_type(d);
            msg += " (accepted: JPEG, PNG, WebP, GIF)";
            throw Error(Errc::unprocessable, msg);
        }
    }
    if (p.width <= 0 || p.height <= 0) corrupt(mime_type(p.type), "zero width or height");
    if (p.width > limits::kMaxImageWidth) over("image width", p.width, limits::kMaxImageWidth);
    if (p.height > limits::kMaxImageHeight) over("image height", p.height, limits::kMaxImageHeight);
    long long pixels = static_cast<long long>(p.width) * p.height;
    if (pixels > limits::kMaxImagePixels) over("image pixel count", pixels, limits::kMaxImagePixels);
    if (auto tiff = find_exif(d)) p.orientation = read_exif(*tiff).orientation;
    return p;
}

}  // namespace gesso::media
