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
    if (options.watermark) check_visible_watermark(*options.watermark);
    ProcessedImage out;
    out.probe = probe_image(original);
    // A large JPEG is decoded directly at a fraction of its size (never below the full long edge); images
    // small enough to carry a readable Stable Diffusion watermark are decoded in full.
    const bool watermark_size =
        static_cast<long long>(out.probe.width) * out.probe.height <= core::limits::kMaxWatermarkPixels;
    cv::Mat stored = decode_pixels(original, out.probe, watermark_size ? 1 : jpeg_reduction_for(out.probe, full_edge));
    out.ai = detect_ai_markers(original, stored);
    if (auto stealth = read_stealth_payload(stored)) scrub_stealth_bits(stored, stealth->in_alpha);
    const bool turned = out.probe.orientation >= 5;
    out.original = turned ? dimensions_of(cv::Size(out.probe.height, out.probe.width))
                          : dimensions_of(cv::Size(out.probe.width, out.probe.height));
    const ImageType type = served_type(out.probe.type);
    // The long edge does not change when the picture is turned, so resize first and rotate fewer pixels.
    cv::Mat full = apply_orientation(fit_long_edge(stored, full_edge), out.probe.orientation);
    stored.release();
    cv::Mat preview = fit_long_edge(full, core::limits::kPreviewLongEdge);
    // The hashes describe the artist's picture, not the protection layered on the served copies: PDQ must
    // match reposts whether they were taken from Gesso (cloaked, watermarked) or from elsewhere (clean), a
    // watermark cropped off must not change it, and the same work uploaded with other settings must still
    // match itself. The blurhash placeholder cannot show either at 4x3 components anyway.
    out.blurhash = blurhash(preview, core::limits::kBlurhashComponentsX, core::limits::kBlurhashComponentsY);
    out.pdq = pdq_hash(full);
    if (options.cloak != CloakLevel::off) {
        // Each derivative is cloaked at its own size (a cloak on "full" would be averaged away by the
        // preview's downscale); one seed from the upright full picture makes the upload's output repeatable.
        const std::uint64_t seed = cloak_seed(full);
        if (preview.data == full.data) preview = full.clone();  // a small image is its own preview
        const bool full_cloaked = cloak(full, options.cloak, seed).applied;
        const bool preview_cloaked = cloak(preview, options.cloak, seed).applied;
        out.cloaked = full_cloaked && preview_cloaked;
    }
    if (options.watermark) {
        if (preview.data == full.data) preview = full.clone();
        draw_visible_watermark(full, *options.watermark);
        draw_visible_watermark(preview, *options.watermark);
        out.watermarked = true;
    }
    out.full = make_derivative(full, type, options.quality, packet);
    out.preview = make_derivative(preview, type, options.quality, packet);
    return out;
}

}  // namespace gesso::media
