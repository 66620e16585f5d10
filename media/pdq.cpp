#include "media/pdq.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::media {
namespace {

constexpr int kBuffer = 64;
constexpr int kDct = 16;

// Window per pass so two passes of box filters cover about one output cell (Jarosz 2001: repeated box
// filters approximate a tent/Gaussian).
int jarosz_window(int old_size, int new_size) { return (old_size + 2 * new_size - 1) / (2 * new_size); }

// In-place 1-D box filter of `window` over a strided line, centred, averaging only the samples inside.
void box_line(float* line, int n, int stride, int window, std::vector<float>& tmp) {
    tmp.resize(static_cast<std::size_t>(n));
    const int half_left = (window - 1) / 2, half_right = window / 2;
    double sum = 0;
    int count = 0, lo = 0, hi = 0;  // current window covers [lo, hi)
    for (int i = 0; i < n; ++i) {
        const int want_hi = std::min(n, i + half_right + 1), want_lo = std::max(0, i - half_left);
        while (hi < want_hi) {
            sum += line[hi * stride];
            ++hi;
            ++count;
        }
        while (lo < want_lo) {
            sum -= line[lo * stride];
            ++lo;
            --count;
        }
        tmp[static_cast<std::size_t>(i)] = static_cast<float>(sum / count);
    }
    for (int i = 0; i < n; ++i) line[i * stride] = tmp[static_cast<std::size_t>(i)];
}

// The 64x64 luma buffer: Jarosz-filtered full-resolution luma sampled at cell centres.
cv::Mat downsample_64(const cv::Mat& image) {
    cv::Mat luma(image.size(), CV_32F);
    const int ch = image.channels();
    for (int y = 0; y < image.rows; ++y) {
        const uchar* s = image.ptr<uchar>(y);
        float* d = luma.ptr<float>(y);
        for (int x = 0; x < image.cols; ++x) {
            const uchar* p = s + x * ch;
            d[x] = 0.299f * p[2] + 0.587f * p[1] + 0.114f * p[0];
        }
    }
    const int wx = jarosz_window(image.cols, kBuffer), wy = jarosz_window(image.rows, kBuffer);
    std::vector<float> tmp;
    for (int pass = 0; pass < 2; ++pass) {
        if (wx > 1)
            for (int y = 0; y < luma.rows; ++y) box_line(luma.ptr<float>(y), luma.cols, 1, wx, tmp);
        if (wy > 1)
            for (int x = 0; x < luma.cols; ++x)
                box_line(luma.ptr<float>(0) + x, luma.rows, static_cast<int>(luma.step1()), wy, tmp);
    }
    cv::Mat out(kBuffer, kBuffer, CV_32F);
    for (int i = 0; i < kBuffer; ++i) {
        const int y = std::min(luma.rows - 1, static_cast<int>((i + 0.5) * luma.rows / kBuffer));
        for (int j = 0; j < kBuffer; ++j) {
            const int x = std::min(luma.cols - 1, static_cast<int>((j + 0.5) * luma.cols / kBuffer));
            out.at<float>(i, j) = luma.at<float>(y, x);
        }
    }
    return out;
}

// Sum of absolute neighbour differences in the 64x64 buffer, each scaled to 0..100 and truncated to an
// integer (so only significant gradients count), divided by 90 and capped at 100.
int quality_of(const cv::Mat& b) {
    int gradient = 0;
    for (int i = 0; i < kBuffer - 1; ++i)
        for (int j = 0; j < kBuffer; ++j)
            gradient += std::abs(static_cast<int>((b.at<float>(i, j) - b.at<float>(i + 1, j)) * 100 / 255));
    for (int i = 0; i < kBuffer; ++i)
        for (int j = 0; j < kBuffer - 1; ++j)
            gradient += std::abs(static_cast<int>((b.at<float>(i, j) - b.at<float>(i, j + 1)) * 100 / 255));
    return std::min(100, gradient / 90);
}

// Meta's reference tools first scale anything larger than 512 on either side to exactly 512x512 (the 64x64
// grid is sampled at cell centres, so the aspect ratio does not matter); the Jarosz passes are costly on
// large images. Images smaller than 5 pixels on a side have no meaningful hash.
cv::Mat sample_for_hash(const cv::Mat& image) {
    const int edge = core::limits::kPdqSampleEdge;
    if (image.cols <= edge && image.rows <= edge) return image;
    cv::Mat out;
    cv::resize(image, out, cv::Size(edge, edge), 0, 0, cv::INTER_AREA);
    return out;
}
constexpr int kMinHashableSide = 5;

const cv::Mat& dct_matrix() {
    // Rows 1..16 of the 64-point DCT-II basis (row 0, the average, carries no structure).
    static const cv::Mat m = [] {
        cv::Mat d(kDct, kBuffer, CV_32F);
        const double scale = std::sqrt(2.0 / kBuffer);
        for (int i = 0; i < kDct; ++i)
            for (int j = 0; j < kBuffer; ++j)
                d.at<float>(i, j) =
                    static_cast<float>(scale * std::cos(std::numbers::pi / 2 / kBuffer * (i + 1) * (2 * j + 1)));
        return d;
    }();
    return m;
}

PdqHash hash_of_buffer(const cv::Mat& buffer64) {
    const cv::Mat& d = dct_matrix();
    cv::Mat coeffs = d * buffer64 * d.t();  // 16x16
    std::vector<float> values(coeffs.begin<float>(), coeffs.end<float>());
    std::vector<float> sorted = values;
    // The lower median (the 128th smallest), so exactly 128 bits are set when the values are distinct.
    std::nth_element(sorted.begin(), sorted.begin() + 127, sorted.end());
    const float median = sorted[127];
    PdqHash h;
    for (int k = 0; k < 256; ++k)
        if (values[static_cast<std::size_t>(k)] > median)
            h.words[static_cast<std::size_t>(k / 16)] |= static_cast<std::uint16_t>(1u << (k % 16));
    return h;
}

}  // namespace

