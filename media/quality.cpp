#include "media/quality.hpp"

#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>

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
    double total = 0;
    for (int c = 0; c < 3; ++c) {
        const cv::Mat& x = xs[c];
        const cv::Mat& y = ys[c];
        cv::Mat mx, my, sxx, syy, sxy;
        cv::GaussianBlur(x, mx, window, sigma);
        cv::GaussianBlur(y, my, window, sigma);
        cv::GaussianBlur(x.mul(x), sxx, window, sigma);
        cv::GaussianBlur(y.mul(y), syy, window, sigma);
        cv::GaussianBlur(x.mul(y), sxy, window, sigma);
        double sum = 0;
        for (int r = 0; r < x.rows; ++r) {
            const float* pmx = mx.ptr<float>(r);
            const float* pmy = my.ptr<float>(r);
            const float* pxx = sxx.ptr<float>(r);
            const float* pyy = syy.ptr<float>(r);
            const float* pxy = sxy.ptr<float>(r);
            for (int k = 0; k < x.cols; ++k) {
                const double ux = pmx[k], uy = pmy[k];
                const double vx = pxx[k] - ux * ux, vy = pyy[k] - uy * uy, cov = pxy[k] - ux * uy;
                sum += ((2 * ux * uy + c1) * (2 * cov + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
            }
        }
        total += sum / static_cast<double>(x.total());
    }
    return total / 3;
}

}  // namespace gesso::media
