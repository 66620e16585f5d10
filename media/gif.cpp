#include "media/gif.hpp"

#include <array>
#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/bytes.hpp"

namespace gesso::media {
namespace {

[[noreturn]] void damaged(const char* what) {
    std::string msg = "GIF image is damaged: ";
    msg += what;
    throw core::Error(core::Errc::unprocessable, msg);
}

struct Reader {
    std::string_view d;
    std::size_t at = 0;
    unsigned byte() {
        if (at >= d.size()) damaged("truncated");
        return static_cast<unsigned char>(d[at++]);
    }
    unsigned u16() {
        auto v = bytes::le(d, at, 2);
        if (!v) damaged("truncated");
        at += 2;
        return *v;
    }
    std::string_view take(std::size_t n) {
        if (d.size() - at < n) damaged("truncated");
        auto v = d.substr(at, n);
        at += n;
        return v;
    }
    // Concatenated data sub-blocks up to the zero terminator.
    std::string sub_blocks() {
        std::string out;
        for (unsigned n = byte(); n != 0; n = byte()) out.append(take(n));
        return out;
    }
};

// LZW as GIF uses it: variable code width from min_code_size+1 up to 12 bits, LSB-first.
std::vector<std::uint8_t> lzw_decode(std::string_view in, unsigned min_code_size, std::size_t want) {
    if (min_code_size < 2 || min_code_size > 8) damaged("bad LZW code size");
    const unsigned clear = 1u << min_code_size, eoi = clear + 1;
    std::array<std::uint16_t, 4096> prefix{};
    std::array<std::uint8_t, 4096> suffix{};
    std::array<std::uint8_t, 4096> first{};
    std::array<std::uint8_t, 4097> stack{};
    for (unsigned i = 0; i < clear; ++i) suffix[i] = first[i] = static_cast<std::uint8_t>(i);
    unsigned width = min_code_size + 1, next = clear + 2, prev = 4096;
    std::vector<std::uint8_t> out;
    out.reserve(want);
    std::uint32_t acc = 0;
    unsigned bits = 0;
    std::size_t pos = 0;
    while (out.size() < want) {
        while (bits < width && pos < in.size()) {
            acc |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[pos++])) << bits;
            bits += 8;
        }
        if (bits < width) break;  // data ended early: the rest of the frame stays transparent
        unsigned code = acc & ((1u << width) - 1);
        acc >>= width;
        bits -= width;
        if (code == clear) {
            width = min_code_size + 1;
            next = clear + 2;
            prev = 4096;
            continue;
        }
        if (code == eoi) break;
        unsigned cur = code;
        std::size_t sp = 0;
        if (code >= next) {
            if (code > next || prev == 4096) damaged("bad LZW code");
            stack[sp++] = first[prev];  // KwKwK case: the code being defined now
            cur = prev;
        }
        while (cur >= clear) {
            stack[sp++] = suffix[cur];
            cur = prefix[cur];
        }
        stack[sp++] = static_cast<std::uint8_t>(cur);
        while (sp > 0 && out.size() < want) out.push_back(stack[--sp]);
        if (prev != 4096 && next < 4096) {
            prefix[next] = static_cast<std::uint16_t>(prev);
            suffix[next] = static_cast<std::uint8_t>(cur);
            first[next] = first[prev];
            ++next;
            if (next == (1u << width) && width < 12) ++width;
        }
        prev = code;
    }
    return out;
}

}  // namespace

cv::Mat decode_gif_first_frame(std::string_view data) {
    Reader r{data, 6};
    const int sw = static_cast<int>(r.u16()), sh = static_cast<int>(r.u16());
    const unsigned packed = r.byte();
    r.byte();  // background colour index: Gesso uses transparency instead
    r.byte();  // pixel aspect ratio
    std::string_view global;
    if (packed & 0x80) global = r.take(3u * (2u << (packed & 7)));
    int transparent = -1;
    for (int blocks = 0; blocks < core::limits::kMaxMetadataBlocks; ++blocks) {
        unsigned kind = r.byte();
        if (kind == 0x3B) break;  // trailer
        if (kind == 0x21) {
            unsigned label = r.byte();
            std::string body = r.sub_blocks();
            if (label == 0xF9 && body.size() >= 4 && (body[0] & 1)) transparent = static_cast<unsigned char>(body[3]);
            continue;
        }
        if (kind != 0x2C) damaged("unknown block");
        const int left = static_cast<int>(r.u16()), top = static_cast<int>(r.u16());
        const int fw = static_cast<int>(r.u16()), fh = static_cast<int>(r.u16());
        const unsigned fp = r.byte();
        std::string_view palette = global;
        if (fp & 0x80) palette = r.take(3u * (2u << (fp & 7)));
        if (palette.empty()) damaged("no colour table");
        const unsigned min_code = r.byte();
        std::string lzw = r.sub_blocks();
        // A frame is clipped to the canvas, and so is the work: no more indices are decoded than it holds.
        const std::size_t count = static_cast<std::size_t>(fw) * static_cast<std::size_t>(fh);
        // probe_image bounded the canvas; a frame may not claim more pixels than the canvas holds.
        if (count > static_cast<std::size_t>(sw) * static_cast<std::size_t>(sh)) damaged("frame larger than the image");
        auto idx = lzw_decode(lzw, min_code, count);

        cv::Mat canvas(sh, sw, CV_8UC4, cv::Scalar(0, 0, 0, 0));
        const bool interlaced = fp & 0x40;
        // Row order of an interlaced frame: passes starting at 0, 4, 2, 1 with steps 8, 8, 4, 2.
        std::vector<int> rows;
        rows.reserve(static_cast<std::size_t>(fh));
        if (interlaced) {
            const int start[4] = {0, 4, 2, 1}, step[4] = {8, 8, 4, 2};
            for (int p = 0; p < 4; ++p)
                for (int y = start[p]; y < fh; y += step[p]) rows.push_back(y);
        } else {
            for (int y = 0; y < fh; ++y) rows.push_back(y);
        }
        const std::size_t ncolours = palette.size() / 3;
        for (std::size_t i = 0; i < idx.size(); ++i) {
            const int y = top + rows[i / static_cast<std::size_t>(fw)];
            const int x = left + static_cast<int>(i % static_cast<std::size_t>(fw));
            if (x >= sw || y >= sh) continue;
            const unsigned c = idx[i];
            if (static_cast<int>(c) == transparent || c >= ncolours) continue;
            auto& px = canvas.at<cv::Vec4b>(y, x);
            px = cv::Vec4b(static_cast<uchar>(palette[3 * c + 2]), static_cast<uchar>(palette[3 * c + 1]),
                           static_cast<uchar>(palette[3 * c]), 255);
        }
        return canvas;
    }
    damaged("no image frame");
}

}  // namespace gesso::media
