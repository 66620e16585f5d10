#include "media/derivatives.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"

namespace gesso::media {

cv::Mat fit_long_edge(const cv::Mat& image, int long_edge) {
    if (long_edge < 1) throw core::Error(core::Errc::unprocessable, "derivative size must be positive");
    const int longest = std::max(image.cols, image.rows);
    if (longest <= long_edge) return image;
    const double scale = static_cast<double>(long_edge) / longest;
    cv::Size size(std::max(1, static_cast<int>(std::lround(image.cols * scale))),
                  std::max(1, static_cast<int>(std::lround(image.rows * scale))));
    if (image.cols >= image.rows)
        size.width = long_edge;
    else
        size.height = long_edge;
    cv::Mat out;
    cv::resize(image, out, size, 0, 0, cv::INTER_AREA);
    return out;
}

int checked_full_long_edge(int configured) {
    namespace limits = core::limits;
    if (configured < limits::kMinFullLongEdge || configured > limits::kMaxFullLongEdge) {
        std::string msg = "full image long edge must be between ";
        msg += std::to_string(limits::kMinFullLongEdge);
        msg += " and ";
        msg += std::to_string(limits::kMaxFullLongEdge);
        throw core::Error(core::Errc::unprocessable, msg);
    }
    return configured;
}

Dimensions dimensions_of(cv::Size size) {
    Dimensions d;
    d.width = size.width;
    d.height = size.height;
    d.aspect = size.height > 0 ? static_cast<double>(size.width) / size.height : 0;
    d.size = std::to_string(size.width);
    d.size += 'x';
    d.size += std::to_string(size.height);
    return d;
}

FocalPoint parse_focus(std::string_view text) {
    auto bad = [] { return core::Error(core::Errc::unprocessable, "focus must be \"x,y\" with both in -1..1"); };
    auto comma = text.find(',');
    if (comma == std::string_view::npos) throw bad();
    auto number = [&](std::string_view s) {
        double v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v < -1 || v > 1) throw bad();
        return v;
    };
    return {number(text.substr(0, comma)), number(text.substr(comma + 1))};
}

cv::Point2d focus_to_pixel(FocalPoint f, cv::Size size) {
    return {(f.x + 1) / 2 * size.width, (1 - f.y) / 2 * size.height};
}

cv::Rect crop_around_focus(FocalPoint f, cv::Size size, double aspect) {
    if (size.width <= 0 || size.height <= 0 || !(aspect > 0)) return {0, 0, size.width, size.height};
    int w = size.width, h = static_cast<int>(std::lround(size.width / aspect));
    if (h > size.height) {
        h = size.height;
        w = std::min(size.width, static_cast<int>(std::lround(size.height * aspect)));
    }
    h = std::max(1, h);
    w = std::max(1, w);
    auto c = focus_to_pixel(f, size);
    int x = std::clamp(static_cast<int>(std::lround(c.x - w / 2.0)), 0, size.width - w);
    int y = std::clamp(static_cast<int>(std::lround(c.y - h / 2.0)), 0, size.height - h);
    return {x, y, w, h};
}

}  // namespace gesso::media
