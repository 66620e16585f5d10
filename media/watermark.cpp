#include "media/watermark.hpp"

#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>

#include "core/limits.hpp"

namespace gesso::media {
namespace {

constexpr int kBlock = 4;
constexpr double kScale = 36;

std::vector<int> bits_of(const std::string& bytes) {
    std::vector<int> bits;
    for (unsigned char c : bytes)
        for (int b = 7; b >= 0; --b) bits.push_back((c >> b) & 1);
    return bits;
}

// The Haar low band of the U channel (each 2x2 cell summed and halved, as pywt.dwt2 'haar' computes it),
// of the image cropped to a multiple of 4 on both sides.
cv::Mat u_low_band(const cv::Mat& pixels) {
    cv::Mat bgr = pixels;
    if (pixels.channels() == 4) cv::cvtColor(pixels, bgr, cv::COLOR_BGRA2BGR);
    cv::Mat yuv;
    cv::cvtColor(bgr, yuv, cv::COLOR_BGR2YUV);
    const int rows = yuv.rows / 4 * 4, cols = yuv.cols / 4 * 4;
    cv::Mat ll(rows / 2, cols / 2, CV_32F);
    for (int y = 0; y < ll.rows; ++y) {
        const auto* r0 = yuv.ptr<cv::Vec3b>(2 * y);
        const auto* r1 = yuv.ptr<cv::Vec3b>(2 * y + 1);
        float* out = ll.ptr<float>(y);
        for (int x = 0; x < ll.cols; ++x)
            out[x] = (r0[2 * x][1] + r0[2 * x + 1][1] + r1[2 * x][1] + r1[2 * x + 1][1]) / 2.0f;
    }
    return ll;
}

}  // namespace

const std::vector<int>& sd_v1_watermark_bits() {
    static const std::vector<int> bits = bits_of("StableDiffusionV1");
    return bits;
}

const std::vector<int>& sdxl_watermark_bits() {
    static const std::vector<int> bits = bits_of("\xB3\xEC\x90\x7B\xB1\x9E");
    return bits;
}

std::vector<unsigned char> dwt_dct_block_votes(const cv::Mat& pixels) {
    if (pixels.empty() || pixels.depth() != CV_8U || pixels.channels() < 3) return {};
    const cv::Mat ll = u_low_band(pixels);
    const int brows = ll.rows / kBlock, bcols = ll.cols / kBlock;
    // Orthonormal 4-point DCT-II (what cv::dct computes), applied as D * B * D^T.
    float d[kBlock][kBlock];
    for (int k = 0; k < kBlock; ++k)
        for (int n = 0; n < kBlock; ++n)
            d[k][n] = static_cast<float>((k == 0 ? std::sqrt(1.0 / kBlock) : std::sqrt(2.0 / kBlock)) *
                                         std::cos(std::numbers::pi * (2 * n + 1) * k / (2.0 * kBlock)));
    std::vector<unsigned char> votes;
    votes.reserve(static_cast<std::size_t>(brows) * static_cast<std::size_t>(bcols));
    for (int i = 0; i < brows; ++i)
        for (int j = 0; j < bcols; ++j) {
            float b[kBlock][kBlock], t[kBlock][kBlock], c[kBlock * kBlock];
            for (int y = 0; y < kBlock; ++y)
                for (int x = 0; x < kBlock; ++x) b[y][x] = ll.at<float>(i * kBlock + y, j * kBlock + x);
            for (int k = 0; k < kBlock; ++k)  // t = D * b
                for (int x = 0; x < kBlock; ++x) {
                    float acc = 0;
                    for (int n = 0; n < kBlock; ++n) acc += d[k][n] * b[n][x];
                    t[k][x] = acc;
                }
            for (int k = 0; k < kBlock; ++k)  // c = t * D^T
                for (int l = 0; l < kBlock; ++l) {
                    float acc = 0;
                    for (int n = 0; n < kBlock; ++n) acc += t[k][n] * d[l][n];
                    c[k * kBlock + l] = acc;
                }
            int pos = 1;  // the largest coefficient after DC, first one on ties (as numpy.argmax)
            for (int k = 2; k < kBlock * kBlock; ++k)
                if (std::abs(c[k]) > std::abs(c[pos])) pos = k;
            votes.push_back(std::fmod(std::abs(static_cast<double>(c[pos])), kScale) > 0.5 * kScale);
        }
    return votes;
}

std::vector<int> bits_from_votes(const std::vector<unsigned char>& votes, std::size_t bit_count) {
    if (bit_count == 0 || votes.size() < bit_count) return {};
    std::vector<int> ones(bit_count, 0), counts(bit_count, 0);
    for (std::size_t k = 0; k < votes.size(); ++k) {
        ones[k % bit_count] += votes[k];
        ++counts[k % bit_count];
    }
    std::vector<int> bits(bit_count);
    for (std::size_t b = 0; b < bit_count; ++b) bits[b] = ones[b] * 255 > 127 * counts[b];  // mean * 255 > 127
    return bits;
}

std::vector<int> decode_dwt_dct_bits(const cv::Mat& pixels, std::size_t bit_count) {
    return bits_from_votes(dwt_dct_block_votes(pixels), bit_count);
}

std::optional<WatermarkMatch> detect_sd_watermark(const cv::Mat& pixels) {
    if (static_cast<long long>(pixels.rows) * pixels.cols > core::limits::kMaxWatermarkPixels) return std::nullopt;
    const auto votes = dwt_dct_block_votes(pixels);
    struct Known {
        const char* name;
        const std::vector<int>& bits;
    } known[] = {{"SDXL (0xB3EC907BB19E)", sdxl_watermark_bits()},
                 {"Stable Diffusion v1 (\"StableDiffusionV1\")", sd_v1_watermark_bits()}};
    for (const auto& k : known) {
        const auto got = bits_from_votes(votes, k.bits.size());
        if (got.empty()) continue;
        int same = 0;
        for (std::size_t b = 0; b < got.size(); ++b) same += got[b] == k.bits[b];
        // > 35 of 48 bits, i.e. more than 73%; the same share for the 136-bit payload.
        if (same * 48 > 35 * static_cast<int>(k.bits.size()))
            return WatermarkMatch{k.name, same, static_cast<int>(k.bits.size())};
    }
    return std::nullopt;
}

}  // namespace gesso::media
