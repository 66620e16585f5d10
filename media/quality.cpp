#include "media/quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/error.hpp"

namespace gesso::media {
namespace {

void check_pair(const cv::Mat& a, const cv::Mat& b) {
    const bool ok = a.size() == b.size() && a.type() == b.type() && a.depth() == CV_8U &&
                    (a.channels() == 3 || a.channels() == 4) && !a.empty();
    if (!ok) throw core::Error(core::Errc::internal, "image quality needs two 8-bit colour images of one size");
}

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
    const float c1 = static_cast<float>((0.01 * 255) * (0.01 * 255)), c2 = static_cast<float>((0.03 * 255) * (0.03 * 255));
    const cv::Size window(11, 11);
    constexpr int kRadius = 5;
    constexpr int kBand = 32;  // rows per band: every buffer of a band stays in the CPU cache
    const double sigma = 1.5;
    // Band by band, each with kRadius rows of real neighbours above and below: a filter on a region of a
    // larger matrix reads the pixels around the region, and at the picture's edges the band's edges are the
    // picture's, so the result is the same as blurring whole planes, at a fraction of the memory traffic.
    cv::Mat x8, y8, x, y, product, mx, my, sxx, syy, sxy;
    std::vector<float> map(static_cast<std::size_t>(reference.cols));
    double sum = 0;
    for (int c = 0; c < 3; ++c)
        for (int r0 = 0; r0 < reference.rows; r0 += kBand) {
            const int r1 = std::min(reference.rows, r0 + kBand);
            const int h0 = std::max(0, r0 - kRadius), h1 = std::min(reference.rows, r1 + kRadius);
            cv::extractChannel(reference.rowRange(h0, h1), x8, c);
            cv::extractChannel(test.rowRange(h0, h1), y8, c);
            x8.convertTo(x, CV_32F);
            y8.convertTo(y, CV_32F);
            const cv::Rect band(0, r0 - h0, reference.cols, r1 - r0);
            cv::GaussianBlur(x(band), mx, window, sigma);
            cv::GaussianBlur(y(band), my, window, sigma);
            cv::multiply(x, x, product);
            cv::GaussianBlur(product(band), sxx, window, sigma);
            cv::multiply(y, y, product);
            cv::GaussianBlur(product(band), syy, window, sigma);
            cv::multiply(x, y, product);
            cv::GaussianBlur(product(band), sxy, window, sigma);
            for (int r = 0; r < band.height; ++r) {
                const float* pmx = mx.ptr<float>(r);
                const float* pmy = my.ptr<float>(r);
                const float* pxx = sxx.ptr<float>(r);
                const float* pyy = syy.ptr<float>(r);
                const float* pxy = sxy.ptr<float>(r);
                float* out = map.data();
                // No reduction in this loop, so the compiler vectorises the division that dominates it.
                for (int k = 0; k < reference.cols; ++k) {
                    const float ux = pmx[k], uy = pmy[k];
                    const float vx = pxx[k] - ux * ux, vy = pyy[k] - uy * uy, cov = pxy[k] - ux * uy;
                    out[k] = ((2 * ux * uy + c1) * (2 * cov + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
                }
                for (float v : map) sum += v;
            }
        }
    return sum / (3.0 * static_cast<double>(reference.total()));
}

}  // namespace gesso::media
