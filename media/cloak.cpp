#include "media/cloak.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/cpu_features.hpp"
#include "media/quality.hpp"

namespace gesso::media {
namespace {

namespace limits = core::limits;

// Amplitudes in 8-bit levels where the texture mask is 1: luma gratings, each colour-opponent grating, and
// the fraction by which local contrast is raised or lowered. Chroma gets the larger share: at these spatial
// frequencies the eye's contrast sensitivity for isoluminant colour is several times lower than for luma.
struct Amplitudes {
    float luma;
    float chroma;
    float contrast;
};

Amplitudes amplitudes(CloakLevel level) {
    switch (level) {
        case CloakLevel::low: return {0.65f, 1.6f, 0.025f};
        case CloakLevel::medium: return {1.0f, 2.5f, 0.04f};
        case CloakLevel::high: return {2.2f, 5.2f, 0.08f};
        case CloakLevel::off: break;
    }
    return {0, 0, 0};
}

// Local standard deviation (8-bit levels) below which a region counts as flat (no cloak) and above which it
// counts as busy (full cloak). A smooth gradient of 150 levels across 1000 px has about 1.
constexpr float kFlatDeviation = 1.5f;
constexpr float kBusyDeviation = 12.0f;
// Gratings per pattern, their periods in analysis pixels (mid to high frequencies at the analysis size:
// below ~3 the extractor's resize aliases them away, above ~8 they become visible shading), and the size of
// the patches over which their mixture drifts, in periods.
constexpr int kGratings = 4;
constexpr double kMinPeriod = 3.0, kMaxPeriod = 6.0;
constexpr double kPatchPeriods = 8.0;
// Working resolution of the perturbation, in working pixels per analysis pixel: the shortest grating period
// (kMinPeriod analysis pixels) then spans 4.5 working pixels, well above the 2 that sampling needs.
constexpr double kWorkPixelsPerUnit = 1.5;
// Isoluminant directions (BT.601 weights 0.299, 0.587, 0.114): adding them changes colour, not luma.
constexpr float kRgGreen = -0.299f / 0.587f;                     // R +1, G -0.509, B 0
constexpr float kByRedGreen = -0.114f / (0.299f + 0.587f);  // R, G -0.129 each, B +1

int odd(double k) { return std::max(3, static_cast<int>(std::lround(k)) | 1); }

// A smooth random field in [0, 1]: uniform values on a grid of `cell` pixels, bilinearly interpolated.
cv::Mat smooth_field(cv::Size size, double cell, cv::RNG& rng) {
    cv::Mat grid(std::max(2, static_cast<int>(std::ceil(size.height / cell)) + 1),
                 std::max(2, static_cast<int>(std::ceil(size.width / cell)) + 1), CV_32F);
    rng.fill(grid, cv::RNG::UNIFORM, 0.0, 1.0);
    cv::Mat out;
    cv::resize(grid, out, size, 0, 0, cv::INTER_LINEAR);
    return out;
}

// Sum of kGratings oriented gratings, each weighted by its own smooth field and the weights normalised so
// their squares sum to 1: locally a hatching of one or two dominant orientations, drifting across the
// picture, of unit RMS amplitude. cos(ax + by + p) = cos(ax)cos(by + p) - sin(ax)sin(by + p) keeps it to
// two multiplications per pixel and grating.
cv::Mat grating_field(cv::Size size, double unit, cv::RNG& rng) {
    cv::Mat sum = cv::Mat::zeros(size, CV_32F), norm = cv::Mat::zeros(size, CV_32F);
    std::vector<float> ca(size.width), sa(size.width);
    const double patch = kPatchPeriods * unit * (kMinPeriod + kMaxPeriod) / 2;
    for (int k = 0; k < kGratings; ++k) {
        const double theta = (k + rng.uniform(0.0, 1.0)) * CV_PI / kGratings;  // spread over 0..pi
        const double period = unit * rng.uniform(kMinPeriod, kMaxPeriod);
        const double phase = rng.uniform(0.0, 2 * CV_PI);
        const double a = 2 * CV_PI * std::cos(theta) / period, b = 2 * CV_PI * std::sin(theta) / period;
        const cv::Mat weight = smooth_field(size, patch, rng);
        for (int x = 0; x < size.width; ++x) {
            ca[x] = static_cast<float>(std::cos(a * x));
            sa[x] = static_cast<float>(std::sin(a * x));
        }
        for (int y = 0; y < size.height; ++y) {
            const float cb = static_cast<float>(std::cos(b * y + phase)), sb = static_cast<float>(std::sin(b * y + phase));
            const float* w = weight.ptr<float>(y);
            float* s = sum.ptr<float>(y);
            float* n = norm.ptr<float>(y);
            for (int x = 0; x < size.width; ++x) {
                s[x] += w[x] * (ca[x] * cb - sa[x] * sb);
                n[x] += w[x] * w[x];
            }
        }
    }
    for (int y = 0; y < size.height; ++y) {
        float* s = sum.ptr<float>(y);
        const float* n = norm.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) s[x] *= std::sqrt(2.0f / (n[x] + 1e-6f));  // RMS 1
    }
    return sum;
}

// 0 in flat regions, 1 in busy ones: the local standard deviation of luma over `window` pixels, from the
// (area-averaged) luma and squared luma, so texture finer than one working pixel still counts.
cv::Mat texture_mask(const cv::Mat& luma, const cv::Mat& luma_sq, int window) {
    cv::Mat mean, mean_sq;
    cv::boxFilter(luma, mean, CV_32F, {window, window});
    cv::boxFilter(luma_sq, mean_sq, CV_32F, {window, window});
    cv::Mat mask(luma.size(), CV_32F);
    for (int y = 0; y < luma.rows; ++y) {
        const float* m = mean.ptr<float>(y);
        const float* q = mean_sq.ptr<float>(y);
        float* out = mask.ptr<float>(y);
        for (int x = 0; x < luma.cols; ++x) {
            const float deviation = std::sqrt(std::max(0.0f, q[x] - m[x] * m[x]));
            out[x] = std::clamp((deviation - kFlatDeviation) / (kBusyDeviation - kFlatDeviation), 0.0f, 1.0f);
        }
    }
    return mask;
}

// The perturbation at full amplitude for `level`: float with the picture's channels (alpha 0), on the
// working grid; interpolation to the picture's size is linear, so it commutes with scaling.
struct Perturbation {
    cv::Mat delta;
    double mse = 0;  // mean square over B, G, R on the working grid, before rounding and clipping
};

Perturbation perturbation(const cv::Mat& image, CloakLevel level, std::uint64_t seed) {
    const Amplitudes amp = amplitudes(level);
    cv::RNG rng(seed == 0 ? 0x9E3779B97F4A7C15ULL : seed);  // cv::RNG treats 0 as a fixed default
    const cv::Size size = image.size();
    // One analysis pixel in picture pixels: patterns are sized for the picture as extractors see it.
    const double unit = std::max(1.0, std::min(size.width, size.height) / static_cast<double>(limits::kCloakAnalysisEdge));
    // Everything in the perturbation varies on the scale of `unit` or slower, so it is built on a grid of
    // about kWorkPixelsPerUnit working pixels per analysis pixel and interpolated up: a 2048 px derivative
    // is worked at about 1/4 of its size, which keeps the cloak cheap beside decoding.
    const double factor = std::max(1.0, unit / kWorkPixelsPerUnit);
    const cv::Size work(std::max(1, static_cast<int>(std::lround(size.width / factor))),
                        std::max(1, static_cast<int>(std::lround(size.height / factor))));
    const double work_unit = unit * work.width / size.width;
    // Area averages of luma and squared luma on the working grid, in float: a variance is a small difference
    // of two large numbers, so neither may be rounded.
    // Both in one two-channel picture, so the picture-sized work is one pass and one resize.
    cv::Mat grey, pair(size, CV_32FC2);
    cv::cvtColor(image, grey, image.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    for (int y = 0; y < size.height; ++y) {
        const uchar* g = grey.ptr<uchar>(y);
        float* out = pair.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            const float v = g[x];
            out[2 * x] = v;
            out[2 * x + 1] = v * v;
        }
    }
    if (work != size) cv::resize(pair, pair, work, 0, 0, cv::INTER_AREA);
    cv::Mat parts[2];
    cv::split(pair, parts);
    const cv::Mat& luma = parts[0];
    const cv::Mat& luma_sq = parts[1];
    const int window = odd(work_unit * (kMinPeriod + kMaxPeriod) / 2);
    const cv::Mat mask = texture_mask(luma, luma_sq, window);
    // The picture's own detail at the pattern's scale, and where it is raised (+) or lowered (-).
    cv::Mat base, detail;
    cv::blur(luma, base, {window, window});
    detail = luma - base;
    cv::Mat sign = smooth_field(work, kPatchPeriods * work_unit * kMaxPeriod, rng);
    const cv::Mat g_luma = grating_field(work, work_unit, rng), g_rg = grating_field(work, work_unit, rng),
                  g_by = grating_field(work, work_unit, rng);
    cv::Mat plane[4];
    for (auto& m : plane) m = cv::Mat::zeros(work, CV_32F);
    for (int y = 0; y < work.height; ++y) {
        const float* m = mask.ptr<float>(y);
        const float* d = detail.ptr<float>(y);
        const float* s = sign.ptr<float>(y);
        const float* gl = g_luma.ptr<float>(y);
        const float* grg = g_rg.ptr<float>(y);
        const float* gby = g_by.ptr<float>(y);
        float* pb = plane[0].ptr<float>(y);
        float* pg = plane[1].ptr<float>(y);
        float* pr = plane[2].ptr<float>(y);
        for (int x = 0; x < work.width; ++x) {
            const float dl = amp.luma * m[x] * gl[x] + amp.contrast * (2 * s[x] - 1) * d[x];
            const float drg = amp.chroma * m[x] * grg[x];
            const float dby = amp.chroma * m[x] * gby[x];
            pb[x] = dl + dby;
            pg[x] = dl + kRgGreen * drg + kByRedGreen * dby;
            pr[x] = dl + drg + kByRedGreen * dby;
        }
    }
    Perturbation p;
    cv::merge(plane, image.channels(), p.delta);
    p.mse = cv::norm(p.delta, cv::NORM_L2SQR) / (3.0 * static_cast<double>(work.area()));
    return p;
}

// One row of the application below: out = round(in + w0 * a + w1 * b) clipped to 0..255; returns the sum
// of the squared changes. In segments whose integer sums cannot overflow (8192 * 255^2 < 2^31).
[[gnu::always_inline]] inline long long apply_row_body(const uchar* __restrict in, const float* __restrict a,
                                                       const float* __restrict b, float w0, float w1, int length,
                                                       uchar* __restrict out) {
    constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding and subtracting it rounds to nearest, ties to even
    constexpr int kSegment = 8192;
    long long total = 0;
    for (int j0 = 0; j0 < length; j0 += kSegment) {
        const int j1 = std::min(length, j0 + kSegment);
        int sum = 0;
        for (int j = j0; j < j1; ++j) {
            const float v = static_cast<float>(in[j]) + (w0 * a[j] + w1 * b[j]);
            const float q = std::clamp((v + kRound) - kRound, 0.0f, 255.0f);
            const int o = static_cast<int>(q), d = o - in[j];
            out[j] = static_cast<uchar>(o);
            sum += d * d;
        }
        total += sum;
    }
    return total;
}

long long apply_row_portable(const uchar* in, const float* a, const float* b, float w0, float w1, int length,
                             uchar* out) {
    return apply_row_body(in, a, b, w0, w1, length, out);
}

// The same compiled for AVX2 with FMA and chosen at run time, as media::ssim does (media/quality.cpp).
#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("avx2,fma")]] long long apply_row_avx2(const uchar* in, const float* a, const float* b, float w0,
                                                      float w1, int length, uchar* out) {
    return apply_row_body(in, a, b, w0, w1, length, out);
}
#else
long long apply_row_avx2(const uchar* in, const float* a, const float* b, float w0, float w1, int length,
                         uchar* out) {
    return apply_row_body(in, a, b, w0, w1, length, out);
}
#endif

