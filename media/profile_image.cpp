#include "media/profile_image.hpp"

#include <opencv2/imgproc.hpp>

#include "core/error.hpp"
#include "media/decode.hpp"
#include "media/encode.hpp"

namespace gesso::media {

Derivative profile_image(std::string_view original, int width, int height, const Provenance& provenance) {
    constexpr int kMaxEdge = 4096;
    if (width < 1 || height < 1 || width > kMaxEdge || height > kMaxEdge) {
        throw core::Error(core::Errc::internal, "internal error", "profile_image: bad target size");
    }
    const std::string packet = xmp_packet(provenance);
    Probe probe = probe_image(original);
    cv::Mat upright = apply_orientation(decode_pixels(original, probe), probe.orientation);
    cv::Rect crop = crop_around_focus({}, upright.size(), static_cast<double>(width) / height);
    cv::Mat sized;
    cv::resize(upright(crop), sized, cv::Size(width, height), 0, 0,
               crop.width >= width ? cv::INTER_AREA : cv::INTER_LINEAR);
    Derivative d;
    d.type = served_type(probe.type);
    d.bytes = embed_xmp(encode_image(sized, d.type, core::limits::kDerivativeQuality), d.type, packet);
    d.dimensions = dimensions_of(sized);
    return d;
}

}  // namespace gesso::media
