#include "media/decode.hpp"

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "media/container.hpp"
#include "media/gif.hpp"

namespace gesso::media {
namespace {

[[noreturn]] void damaged(ImageType type, std::string_view what) {
    std::string msg(mime_type(type));
    msg += " image is damaged: ";
    msg += what;
    throw core::Error(core::Errc::unprocessable, msg);
}

// Codecs fill a truncated file's missing part with grey and only warn; refuse it before decoding instead.
void check_complete(std::string_view d, ImageType type) {
    switch (type) {
        case ImageType::jpeg: {
            auto walk = jpeg_segments(d);
            if (walk.truncated || walk.blocks.empty() || walk.blocks.back().marker != 0xDA)
                damaged(type, "truncated before the image data");
            auto sos = walk.blocks.back();
            auto data_start = sos.offset + 4 + sos.payload.size();
            if (d.rfind("\xFF\xD9") == std::string_view::npos || d.rfind("\xFF\xD9") < data_start)
                damaged(type, "truncated (no end-of-image marker)");
            break;
        }
        case ImageType::png: {
            auto walk = png_chunks(d);
            if (walk.truncated || walk.blocks.empty() || walk.blocks.back().type != "IEND")
                damaged(type, "truncated (no IEND chunk)");
            break;
        }
        case ImageType::webp: {
            auto walk = riff_chunks(d);
            if (walk.truncated) damaged(type, "truncated chunk");
            break;
        }
        default: break;
    }
}

cv::Mat to_8bit_bgr_or_bgra(cv::Mat m) {
    if (m.depth() == CV_16U) {
        cv::Mat e;
        m.convertTo(e, CV_8U, 1.0 / 257.0);
        m = e;
    } else if (m.depth() != CV_8U) {
        cv::Mat e;
        m.convertTo(e, CV_8U);
        m = e;
    }
    if (m.channels() == 1) {
        cv::Mat c;
        cv::cvtColor(m, c, cv::COLOR_GRAY2BGR);
        return c;
    }
    if (m.channels() == 2) {  // grey + alpha is not produced by OpenCV's codecs, but be safe
        std::vector<cv::Mat> ch;
        cv::split(m, ch);
        cv::Mat c;
        cv::merge(std::vector<cv::Mat>{ch[0], ch[0], ch[0], ch[1]}, c);
        return c;
    }
    return m;
}

}  // namespace

int jpeg_reduction_for(const Probe& probe, int long_edge) {
    if (probe.type != ImageType::jpeg) return 1;
    const int longest = std::max(probe.width, probe.height);
    int reduce = 1;
    while (reduce < 8 && longest / (2 * reduce) >= long_edge) reduce *= 2;
    return reduce;
}

cv::Mat decode_pixels(std::string_view d, const Probe& probe, int reduce) {
    if (probe.type != ImageType::jpeg || (reduce != 2 && reduce != 4 && reduce != 8)) reduce = 1;
    check_complete(d, probe.type);
    cv::Mat m;
    if (probe.type == ImageType::gif) {
        m = decode_gif_first_frame(d);
    } else {
        try {
            cv::Mat buf(1, static_cast<int>(d.size()), CV_8U, const_cast<char*>(d.data()));
            const int flags = reduce == 1   ? cv::IMREAD_UNCHANGED
                              : reduce == 2 ? cv::IMREAD_REDUCED_COLOR_2 | cv::IMREAD_IGNORE_ORIENTATION
                              : reduce == 4 ? cv::IMREAD_REDUCED_COLOR_4 | cv::IMREAD_IGNORE_ORIENTATION
                                            : cv::IMREAD_REDUCED_COLOR_8 | cv::IMREAD_IGNORE_ORIENTATION;
            m = cv::imdecode(buf, flags);
        } catch (const cv::Exception& e) {
            throw core::Error(core::Errc::unprocessable,
                              std::string(mime_type(probe.type)) + " image could not be decoded", e.what());
        }
    }
    if (m.empty()) damaged(probe.type, "the decoder rejected it");
    // libjpeg's scaled output is the size rounded up.
    if (m.cols != (probe.width + reduce - 1) / reduce || m.rows != (probe.height + reduce - 1) / reduce)
        damaged(probe.type, "decoded size differs from the header");
    return to_8bit_bgr_or_bgra(m);
}

cv::Mat apply_orientation(const cv::Mat& image, int orientation) {
    cv::Mat out;
    switch (orientation) {
        case 2: cv::flip(image, out, 1); break;
        case 3: cv::rotate(image, out, cv::ROTATE_180); break;
        case 4: cv::flip(image, out, 0); break;
        case 5: cv::transpose(image, out); break;
        case 6: cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE); break;
        case 7: {
            cv::Mat t;
            cv::transpose(image, t);
            cv::flip(t, out, -1);
            break;
        }
        case 8: cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: out = image; break;
    }
    return out;
}

}  // namespace gesso::media
