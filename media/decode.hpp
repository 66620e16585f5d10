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
// `reduce` (1, 2, 4 or 8) asks a JPEG to be decoded at 1/reduce of its size by the codec's DCT scaling, much
// cheaper than decoding in full and resizing; it is ignored for other types (the result is then full size).
cv::Mat decode_pixels(std::string_view data, const Probe& probe, int reduce = 1);

// The JPEG reduction for decode_pixels that still leaves the long edge at least `long_edge` (1 when none).
int jpeg_reduction_for(const Probe& probe, int long_edge);

// Returns `image` turned upright for EXIF orientation 1..8 (values outside are treated as 1).
cv::Mat apply_orientation(const cv::Mat& image, int orientation);

}  // namespace gesso::media
