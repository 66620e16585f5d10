#pragma once
// Image fixtures for the media unit tests, generated at test time: pictures drawn with OpenCV and the
// metadata blocks (EXIF, PNG text chunks, GIF, NovelAI stealth bits) written here by hand from the format
// specifications, independently of media/'s own writers.
#include <zlib.h>

#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gesso::test::media {

// A textured picture that differs for each seed: a gradient background with random filled shapes.
inline cv::Mat picture(int width, int height, int seed) {
    cv::Mat m(height, width, CV_8UC3);
    cv::RNG rng(static_cast<std::uint64_t>(seed) * 7919 + 17);
    const double a = rng.uniform(0.0, 1.0), b = rng.uniform(0.0, 1.0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            m.at<cv::Vec3b>(y, x) =
                cv::Vec3b(static_cast<uchar>(255.0 * x / width * a), static_cast<uchar>(255.0 * y / height * b), 90);
    const int scale = std::max(width, height);
    for (int i = 0; i < 24; ++i) {
        cv::Scalar colour(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
        cv::Point c(rng.uniform(0, width), rng.uniform(0, height));
        const int r = rng.uniform(scale / 40 + 1, scale / 6 + 2);
        if (i % 2)
            cv::circle(m, c, r, colour, cv::FILLED);
        else
            cv::rectangle(m, cv::Rect(c.x - r, c.y - r / 2, 2 * r, r), colour, cv::FILLED);
    }
    return m;
}

inline std::string encode(const cv::Mat& m, const std::string& ext, std::vector<int> params = {}) {
    std::vector<uchar> out;
    cv::imencode(ext, m, out, params);
    return std::string(out.begin(), out.end());
}

inline cv::Mat decode(std::string_view bytes, int flags = cv::IMREAD_UNCHANGED) {
    cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
    return cv::imdecode(buf, flags);
}

inline void put_be(std::string& s, std::uint32_t v, int n) {
    for (int i = n - 1; i >= 0; --i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline void put_le(std::string& s, std::uint32_t v, int n) {
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A little-endian TIFF/EXIF block. Entries are (tag, type, count, value-bytes); values longer than 4 bytes
// are stored after the IFD. IFD0 holds `ifd0`; if `exif` or `gps` are non-empty, sub-IFDs are linked.
struct TiffEntry {
    std::uint16_t tag;
    std::uint16_t type;  // 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED
    std::uint32_t count;
    std::string value;  // raw little-endian bytes
};

inline std::string short_value(std::uint16_t v) {
    std::string s;
    put_le(s, v, 2);
    return s;
}
inline TiffEntry ascii(std::uint16_t tag, std::string_view text) {
    std::string v(text);
    v.push_back('\0');
    return {tag, 2, static_cast<std::uint32_t>(v.size()), v};
}

inline std::string tiff(std::vector<TiffEntry> ifd0, const std::vector<TiffEntry>& exif = {},
                        const std::vector<TiffEntry>& gps = {}) {
    // Layout: header(8) | IFD0 | exif IFD | gps IFD | data area. Pointer entries are patched in.
    auto ifd_size = [](std::size_t n) { return 2 + 12 * n + 4; };
    if (!exif.empty()) ifd0.push_back({0x8769, 4, 1, std::string(4, '\0')});
    if (!gps.empty()) ifd0.push_back({0x8825, 4, 1, std::string(4, '\0')});
    const std::uint32_t ifd0_at = 8;
    const auto exif_at = static_cast<std::uint32_t>(ifd0_at + ifd_size(ifd0.size()));
    const auto gps_at = static_cast<std::uint32_t>(exif_at + (exif.empty() ? 0 : ifd_size(exif.size())));
    auto data_at = static_cast<std::uint32_t>(gps_at + (gps.empty() ? 0 : ifd_size(gps.size())));
    std::string out("II*\0", 4), data;
    put_le(out, ifd0_at, 4);
    auto write_ifd = [&](const std::vector<TiffEntry>& entries) {
        put_le(out, static_cast<std::uint32_t>(entries.size()), 2);
        for (const auto& e : entries) {
            put_le(out, e.tag, 2);
            put_le(out, e.type, 2);
            put_le(out, e.count, 4);
            std::string v = e.value;
            if (e.tag == 0x8769) {
                v.clear();
                put_le(v, exif_at, 4);
            }
            if (e.tag == 0x8825) {
                v.clear();
                put_le(v, gps_at, 4);
            }
            if (v.size() <= 4) {
                v.resize(4, '\0');
                out += v;
            } else {
                put_le(out, data_at + static_cast<std::uint32_t>(data.size()), 4);
                data += v;
                if (data.size() & 1) data.push_back('\0');
            }
        }
        put_le(out, 0, 4);
    };
    write_ifd(ifd0);
    if (!exif.empty()) write_ifd(exif);
    if (!gps.empty()) write_ifd(gps);
    return out + data;
}

// A JPEG with an APP1 "Exif\0\0" segment holding `tiff_block`, inserted right after SOI.
inline std::string with_exif(std::string_view jpeg, std::string_view tiff_block) {
    std::string seg("\xFF\xE1");
    put_be(seg, static_cast<std::uint32_t>(tiff_block.size() + 8), 2);
    seg += std::string("Exif\0\0", 6);
    seg += tiff_block;
    return std::string(jpeg.substr(0, 2)) + seg + std::string(jpeg.substr(2));
}

// A JPEG with an extra segment (marker byte, payload) inserted right after SOI.
inline std::string with_segment(std::string_view jpeg, unsigned char marker, std::string_view payload) {
    std::string seg("\xFF");
    seg.push_back(static_cast<char>(marker));
    put_be(seg, static_cast<std::uint32_t>(payload.size() + 2), 2);
    seg += payload;
    return std::string(jpeg.substr(0, 2)) + seg + std::string(jpeg.substr(2));
}

inline std::string png_chunk(std::string_view type, std::string_view data) {
    std::string typed(type);
    typed += data;
    std::string out;
    put_be(out, static_cast<std::uint32_t>(data.size()), 4);
    out += typed;
    put_be(out,
           static_cast<std::uint32_t>(
               crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()))),
           4);
    return out;
}

// A PNG with `chunk` (complete, from png_chunk) inserted right after IHDR (8 + 25 bytes).
inline std::string with_chunk(std::string_view png, std::string_view chunk) {
    return std::string(png.substr(0, 33)) + std::string(chunk) + std::string(png.substr(33));
}

inline std::string zlib_compress(std::string_view s) {
    uLongf n = compressBound(static_cast<uLong>(s.size()));
    std::string out(n, '\0');
    compress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(s.data()),
             static_cast<uLong>(s.size()));
    out.resize(n);
    return out;
}

inline std::string gzip(std::string_view s) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(s.size())) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
    z.avail_in = static_cast<uInt>(s.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

inline std::string text_chunk(std::string_view keyword, std::string_view text) {
    std::string d(keyword);
    d.push_back('\0');
    d += text;
    return png_chunk("tEXt", d);
}
inline std::string ztxt_chunk(std::string_view keyword, std::string_view text) {
    std::string d(keyword);
    d.push_back('\0');
    d.push_back('\0');
    d += zlib_compress(text);
    return png_chunk("zTXt", d);
}
inline std::string itxt_chunk(std::string_view keyword, std::string_view text, bool compressed = false) {
    std::string d(keyword);
    d.push_back('\0');
    d.push_back(compressed ? '\1' : '\0');
    d.push_back('\0');
    d.push_back('\0');  // language
    d.push_back('\0');  // translated keyword
    d += compressed ? zlib_compress(text) : std::string(text);
    return png_chunk("iTXt", d);
}

// NovelAI's stealth layout, written independently of media/stealth.cpp: bits column-major (x outer,
// y inner), MSB first; alpha mode one bit per pixel in A, RGB mode three bits in R, G, B.
inline void write_stealth(cv::Mat& m, const std::string& magic, const std::string& text) {
    const bool alpha = magic.find("png") != std::string::npos;
    std::string body = magic.ends_with("comp") ? gzip(text) : text;
    std::string all = magic;
    put_be(all, static_cast<std::uint32_t>(body.size() * 8), 4);
    all += body;
    std::vector<int> bits;
    for (unsigned char c : all)
        for (int b = 7; b >= 0; --b) bits.push_back((c >> b) & 1);
    std::size_t k = 0;
    for (int x = 0; x < m.cols && k < bits.size(); ++x)
        for (int y = 0; y < m.rows && k < bits.size(); ++y) {
            if (alpha) {
                auto& p = m.at<cv::Vec4b>(y, x);
                p[3] = static_cast<uchar>((p[3] & 0xFE) | bits[k++]);
            } else {
                auto& p = m.at<cv::Vec3b>(y, x);
                for (int ch : {2, 1, 0})  // R, G, B in BGR storage
                    if (k < bits.size()) p[ch] = static_cast<uchar>((p[ch] & 0xFE) | bits[k++]);
            }
        }
}

// A GIF written by hand: a palette of up to 4 colours, min code size 2, LZW codes of 3 bits with a clear
// code before every two literals (so the code width never grows). Each frame is (index grid, transparent).
inline std::string gif(int width, int height, const std::vector<cv::Vec3b>& palette_rgb,
                       const std::vector<std::vector<std::uint8_t>>& frames, int transparent_index = -1) {
    std::string g("GIF89a");
    put_le(g, static_cast<std::uint32_t>(width), 2);
    put_le(g, static_cast<std::uint32_t>(height), 2);
    g.push_back(static_cast<char>(0x80 | 0x01));  // global table of 4 entries
    g.push_back('\0');
    g.push_back('\0');
    for (int i = 0; i < 4; ++i) {
        cv::Vec3b c = i < static_cast<int>(palette_rgb.size()) ? palette_rgb[static_cast<std::size_t>(i)] : cv::Vec3b();
        g.push_back(static_cast<char>(c[0]));
        g.push_back(static_cast<char>(c[1]));
        g.push_back(static_cast<char>(c[2]));
    }
    g += "\x21\xFF\x0BNETSCAPE2.0\x03\x01";  // loop forever (an animation marker)
    g.push_back('\0');
    g.push_back('\0');
    g.push_back('\0');
    for (const auto& frame : frames) {
        g += "\x21\xF9\x04";
        g.push_back(transparent_index >= 0 ? '\x01' : '\0');
        g += std::string("\x0A\0", 2);
        g.push_back(static_cast<char>(transparent_index >= 0 ? transparent_index : 0));
        g.push_back('\0');
        g.push_back(',');
        put_le(g, 0, 2);
        put_le(g, 0, 2);
        put_le(g, static_cast<std::uint32_t>(width), 2);
        put_le(g, static_cast<std::uint32_t>(height), 2);
        g.push_back('\0');
        g.push_back('\2');  // min code size
        std::vector<unsigned> codes;
        for (std::size_t i = 0; i < frame.size(); ++i) {
            if (i % 2 == 0) codes.push_back(4);  // clear
            codes.push_back(frame[i]);
        }
        codes.push_back(5);  // end of information
        std::string packed;
        std::uint32_t acc = 0;
        int nbits = 0;
        for (unsigned c : codes) {
            acc |= c << nbits;
            nbits += 3;
            while (nbits >= 8) {
                packed.push_back(static_cast<char>(acc & 0xFF));
                acc >>= 8;
                nbits -= 8;
            }
        }
        if (nbits > 0) packed.push_back(static_cast<char>(acc & 0xFF));
        for (std::size_t at = 0; at < packed.size(); at += 255) {
            const auto n = std::min<std::size_t>(255, packed.size() - at);
            g.push_back(static_cast<char>(n));
            g += packed.substr(at, n);
        }
        g.push_back('\0');
    }
    g.push_back(';');
    return g;
}

}  // namespace gesso::test::media
