#include "media/overlay.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::media {
namespace {

namespace limits = core::limits;
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

struct Layout {
    double scale;
    int thickness;
    int outline;  // extra stroke width on each side, drawn dark under the white text
    cv::Point origin;
    cv::Rect box;  // everything drawn, outline included, clipped to the picture
};

Layout layout(cv::Size size, const VisibleWatermark& w) {
    int base_line = 0;
    const cv::Size unit = cv::getTextSize(w.text, kFont, 1.0, 1, &base_line);
    double height = std::max<double>(limits::kMinWatermarkTextHeight,
                                     limits::kWatermarkTextHeightFraction * std::min(size.width, size.height));
    Layout l{};
    l.scale = height / unit.height;
    const double margin = height / 2;
    // Shrink to fit the width (outline included), but never below the minimum height.
    const double width_limit = size.width - 2 * margin;
    if (unit.width * l.scale > width_limit && width_limit > 0)
        l.scale = std::max(limits::kMinWatermarkTextHeight / static_cast<double>(unit.height), width_limit / unit.width);
    height = unit.height * l.scale;
    l.thickness = std::max(1, static_cast<int>(std::lround(height / 10)));
    l.outline = std::max(1, static_cast<int>(std::lround(height / 12)));
    int below = 0;
    const cv::Size text = cv::getTextSize(w.text, kFont, l.scale, l.thickness, &below);
    const int m = static_cast<int>(std::lround(margin)), pad = l.outline + l.thickness;
    switch (w.position) {
        case OverlayPosition::top_left: l.origin = {m, m + text.height}; break;
        case OverlayPosition::top_right: l.origin = {size.width - m - text.width, m + text.height}; break;
        case OverlayPosition::bottom_left: l.origin = {m, size.height - m - below}; break;
        case OverlayPosition::bottom_right: l.origin = {size.width - m - text.width, size.height - m - below}; break;
        case OverlayPosition::centre:
            l.origin = {(size.width - text.width) / 2, (size.height + text.height) / 2};
            break;
    }
    l.box = cv::Rect(l.origin.x - pad, l.origin.y - text.height - pad, text.width + 2 * pad,
                     text.height + below + 2 * pad) &
            cv::Rect({0, 0}, size);
    return l;
}

}  // namespace

std::string_view to_string(OverlayPosition position) {
    switch (position) {
        case OverlayPosition::top_left: return "top_left";
        case OverlayPosition::top_right: return "top_right";
        case OverlayPosition::bottom_left: return "bottom_left";
        case OverlayPosition::bottom_right: return "bottom_right";
        case OverlayPosition::centre: return "centre";
    }
    return "bottom_right";
}

OverlayPosition parse_overlay_position(std::string_view text) {
    if (text == "center") return OverlayPosition::centre;
    for (auto p : {OverlayPosition::top_left, OverlayPosition::top_right, OverlayPosition::bottom_left,
                   OverlayPosition::bottom_right, OverlayPosition::centre})
        if (text == to_string(p)) return p;
    throw core::Error(core::Errc::unprocessable,
                      "watermark position must be one of top_left, top_right, bottom_left, bottom_right, centre");
}

void check_visible_watermark(const VisibleWatermark& w) {
    if (w.text.empty()) throw core::Error(core::Errc::unprocessable, "watermark text must not be empty");
    if (w.text.size() > limits::kMaxWatermarkTextBytes) {
        std::string msg = "watermark text must be at most ";
        msg += std::to_string(limits::kMaxWatermarkTextBytes);
        msg += " characters";
        throw core::Error(core::Errc::unprocessable, msg);
    }
    for (unsigned char c : w.text)
        if (c < 0x20 || c > 0x7E)
            throw core::Error(core::Errc::unprocessable,
                              "watermark text must be printable ASCII (letters, digits, punctuation, spaces)");
    if (!(w.opacity >= 0 && w.opacity <= 1))
        throw core::Error(core::Errc::unprocessable, "watermark opacity must be a number from 0 to 1");
}

void draw_visible_watermark(cv::Mat& image, const VisibleWatermark& w) {
    check_visible_watermark(w);
    if (image.depth() != CV_8U || (image.channels() != 3 && image.channels() != 4))
        throw core::Error(core::Errc::internal, "watermark needs 8-bit BGR or BGRA pixels");
    const Layout l = layout(image.size(), w);
    if (l.box.empty() || w.opacity == 0) return;
    // Coverage masks of the outline and of the text, drawn anti-aliased in the text's box only.
    cv::Mat outline = cv::Mat::zeros(l.box.size(), CV_8U), fill = cv::Mat::zeros(l.box.size(), CV_8U);
    const cv::Point at = l.origin - l.box.tl();
    cv::putText(outline, w.text, at, kFont, l.scale, 255, l.thickness + 2 * l.outline, cv::LINE_AA);
    cv::putText(fill, w.text, at, kFont, l.scale, 255, l.thickness, cv::LINE_AA);
    cv::Mat roi = image(l.box);
    const int n = image.channels();
    const float opacity = static_cast<float>(w.opacity);
    for (int y = 0; y < roi.rows; ++y) {
        uchar* p = roi.ptr<uchar>(y);
        const uchar* o = outline.ptr<uchar>(y);
        const uchar* f = fill.ptr<uchar>(y);
        for (int x = 0; x < roi.cols; ++x) {
            // The outline goes around the text, not under it.
            const float af = opacity * f[x] / 255.0f, ao = opacity * (o[x] / 255.0f) * (1 - f[x] / 255.0f);
            if (ao == 0 && af == 0) continue;
            for (int c = 0; c < 3; ++c) {
                const float dark = p[x * n + c] * (1 - ao);  // outline: black
                p[x * n + c] = cv::saturate_cast<uchar>(dark * (1 - af) + 255.0f * af);
            }
            if (n == 4) p[x * n + 3] = std::max(p[x * n + 3], cv::saturate_cast<uchar>(255.0f * std::max(ao, af)));
        }
    }
}

}  // namespace gesso::media
