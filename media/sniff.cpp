#include "media/sniff.hpp"

namespace gesso::media {

ImageType sniff_image_type(std::string_view d) {
    if (d.size() >= 3 && d.substr(0, 3) == "\xFF\xD8\xFF") return ImageType::jpeg;
    if (d.size() >= 8 && d.substr(0, 8) == "\x89PNG\r\n\x1A\n") return ImageType::png;
    if (d.size() >= 12 && d.substr(0, 4) == "RIFF" && d.substr(8, 4) == "WEBP") return ImageType::webp;
    if (d.size() >= 6 && (d.substr(0, 6) == "GIF87a" || d.substr(0, 6) == "GIF89a")) return ImageType::gif;
    return ImageType::unknown;
}

std::string_view mime_type(ImageType type) {
    switch (type) {
        case ImageType::jpeg: return "image/jpeg";
        case ImageType::png: return "image/png";
        case ImageType::webp: return "image/webp";
        case ImageType::gif: return "image/gif";
        case ImageType::unknown: break;
    }
    return "application/octet-stream";
}

}  // namespace gesso::media
