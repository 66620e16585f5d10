#pragma once
// The optional visible watermark: a line of text drawn over the served derivatives (never the stored
// original), white with a dark outline so it reads on light and dark pictures, scaled to the picture.
// (media/watermark.hpp is something else: the detector of Stable Diffusion's invisible watermark.)
#include <opencv2/core.hpp>
#include <string>
#include <string_view>

namespace gesso::media {

enum class OverlayPosition { top_left, top_right, bottom_left, bottom_right, centre };

std::string_view to_string(OverlayPosition position);
// "top_left", "top_right", "bottom_left", "bottom_right", "centre" (also "center"); throws
// core::Error(unprocessable) otherwise.
OverlayPosition parse_overlay_position(std::string_view text);

struct VisibleWatermark {
    std::string text;  // printable ASCII, 1..limits::kMaxWatermarkTextBytes bytes
    OverlayPosition position = OverlayPosition::bottom_right;
    double opacity = 0.5;  // 0 (invisible) .. 1 (opaque)
};

// Throws core::Error(unprocessable) with the reason unless `w` is drawable: text empty, too long, or not
// printable ASCII (OpenCV's Hershey fonts draw nothing else); opacity not a number in 0..1.
void check_visible_watermark(const VisibleWatermark& w);

// Draws `w` on 8-bit BGR or BGRA pixels in place: cap height limits::kWatermarkTextHeightFraction of the
// shorter edge (at least kMinWatermarkTextHeight px, shrunk if the line would not fit the width), a margin
// of half the text height from the edges. On BGRA the drawn pixels become at least as opaque as the text.
// Checks `w` first (as check_visible_watermark); throws core::Error(internal) for other pixel formats.
void draw_visible_watermark(cv::Mat& image, const VisibleWatermark& w);

}  // namespace gesso::media