// Applies a perturbation at any scale: out = original + scale * delta, the delta interpolated bilinearly to
// the picture's size (OpenCV's INTER_LINEAR geometry: pixel centres aligned, edges clamped), rounded to
// nearest and clipped to 8 bits, in one pass that also sums the squared change (for the PSNR), with no
// picture-sized float buffer. The horizontal interpolation is done once (the delta at the picture's width
// and the working height); each application interpolates vertically between two of its rows.
class Applier {
public:
    Applier(const Perturbation& p, cv::Size size) : size_(size) {
        if (p.delta.cols != size.width)
            cv::resize(p.delta, wide_, {size.width, p.delta.rows}, 0, 0, cv::INTER_LINEAR);  // rows unchanged
        else
            wide_ = p.delta;
        const int rows = wide_.rows;
        const double ratio = static_cast<double>(rows) / size.height;
        row0_.resize(static_cast<std::size_t>(size.height));
        row1_.resize(row0_.size());
        weight_.resize(row0_.size());
        for (int y = 0; y < size.height; ++y) {
            const double f = (y + 0.5) * ratio - 0.5;
            int r = static_cast<int>(std::floor(f));
            double w = f - r;
            if (r < 0) {
                r = 0;
                w = 0;
            }
            if (r >= rows - 1) {
                r = rows - 1;
                w = 0;
            }
            row0_[y] = r;
            row1_[y] = std::min(r + 1, rows - 1);
            weight_[y] = static_cast<float>(w);
        }
    }

