#pragma once
// Safe intake, step two: pixels. Only called with a Probe that passed the limits, so the decoder never sees
// a decompression bomb. Truncated and corrupt files are refused instead of being decoded half grey.
#include <opencv2/core.hpp>
#include <string_view>

#include "media/probe.hpp"

namespace gesso::media {

// Decodes `data` (already probed) to 8-bit BGR, or BGRA when the file has alpha, as stored (EXIF orientation
// NOT applied; see apply_orientation). 16-bit samples are scaled to 8 bits, grey becomes BGR, GIF gives its
// first frame. Throws core::Error(unprocessable) when the file is truncated (no JPEG EOI, no PNG IEND, a RIFF
// chunk past the end), the codec fails, or the decoded size differs from the header's.
cv::Mat decode_pixels(std::string_view data, const Probe& probe);

// Returns `image` turned upright for EXIF orientation 1..8 (values outside are treated as 1).
cv::Mat apply_orientation(const cv::Mat& image, int orientation);

}  // namespace gesso::media
