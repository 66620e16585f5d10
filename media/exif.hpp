#pragma once
// The two EXIF fields Gesso reads: Orientation (to turn the picture upright before metadata is dropped) and
// UserComment (where Stable Diffusion front-ends write generation parameters in JPEGs). Everything else in
// EXIF is discarded by re-encoding.
#include <optional>
#include <string>
#include <string_view>

namespace gesso::media {

struct ExifFields {
    int orientation = 1;                      // 1..8 as in TIFF/EXIF; 1 when absent or out of range
    std::optional<std::string> user_comment;  // decoded to UTF-8 when the charset is known (ASCII, UNICODE)
};

// Reads a TIFF structure ("II*\0" or "MM\0*" header), as found after "Exif\0\0" in a JPEG APP1, in a WebP
// EXIF chunk or a PNG eXIf chunk. Malformed or hostile structures yield the defaults, never an error: EXIF is
// advisory. Entry counts are bounded by limits::kMaxExifEntries.
ExifFields read_exif(std::string_view tiff);

// The TIFF structure inside a file's EXIF block (JPEG APP1 "Exif\0\0", PNG eXIf, WebP EXIF), if any.
std::optional<std::string_view> find_exif(std::string_view file);

}  // namespace gesso::media