    // Returns the sum over B, G, R of the squared change (alpha has no perturbation and stays as it was).
    double apply(const cv::Mat& original, double scale, cv::Mat& out) const {
        out.create(original.size(), original.type());
        const int length = size_.width * original.channels();
        const float sc = static_cast<float>(scale);
        long long total = 0;
        for (int y = 0; y < size_.height; ++y) {
            const float w1 = sc * weight_[y], w0 = sc - w1;
            total += apply_row(original.ptr<uchar>(y), wide_.ptr<float>(row0_[y]), wide_.ptr<float>(row1_[y]), w0, w1,
                               length, out.ptr<uchar>(y));
        }
        return static_cast<double>(total);
    }

private:
    static long long apply_row(const uchar* in, const float* a, const float* b, float w0, float w1, int length,
                               uchar* out) {
        return has_avx2_fma() ? apply_row_avx2(in, a, b, w0, w1, length, out)
                              : apply_row_portable(in, a, b, w0, w1, length, out);
    }

    cv::Size size_;
    cv::Mat wide_;
    std::vector<int> row0_, row1_;
    std::vector<float> weight_;
};

double psnr_of(double squared_error, const cv::Mat& image) {
    if (squared_error == 0) return std::numeric_limits<double>::infinity();
    return 10 * std::log10(255.0 * 255.0 * 3.0 * static_cast<double>(image.total()) / squared_error);
}

}  // namespace

