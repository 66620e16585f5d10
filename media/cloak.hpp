#pragma once
// An EXPERIMENTAL cloak: a small, texture-masked perturbation of a served derivative, aimed at the image
// statistics that CNN feature extractors read. It is not Glaze or Nightshade (no diffusion model, no
// optimisation against a target model) and it is not a promise of protection: noisy upscaling and other
// purifications are known to remove such perturbations. docs/protection.md has the measurements.
//
// Design (all on the CPU with OpenCV; see cloak.cpp for the details):
//  - Where: a texture mask (local standard deviation of luma at the pattern's scale) is ~0 in flat areas and
//    smooth gradients, 1 in busy ones: contrast masking hides changes in texture, while a flat sky would show
//    them (and band).
//  - What: (a) patches of oriented gratings whose orientation drifts across the picture, at mid/high
//    frequencies *of the resolution extractors read at* (limits::kCloakAnalysisEdge), so they survive the
//    resize every extractor does first; the gratings are added mostly along two isoluminant colour-opponent
//    directions (red-green, blue-yellow), which the eye resolves poorly at these frequencies but the first
//    convolutions of ImageNet CNNs read as separate colour-opponent features; (b) a smooth random
//    modulation of local contrast (the picture's own detail, amplified here and damped there), which shifts
//    the distribution of gradient magnitudes without adding any new shape.
//  - How much: levels scale the amplitudes; the result always keeps PSNR >= limits::kCloakMinPsnr and
//    SSIM >= limits::kCloakMinSsim against the input (scaled down until it does, or left uncloaked).
//  - Deterministic: the pseudo-random choices come from a seed; by default the seed is a hash of the pixels,
//    so the same upload is cloaked the same way every time.
#include <cstdint>
#include <opencv2/core.hpp>
#include <string_view>

namespace gesso::media {

enum class CloakLevel { off, low, medium, high };

std::string_view to_string(CloakLevel level);
// "off", "low", "medium", "high" (as the upload parameter `cloak`); throws core::Error(unprocessable)
// naming the accepted values otherwise.
CloakLevel parse_cloak_level(std::string_view text);

struct CloakResult {
    bool applied = false;  // false for `off`, and when no scaled perturbation met the bound
    double scale = 0;      // the fraction of the level's amplitude that was applied (1 = all of it)
    double psnr = 0;       // of the output against the input (+infinity when nothing changed)
    double ssim = 1;
};

// A 64-bit hash of the picture's size, type and pixels (FNV-1a over 8-byte words, then mixed): the default seed.
std::uint64_t cloak_seed(const cv::Mat& image);

// Cloaks 8-bit BGR or BGRA pixels in place (alpha is left alone). When the result is not applied the picture
// is unchanged. Throws core::Error(internal) for other pixel formats (a caller bug).
CloakResult cloak(cv::Mat& image, CloakLevel level, std::uint64_t seed);
inline CloakResult cloak(cv::Mat& image, CloakLevel level) { return cloak(image, level, cloak_seed(image)); }

}  // namespace gesso::media
