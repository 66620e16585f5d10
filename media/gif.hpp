#pragma once
// GIF decoding for intake. OpenCV 4.6 has no GIF codec, so this small decoder reads the FIRST frame only
// (animations are flattened to their first frame; documented in docs/protection.md) onto a transparent
// canvas of the logical screen size. Call it only after probe_image() has checked the dimensions.
#include <opencv2/core.hpp>
#include <string_view>

namespace gesso::media {

// Returns an 8-bit BGRA image of the logical screen with the first frame drawn at its offset.
// Throws core::Error(unprocessable) on a truncated or malformed file (no frame, bad LZW code, no palette).
cv::Mat decode_gif_first_frame(std::string_view data);

}  // namespace gesso::media