std::string_view to_string(CloakLevel level) {
    switch (level) {
        case CloakLevel::off: return "off";
        case CloakLevel::low: return "low";
        case CloakLevel::medium: return "medium";
        case CloakLevel::high: return "high";
    }
    return "off";
}

CloakLevel parse_cloak_level(std::string_view text) {
    for (CloakLevel l : {CloakLevel::off, CloakLevel::low, CloakLevel::medium, CloakLevel::high})
        if (text == to_string(l)) return l;
    throw core::Error(core::Errc::unprocessable, "cloak must be one of off, low, medium, high");
}

std::uint64_t cloak_seed(const cv::Mat& image) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto mix = [&h](std::uint64_t value) {
        h ^= value;
        h *= 0x100000001b3ULL;
    };
    for (int v : {image.cols, image.rows, image.type()}) mix(static_cast<std::uint32_t>(v));
    // Eight bytes per step (a byte at a time cost ~10 ms on a 3-megapixel picture), the row's last bytes one
    // by one, and a final avalanche so every input bit reaches every output bit.
    const std::size_t row_bytes = image.cols * image.elemSize();
    for (int y = 0; y < image.rows; ++y) {
        const uchar* row = image.ptr<uchar>(y);
        std::size_t i = 0;
        for (; i + 8 <= row_bytes; i += 8) {
            std::uint64_t word;
            std::memcpy(&word, row + i, 8);
            mix(word);
        }
        for (; i < row_bytes; ++i) mix(row[i]);
    }
    h ^= h >> 30;  // splitmix64's finaliser
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

CloakResult cloak(cv::Mat& image, CloakLevel level, std::uint64_t seed) {
    if (image.depth() != CV_8U || (image.channels() != 3 && image.channels() != 4))
        throw core::Error(core::Errc::internal, "cloak needs 8-bit BGR or BGRA pixels");
    CloakResult none;
    none.psnr = std::numeric_limits<double>::infinity();
    if (level == CloakLevel::off || image.empty()) return none;
    const Perturbation p = perturbation(image, level, seed);
    if (!(p.mse > 0)) return none;
    // Start from the largest scale whose unrounded error stays a quarter dB inside the PSNR bound, then
    // check the real (rounded, clipped) result and step down while either bound fails.
    const double target_mse = 255.0 * 255.0 / std::pow(10.0, (limits::kCloakMinPsnr + 0.25) / 10);
    double scale = std::min(1.0, std::sqrt(target_mse / p.mse));
    const cv::Mat original = image.clone();
    const Applier applier(p, image.size());
    if (scale < 1) {
        // The estimate comes from the working grid; interpolation smooths the perturbation, so the real
        // error is usually smaller. Correct the scale once from the measured PSNR (cheap beside SSIM).
        const double measured = psnr_of(applier.apply(original, scale, image), image);
        if (std::isfinite(measured) && measured > limits::kCloakMinPsnr + 0.5) {
            const double measured_mse = 255.0 * 255.0 / std::pow(10.0, measured / 10);
            scale = std::min(1.0, scale * std::sqrt(target_mse / measured_mse));
        }
    }
    for (int step = 0; step < limits::kMaxCloakBoundSteps; ++step, scale *= limits::kCloakScaleStep) {
        CloakResult r;
        r.psnr = psnr_of(applier.apply(original, scale, image), image);  // the same sum as media::psnr
        if (r.psnr < limits::kCloakMinPsnr) continue;
        r.ssim = ssim(original, image);
        if (r.ssim < limits::kCloakMinSsim) continue;
        r.applied = std::isfinite(r.psnr);  // rounding may have left every pixel as it was
        r.scale = r.applied ? scale : 0;
        return r;
    }
    original.copyTo(image);
    return none;
}

}  // namespace gesso::media
