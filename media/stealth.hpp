#pragma once
// NovelAI's "stealth" metadata: generation parameters hidden in the least significant bits of the pixels,
// read column by column (x outer, y inner), most significant bit first. Alpha mode uses one bit per pixel
// (alpha), RGB mode three (R, G, B). Layout: a 15-byte magic ("stealth_pnginfo" / "stealth_pngcomp" in
// alpha, "stealth_rgbinfo" / "stealth_rgbcomp" in RGB; "comp" means gzip), a 32-bit big-endian payload
// length in bits, then the payload (usually JSON).
#include <opencv2/core.hpp>
#include <optional>
#include <string>

namespace gesso::media {

struct StealthPayload {
    std::string magic;  // which of the four magics was found
    bool in_alpha = true;
    std::string text;  // the payload, gunzipped for "comp" (empty if it could not be inflated)
};

// The payload in 8-bit BGR/BGRA `pixels`, or nullopt. Payloads are read up to
// limits::kMaxStealthPayloadBytes; the magic alone is enough to report one.
std::optional<StealthPayload> read_stealth_payload(const cv::Mat& pixels);

// Clears the carrier bits so no payload survives in served pixels: alpha low bits set to 1 (alpha mode) or
// R, G, B low bits set to 0 (RGB mode). Changes each touched sample by at most one level.
void scrub_stealth_bits(cv::Mat& pixels, bool in_alpha);

}  // namespace gesso::media
