#include "media/encode.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/error.hpp"

namespace gesso::media {
namespace {

cv::Mat over_white(const cv::Mat& bgra) {
    cv::Mat bgr(bgra.size(), CV_8UC3);
    for (int y = 0; y < bgra.rows; ++y) {
        const auto* s = bgra.ptr<cv::Vec4b>(y);
        auto* d = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bgra.cols; ++x) {
            const int a = s[x][3];
            for (int c = 0; c < 3; ++c) d[x][c] = static_cast<uchar>((s[x][c] * a + 255 * (255 - a) + 127) / 255);
        }
    }
    return bgr;
}

}  // namespace

ImageType served_type(ImageType original) {
    switch (original) {
        case ImageType::jpeg: return ImageType::jpeg;
        case ImageType::webp: return ImageType::webp;
        default: return ImageType::png;
    }
}

std::string encode_image(const cv::Mat& image, ImageType type, int quality) {
    std::vector<int> params;
    const char* ext = ".png";
    cv::Mat pixels = image;
    switch (type) {
        case ImageType::jpeg:
            ext = ".jpg";
            params = {cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_OPTIMIZE, 0};
            if (image.channels() == 4) pixels = over_white(image);
            break;
        case ImageType::webp:
            ext = ".webp";
            params = {cv::IMWRITE_WEBP_QUALITY, quality};
            break;
        default: params = {cv::IMWRITE_PNG_COMPRESSION, 6}; break;
    }
    std::vector<uchar> out;
    bool ok = false;
    try {
        ok = cv::imencode(ext, pixels, out, params);
    } catch (const cv::Exception& e) {
        throw core::Error(core::Errc::internal, "the image could not be encoded", e.what());
    }
    if (!ok) throw core::Error(core::Errc::internal, "the image could not be encoded");
    return std::string(out.begin(), out.end());
}

}  // namespace gesso::media
