#include "media/stealth.hpp"

#include <zlib.h>

#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::media {
namespace {

constexpr std::size_t kMagicBytes = 15;

// Walks the carrier bits in NovelAI's order.
class BitCursor {
public:
    BitCursor(const cv::Mat& m, bool alpha) : m_(m), alpha_(alpha), per_pixel_(alpha ? 1 : 3) {}
    std::size_t capacity() const { return static_cast<std::size_t>(m_.rows) * m_.cols * per_pixel_; }
    std::optional<std::string> bytes(std::size_t n) {
        if (capacity() - pos_ < n * 8 || pos_ > capacity()) return std::nullopt;
        std::string out(n, '\0');
        for (std::size_t i = 0; i < n; ++i) {
            unsigned v = 0;
            for (int b = 0; b < 8; ++b) v = (v << 1) | next();
            out[i] = static_cast<char>(v);
        }
        return out;
    }

private:
    unsigned next() {
        const std::size_t pixel = pos_ / per_pixel_, lane = pos_ % per_pixel_;
        ++pos_;
        const int x = static_cast<int>(pixel / static_cast<std::size_t>(m_.rows));
        const int y = static_cast<int>(pixel % static_cast<std::size_t>(m_.rows));
        const uchar* p = m_.ptr<uchar>(y) + x * m_.channels();
        const int channel = alpha_ ? 3 : 2 - static_cast<int>(lane);  // BGR(A) storage, R G B order
        return p[channel] & 1u;
    }
    const cv::Mat& m_;
    bool alpha_;
    std::size_t per_pixel_;
    std::size_t pos_ = 0;
};

std::string gunzip_bounded(const std::string& in) {
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return {};
    std::string out;
    char buf[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc == Z_OK && out.size() < core::limits::kMaxStealthPayloadBytes) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            out.clear();
            break;
        }
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    return out;
}

}  // namespace

std::optional<StealthPayload> read_stealth_payload(const cv::Mat& pixels) {
    if (pixels.empty() || pixels.depth() != CV_8U || pixels.channels() < 3) return std::nullopt;
    for (bool alpha : {true, false}) {
        if (alpha && pixels.channels() != 4) continue;
        BitCursor cur(pixels, alpha);
        auto magic = cur.bytes(kMagicBytes);
        if (!magic) continue;
        const bool known = alpha ? (*magic == "stealth_pnginfo" || *magic == "stealth_pngcomp")
                                 : (*magic == "stealth_rgbinfo" || *magic == "stealth_rgbcomp");
        if (!known) continue;
        StealthPayload p{*magic, alpha, {}};
        auto len = cur.bytes(4);
        if (len) {
            std::size_t bits = 0;
            for (char c : *len) bits = (bits << 8) | static_cast<unsigned char>(c);
            const std::size_t n = std::min(bits / 8, core::limits::kMaxStealthPayloadBytes);
            if (auto body = cur.bytes(n)) p.text = magic->ends_with("comp") ? gunzip_bounded(*body) : *body;
        }
        return p;
    }
    return std::nullopt;
}

void scrub_stealth_bits(cv::Mat& pixels, bool in_alpha) {
    if (pixels.depth() != CV_8U || pixels.channels() < 3) return;
    const int ch = pixels.channels();
    for (int y = 0; y < pixels.rows; ++y) {
        uchar* row = pixels.ptr<uchar>(y);
        for (int x = 0; x < pixels.cols; ++x) {
            uchar* p = row + x * ch;
            if (in_alpha && ch == 4) {
                p[3] |= 1;
            } else if (!in_alpha) {
                for (int c = 0; c < 3; ++c) p[c] &= 0xFE;
            }
        }
    }
}

}  // namespace gesso::media
