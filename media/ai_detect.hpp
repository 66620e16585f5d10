#pragma once
// Recognising images that declare or carry a mark of AI generation, read from the ORIGINAL file before its
// metadata is dropped. A detection is evidence that a generator or an editor marked the file; the absence of
// markers means "unknown", never "made by a human" (metadata is trivially removed).
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gesso::media {

enum class AiVerdict { unknown, declared, watermark };
std::string_view to_string(AiVerdict v);  // "unknown", "declared", "watermark"

struct AiEvidence {
    std::string marker;  // what was found, e.g. "Automatic1111 generation parameters"
    std::string where;   // where, e.g. "PNG tEXt chunk \"parameters\""
    bool operator==(const AiEvidence&) const = default;
};

struct AiDetection {
    AiVerdict verdict = AiVerdict::unknown;  // a negative is "unknown", never "made by a human"
    std::vector<AiEvidence> evidence;
};

// Looks for every marker Gesso knows (docs/protection.md lists them): PNG text chunks of Automatic1111,
// ComfyUI, InvokeAI, NovelAI, Fooocus and SwarmUI; NovelAI's stealth payload in the alpha (or RGB) low bits;
// EXIF UserComment generation parameters (JPEG, WebP, PNG eXIf); IPTC DigitalSourceType
// trainedAlgorithmicMedia / compositeWithTrainedAlgorithmicMedia in XMP; C2PA manifests (JPEG APP11, PNG
// caBX, WebP C2PA) naming those source types; Stable Diffusion's invisible watermark (v1, SDXL) in the
// pixels. `pixels` is the decoded image as stored (decode_pixels, before orientation, at full size: the
// watermark is only readable there); pass an empty Mat to skip the pixel-level checks. The verdict is
// "declared" when metadata declares AI generation, "watermark" when only the pixel watermark was found. Never throws on
// malformed metadata: what cannot be read is skipped, and the walk is bounded by core::limits.
AiDetection detect_ai_markers(std::string_view original, const cv::Mat& pixels);

}  // namespace gesso::media
