#pragma once
// Image type by magic bytes, never by file name or declared Content-Type.
#include <string_view>

namespace gesso::media {

enum class ImageType { unknown, jpeg, png, webp, gif };

// Looks at the first bytes of `data`. Anything not JPEG, PNG, WebP or GIF is `unknown` (refused upstream).
ImageType sniff_image_type(std::string_view data);
// The MIME type for a known type, "application/octet-stream" for unknown.
std::string_view mime_type(ImageType type);

}  // namespace gesso::media
