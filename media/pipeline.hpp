#pragma once
// The whole intake of one image, as a pure function over bytes, fit to run on the CPU pool: probe and limits,
// decode, AI-marker detection on the original, EXIF orientation, re-encode (all original metadata gone),
// provenance XMP, the "full" and "preview" derivatives, blurhash, dimensions and PDQ; on request an
// (experimental) cloak and a visible watermark on the served derivatives.
#include <optional>
#include <string>
#include <string_view>

#include "core/limits.hpp"
#include "media/ai_detect.hpp"
#include "media/cloak.hpp"
#include "media/derivatives.hpp"
#include "media/overlay.hpp"
#include "media/pdq.hpp"
#include "media/probe.hpp"
#include "media/xmp.hpp"

namespace gesso::media {

struct PipelineOptions {
    int full_long_edge = core::limits::kDefaultFullLongEdge;  // checked by checked_full_long_edge
    int quality = core::limits::kDerivativeQuality;
    Provenance provenance;  // written into both derivatives
    // Applied to the served derivatives only, after orientation and before encoding: first the cloak, then
    // the watermark on top (so its text stays crisp). Blurhash and PDQ are computed before either.
    CloakLevel cloak = CloakLevel::off;
    std::optional<VisibleWatermark> watermark;  // checked before any work (check_visible_watermark)
};

struct Derivative {
    ImageType type = ImageType::unknown;  // served_type(original type)
    std::string bytes;                    // encoded, with the provenance XMP and nothing else
    Dimensions dimensions;
};

struct ProcessedImage {
    Probe probe;           // the original's type and stored dimensions
    AiDetection ai;        // from the original bytes and pixels, before anything was stripped
    Dimensions original;   // upright dimensions of the original
    Derivative full;       // long edge <= full_long_edge
    Derivative preview;    // long edge <= limits::kPreviewLongEdge
    std::string blurhash;  // limits::kBlurhashComponentsX x kBlurhashComponentsY
    PdqResult pdq;         // of the upright "full" picture, before cloak and watermark
    bool cloaked = false;  // both derivatives carry the cloak (false when off, or when a picture has no
                           // texture to hide it in, or could not keep the perceptual bound)
    bool watermarked = false;
};

// Throws what probe_image, decode_pixels, xmp_packet and check_visible_watermark throw (core::Error: too_large, unprocessable);
// nothing is returned half-made.
ProcessedImage process_image(std::string_view original, const PipelineOptions& options);

}  // namespace gesso::media
