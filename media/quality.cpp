#include "media/quality.hpp"

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

// The B, G, R planes as float.
void colour_planes(const cv::Mat& m, cv::Mat planes[3]) {
    cv::Mat split[4];
    cv::split(m, split);
    for (int c = 0; c < 3; ++c) split[c].convertTo(planes[c], CV_32F);
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
    const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
    const cv::Size window(11, 11);
    const double sigma = 1.5;
    cv::Mat xs[3], ys[3];
    colour_planes(reference, xs);
    colour_planes(test, ys);
    // Buffers are reused across channels: on large pictures, touching fresh memory costs as much as the blurs.
    cv::Mat mx, my, sxx, syy, sxy, product;
    double total = 0;
    for (int c = 0; c < 3; ++c) {
        const cv::Mat& x = xs[c];
        const cv::Mat& y = ys[c];
        cv::GaussianBlur(x, mx, window, sigma);
        cv::GaussianBlur(y, my, window, sigma);
        cv::multiply(x, x, product);
        cv::GaussianBlur(product, sxx, window, sigma);
        cv::multiply(y, y, product);
        cv::GaussianBlur(product, syy, window, sigma);
        cv::multiply(x, y, product);
        cv::GaussianBlur(product, sxy, window, sigma);
        // The map is computed in float into a row buffer (no reduction in the loop, so the compiler
        // vectorises the division that dominates the cost) and summed in double.
        const float fc1 = static_cast<float>(c1), fc2 = static_cast<float>(c2);
        std::vector<float> map(static_cast<std::size_t>(x.cols));
        double sum = 0;
        for (int r = 0; r < x.rows; ++r) {
            const float* pmx = mx.ptr<float>(r);
            const float* pmy = my.ptr<float>(r);
            const float* pxx = sxx.ptr<float>(r);
            const float* pyy = syy.ptr<float>(r);
            const float* pxy = sxy.ptr<float>(r);
            float* out = map.data();
            for (int k = 0; k < x.cols; ++k) {
                const float ux = pmx[k], uy = pmy[k];
                const float vx = pxx[k] - ux * ux, vy = pyy[k] - uy * uy, cov = pxy[k] - ux * uy;
                out[k] = ((2 * ux * uy + fc1) * (2 * cov + fc2)) / ((ux * ux + uy * uy + fc1) * (vx + vy + fc2));
            }
            for (float v : map) sum += v;
        }
        total += sum / static_cast<double>(x.total());
    }
    return total / 3;
}

}  // namespace gesso::media