std::string PdqHash::hex() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (int w = 15; w >= 0; --w)
        for (int shift = 12; shift >= 0; shift -= 4)
            out.push_back(kHex[(words[static_cast<std::size_t>(w)] >> shift) & 0xF]);
    return out;
}

PdqHash PdqHash::from_hex(std::string_view hex) {
    if (hex.size() != 64) throw core::Error(core::Errc::bad_request, "a PDQ hash is 64 hex digits");
    PdqHash h;
    for (std::size_t i = 0; i < 64; ++i) {
        const char c = hex[i];
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (v < 0) throw core::Error(core::Errc::bad_request, "a PDQ hash is 64 hex digits");
        auto& w = h.words[15 - i / 4];
        w = static_cast<std::uint16_t>(w | (v << (12 - 4 * (i % 4))));
    }
    return h;
}

int hamming_distance(const PdqHash& a, const PdqHash& b) {
    int d = 0;
    for (std::size_t i = 0; i < a.words.size(); ++i) d += std::popcount(static_cast<unsigned>(a.words[i] ^ b.words[i]));
    return d;
}

PdqResult pdq_hash(const cv::Mat& image) {
    if (image.cols < kMinHashableSide || image.rows < kMinHashableSide) return {};
    cv::Mat b = downsample_64(sample_for_hash(image));
    return {hash_of_buffer(b), quality_of(b)};
}

std::array<PdqResult, 8> pdq_dihedral_hashes(const cv::Mat& image) {
    if (image.cols < kMinHashableSide || image.rows < kMinHashableSide) return {};
    cv::Mat b = downsample_64(sample_for_hash(image));
    const int quality = quality_of(b);
    std::array<cv::Mat, 8> variants;
    variants[0] = b;
    cv::rotate(b, variants[1], cv::ROTATE_90_CLOCKWISE);
    cv::rotate(b, variants[2], cv::ROTATE_180);
    cv::rotate(b, variants[3], cv::ROTATE_90_COUNTERCLOCKWISE);
    cv::flip(b, variants[4], 1);
    cv::flip(b, variants[5], 0);
    cv::transpose(b, variants[6]);
    cv::flip(variants[6], variants[7], -1);
    std::array<PdqResult, 8> out;
    for (std::size_t i = 0; i < 8; ++i) out[i] = {hash_of_buffer(variants[i]), quality};
    return out;
}

}  // namespace gesso::media
