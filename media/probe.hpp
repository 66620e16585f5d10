#pragma once
// Safe intake, step one: what an image file is and how big it says it is, read from its header before a
// single pixel is decoded, so decompression bombs and unsupported formats are refused cheaply.
#include <string_view>

#include "media/sniff.hpp"

namespace gesso::media {

struct Probe {
    ImageType type = ImageType::unknown;
    int width = 0;
    int height = 0;
    int orientation = 1;  // EXIF orientation 1..8 (1 = upright or none)
};

// Reads the type by magic bytes and the dimensions from the header, then checks core::limits
// (kMaxImageBytes, kMaxImageWidth, kMaxImageHeight, kMaxImagePixels).
// Throws core::Error:
//   too_large      file size or declared dimensions over a limit (message names the limit);
//   unprocessable  a type other than JPEG/PNG/WebP/GIF (named when recognised: HEIC, AVIF, TIFF, BMP, SVG,
//                  JPEG XL, PDF, ICO), animated WebP, an empty file, or a header that is truncated or malformed.
Probe probe_image(std::string_view data);

// A human name for a file type Gesso does not accept ("HEIC", "TIFF", ...), or "unknown".
std::string_view name_unsupported_type(std::string_view data);

}  // namespace gesso::media
