#pragma once
// Served sizes of an image and the facts clients need to lay it out before it loads (Mastodon's `meta`,
// `blurhash`, focal point).
#include <opencv2/core.hpp>
#include <string>

namespace gesso::media {

// `image` scaled down (area averaging) so its longer edge is at most `long_edge`; never scaled up. The
// shorter edge is rounded and at least 1. Throws core::Error(unprocessable) if long_edge < 1.
cv::Mat fit_long_edge(const cv::Mat& image, int long_edge);

// The "full" long edge from configuration, checked against limits::kMinFullLongEdge..kMaxFullLongEdge
// (core::Error(unprocessable) outside).
int checked_full_long_edge(int configured);

struct Dimensions {
    int width = 0;
    int height = 0;
    double aspect = 0;  // width / height
    std::string size;   // "WxH", as Mastodon's meta.original.size
};
Dimensions dimensions_of(cv::Size size);
inline Dimensions dimensions_of(const cv::Mat& image) { return dimensions_of(image.size()); }

// Mastodon's focal point: x from -1 (left) to 1 (right), y from -1 (bottom) to 1 (top); 0,0 is the centre.
struct FocalPoint {
    double x = 0;
    double y = 0;
};

// Parses Mastodon's `focus` parameter "x,y". Throws core::Error(unprocessable) unless both are numbers
// in [-1, 1].
FocalPoint parse_focus(std::string_view text);
// The focal point as a pixel position in an image of `size`.
cv::Point2d focus_to_pixel(FocalPoint f, cv::Size size);
// The largest rectangle of aspect `aspect` (width/height) inside `size`, centred on the focal point as far
// as the image edges allow: what a cropped thumbnail keeps.
cv::Rect crop_around_focus(FocalPoint f, cv::Size size, double aspect);

}  // namespace gesso::media
