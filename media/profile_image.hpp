#pragma once
// Avatars and headers: the same safe intake as every image (probe and limits before decoding, EXIF
// orientation applied, nothing of the original's metadata kept), cropped around the centre to the target
// aspect, resized to exactly width x height, re-encoded with the provenance XMP.
#include <string>
#include <string_view>

#include "media/pipeline.hpp"

namespace gesso::media {

// Throws what process_image throws (core::Error unprocessable / too_large). width and height are 1..4096.
Derivative profile_image(std::string_view original, int width, int height, const Provenance& provenance);

}  // namespace gesso::media
