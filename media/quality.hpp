#pragma once
// Full-reference image quality: how far a processed picture is from the one it was made from. Used to bound
// the cloak (media/cloak.hpp) and by the cloak harness (bench/media_cloak_variants.cpp).
#include <opencv2/core.hpp>

namespace gesso::media {

// Peak signal-to-noise ratio in dB over all colour channels (B, G, R; an alpha channel is ignored), peak 255.
// Identical pictures give +infinity. Both must be 8-bit with 3 or 4 channels and the same size; otherwise
// throws core::Error(internal) (a caller bug, not user input).
double psnr(const cv::Mat& reference, const cv::Mat& test);

// Mean structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004) with the reference parameters: Gaussian
// window 11x11, sigma 1.5, K1 = 0.01, K2 = 0.03, L = 255, picture edges reflected (BORDER_REFLECT_101);
// computed per colour channel (B, G, R) and averaged. 1 means identical. Exact (the same quantity as
// blurring whole planes; quality.cpp explains the one-pass form), symmetric. Same preconditions as psnr.
double ssim(const cv::Mat& reference, const cv::Mat& test);

}  // namespace gesso::media
