#pragma once
// Re-encoding: the step that drops every byte of the original's metadata (EXIF with GPS and camera data,
// embedded thumbnails, ICC, text chunks). Only what Gesso writes afterwards (provenance XMP) is served.
#include <opencv2/core.hpp>
#include <string>

#include "media/sniff.hpp"

namespace gesso::media {

// The format a served derivative uses: JPEG stays JPEG, PNG stays PNG (line art stays lossless), WebP stays
// WebP, GIF becomes PNG (first frame).
ImageType served_type(ImageType original);

// Encodes 8-bit BGR or BGRA pixels. JPEG has no alpha: transparent pixels are composited over white.
// `quality` (1..100) applies to JPEG and WebP. Throws core::Error(internal) if the codec fails.
std::string encode_image(const cv::Mat& image, ImageType type, int quality);

}  // namespace gesso::media
