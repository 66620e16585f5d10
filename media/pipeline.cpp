#include "media/pipeline.hpp"

#include "media/blurhash.hpp"
#include "media/decode.hpp"
#include "media/encode.hpp"
#include "media/stealth.hpp"

namespace gesso::media {
namespace {

Derivative make_derivative(const cv::Mat& image, ImageType type, int quality, std::string_view packet) {
    Derivative d;
    d.type = type;
    d.bytes = embed_xmp(encode_image(image, type, quality), type, packet);
    d.dimensions = dimensions_of(image);
    return d;
}

}  // namespace

ProcessedImage process_image(std::string_view original, const PipelineOptions& options) {
    const int full_edge = checked_full_long_edge(options.full_long_edge);
    const std::string packet = xmp_packet(options.provenance);  // refuses bad values before any work
    ProcessedImage out;
    out.probe = probe_image(original);
    cv::Mat stored = decode_pixels(original, out.probe);
    out.ai = detect_ai_markers(original, stored);
    if (auto stealth = read_stealth_payload(stored)) scrub_stealth_bits(stored, stealth->in_alpha);
    cv::Mat upright = apply_orientation(stored, out.probe.orientation);
    stored.release();
    out.original = dimensions_of(upright);
    const ImageType type = served_type(out.probe.type);
    cv::Mat full = fit_long_edge(upright, full_edge);
    upright.release();
    cv::Mat preview = fit_long_edge(full, core::limits::kPreviewLongEdge);
    out.full = make_derivative(full, type, options.quality, packet);
    out.preview = make_derivative(preview, type, options.quality, packet);
    out.blurhash = blurhash(preview, core::limits::kBlurhashComponentsX, core::limits::kBlurhashComponentsY);
    out.pdq = pdq_hash(full);
    return out;
}

}  // namespace gesso::media
