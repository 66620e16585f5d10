#include "media/quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/error.hpp"
#include "media/cpu_features.hpp"

namespace gesso::media {
namespace {

void check_pair(const cv::Mat& a, const cv::Mat& b) {
    const bool ok = a.size() == b.size() && a.type() == b.type() && a.depth() == CV_8U &&
                    (a.channels() == 3 || a.channels() == 4) && !a.empty();
    if (!ok) throw core::Error(core::Errc::internal, "image quality needs two 8-bit colour images of one size");
}


// SSIM in one pass over the rows, the same quantity as blurring whole planes with cv::GaussianBlur (11x11,
// sigma 1.5, BORDER_REFLECT_101) and averaging the SSIM map, rewritten so that it needs four filtered
// planes instead of five and so that the part that matters is computed from small numbers:
//
// With s = x + y and d = y - x per sample, and mu, var the Gaussian-weighted local mean and variance,
//   mu_x^2 + mu_y^2 = (mu_s^2 + mu_d^2) / 2,   2 mu_x mu_y = (mu_s^2 - mu_d^2) / 2,
//   var_x + var_y   = (var_s + var_d) / 2,     2 cov_xy    = (var_s - var_d) / 2   (the cov(s, d) terms cancel),
// so the two SSIM factors are
//   l  = (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1) = 1 - a,  a = 2 mu_d^2 / (mu_s^2 + mu_d^2 + 2 C1),
//   cs = (2 cov_xy + C2) / (var_x + var_y + C2)     = 1 - b,  b = 2 var_d / (var_s + var_d + 2 C2),
// and SSIM = (1 - a)(1 - b) = 1 - (a + b - ab). The map sums the deficit a + b - ab, which comes from the
// difference d (small integers: exact in float, and its local variance has no cancellation), so the mean is
// accurate to far better than the 1e-3 the bound is stated in. Swapping x and y turns d into -d and leaves
// every term alone: the result is exactly symmetric.
//
// Each output row: a vertical pass over the 11 input rows (reflected at the picture's edges) straight from
// the 8-bit interleaved pixels into four row buffers padded by kRadius pixels on each side, the padding
// filled by reflection; then a horizontal pass, the map and its sum. Interleaved channels are filtered
// together (a neighbour is N floats away), so nothing is split, converted or stored as a plane, and the
// working set (four rows of floats) stays in the CPU cache.
constexpr int kRadius = 5;
constexpr double kSigma = 1.5;

struct SsimKernel {
    float g[kRadius + 1];  // g[0] at the centre, g[i] at +-i
};

const SsimKernel& ssim_kernel() {
    static const SsimKernel k = [] {
        const cv::Mat full = cv::getGaussianKernel(2 * kRadius + 1, kSigma, CV_32F);  // as cv::GaussianBlur
        SsimKernel out{};
        for (int i = 0; i <= kRadius; ++i) out.g[i] = full.at<float>(kRadius + i);
        return out;
    }();
    return k;
}

struct SsimRows {
    std::vector<float> s, d, ss, dd, deficit, colour;  // padded row buffers; deficit map; 1 for B, G, R, 0 for alpha
};

// The vertical pass, one row offset at a time: the centre row, then each pair of rows i above and below.
[[gnu::always_inline]] inline void vertical_centre(const uchar* __restrict x, const uchar* __restrict y, float g,
                                                   int length, float* __restrict vs, float* __restrict vd,
                                                   float* __restrict vss, float* __restrict vdd) {
    for (int j = 0; j < length; ++j) {
        const float xv = x[j], yv = y[j];
        const float s = xv + yv, d = yv - xv;
        vs[j] = g * s;
        vd[j] = g * d;
        vss[j] = g * (s * s);
        vdd[j] = g * (d * d);
    }
}

[[gnu::always_inline]] inline void vertical_pair(const uchar* __restrict xa, const uchar* __restrict ya,
                                                 const uchar* __restrict xb, const uchar* __restrict yb, float g,
                                                 int length, float* __restrict vs, float* __restrict vd,
                                                 float* __restrict vss, float* __restrict vdd) {
    for (int j = 0; j < length; ++j) {
        const float xav = xa[j], yav = ya[j], xbv = xb[j], ybv = yb[j];
        const float sa = xav + yav, da = yav - xav, sb = xbv + ybv, db = ybv - xbv;
        vs[j] += g * (sa + sb);
        vd[j] += g * (da + db);
        vss[j] += g * (sa * sa + sb * sb);
        vdd[j] += g * (da * da + db * db);
    }
}

template <int N>
[[gnu::always_inline]] inline double ssim_deficit_body(const cv::Mat& reference, const cv::Mat& test) {
    const float c1x2 = static_cast<float>(2 * (0.01 * 255) * (0.01 * 255));
    const float c2x2 = static_cast<float>(2 * (0.03 * 255) * (0.03 * 255));
    const SsimKernel& k = ssim_kernel();
    const int rows = reference.rows, cols = reference.cols;
    const int length = cols * N, pad = kRadius * N;
    SsimRows b;
    for (auto* v : {&b.s, &b.d, &b.ss, &b.dd}) v->assign(static_cast<std::size_t>(length + 2 * pad), 0.0f);
    b.deficit.assign(static_cast<std::size_t>(length), 0.0f);
    b.colour.assign(static_cast<std::size_t>(length), 1.0f);
    if (N == 4)
        for (int j = 3; j < length; j += 4) b.colour[j] = 0;
    double sum = 0;
    for (int r = 0; r < rows; ++r) {
        const uchar* xr[2 * kRadius + 1];
        const uchar* yr[2 * kRadius + 1];
        for (int i = -kRadius; i <= kRadius; ++i) {
            const int src = cv::borderInterpolate(r + i, rows, cv::BORDER_REFLECT_101);
            xr[i + kRadius] = reference.ptr<uchar>(src);
            yr[i + kRadius] = test.ptr<uchar>(src);
        }
        float* __restrict vs = b.s.data() + pad;
        float* __restrict vd = b.d.data() + pad;
        float* __restrict vss = b.ss.data() + pad;
        float* __restrict vdd = b.dd.data() + pad;
        vertical_centre(xr[kRadius], yr[kRadius], k.g[0], length, vs, vd, vss, vdd);
        for (int i = 1; i <= kRadius; ++i)
            vertical_pair(xr[kRadius - i], yr[kRadius - i], xr[kRadius + i], yr[kRadius + i], k.g[i], length, vs, vd,
                          vss, vdd);
        // Reflect the row's ends into the padding (whole pixels, every channel).
        for (int p = 1; p <= kRadius; ++p) {
            const int left = cv::borderInterpolate(-p, cols, cv::BORDER_REFLECT_101);
            const int right = cv::borderInterpolate(cols - 1 + p, cols, cv::BORDER_REFLECT_101);
            for (int c = 0; c < N; ++c)
                for (float* v : {vs, vd, vss, vdd}) {
                    v[-p * N + c] = v[left * N + c];
                    v[(cols - 1 + p) * N + c] = v[right * N + c];
                }
        }
        float* __restrict out = b.deficit.data();
        const float* __restrict colour = b.colour.data();
        for (int j = 0; j < length; ++j) {
            float s = k.g[0] * vs[j], d = k.g[0] * vd[j], ss = k.g[0] * vss[j], dd = k.g[0] * vdd[j];
#pragma GCC unroll 5
            for (int i = 1; i <= kRadius; ++i) {
                s += k.g[i] * (vs[j - i * N] + vs[j + i * N]);
                d += k.g[i] * (vd[j - i * N] + vd[j + i * N]);
                ss += k.g[i] * (vss[j - i * N] + vss[j + i * N]);
                dd += k.g[i] * (vdd[j - i * N] + vdd[j + i * N]);
            }
            const float var_s = ss - s * s, var_d = dd - d * d;
            const float a = 2 * d * d / (s * s + d * d + c1x2);
            const float bb = 2 * var_d / (var_s + var_d + c2x2);
            out[j] = colour[j] * (a + bb - a * bb);
        }
        // Eight independent float partial sums (vectorisable; each adds at most a row's small deficits).
        float lane[8] = {};
        int j = 0;
        for (; j + 8 <= length; j += 8)
            for (int l = 0; l < 8; ++l) lane[l] += out[j + l];
        double row = 0;
        for (; j < length; ++j) row += out[j];
        for (float v : lane) row += v;
        sum += row;
    }
    return sum;
}

template <int N>
double ssim_deficit(const cv::Mat& reference, const cv::Mat& test) {
    return ssim_deficit_body<N>(reference, test);
}

// The same code compiled for AVX2 with FMA (8 floats per instruction), chosen at run time: the build targets
// plain x86-64 (or another architecture, where this falls back to the portable copy).
#if defined(__x86_64__) && defined(__GNUC__)
template <int N>
[[gnu::target("avx2,fma")]] double ssim_deficit_avx2(const cv::Mat& reference, const cv::Mat& test) {
    return ssim_deficit_body<N>(reference, test);
}
#else
template <int N>
double ssim_deficit_avx2(const cv::Mat& reference, const cv::Mat& test) {
    return ssim_deficit_body<N>(reference, test);
}
#endif

}  // namespace

double psnr(const cv::Mat& reference, const cv::Mat& test) {
    check_pair(reference, test);
    const int n = reference.channels();
    double sum = 0;
    for (int y = 0; y < reference.rows; ++y) {
        const uchar* a = reference.ptr<uchar>(y);
        const uchar* b = test.ptr<uchar>(y);
        long long row = 0;
        for (int x = 0; x < reference.cols * n; x += n)
            for (int c = 0; c < 3; ++c) {
                const int d = a[x + c] - b[x + c];
                row += d * d;
            }
        sum += static_cast<double>(row);
    }
    const double mse = sum / (3.0 * static_cast<double>(reference.total()));
    if (mse == 0) return std::numeric_limits<double>::infinity();
    return 10 * std::log10(255.0 * 255.0 / mse);
}

double ssim(const cv::Mat& reference, const cv::Mat& test) {
    check_pair(reference, test);
    const bool vector_unit = has_avx2_fma();
    const double deficit = reference.channels() == 3
                               ? (vector_unit ? ssim_deficit_avx2<3>(reference, test) : ssim_deficit<3>(reference, test))
                               : (vector_unit ? ssim_deficit_avx2<4>(reference, test) : ssim_deficit<4>(reference, test));
    return 1.0 - deficit / (3.0 * static_cast<double>(reference.total()));
}

}  // namespace gesso::media
