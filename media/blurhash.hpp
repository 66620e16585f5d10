#pragma once
// BlurHash (https://blurha.sh, the algorithm Mastodon clients decode): a few cosine components of the
// picture in linear light, quantised into a short base-83 string shown while the image loads.
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gesso::media {

// Encodes 8-bit BGR or BGRA `image` (alpha ignored) with components_x x components_y components (each
// 1..9; core::Error(unprocessable) otherwise). The string is 4 + 2 * components_x * components_y characters.
// Large images are first reduced to limits::kBlurhashSampleEdge on the long edge: the hash keeps only the
// lowest frequencies, so this changes nothing visible and bounds the cost.
std::string blurhash(const cv::Mat& image, int components_x, int components_y);

// The colours of `hash` sampled at the centres of a cols x rows grid (each 1..limits::kBlurhashSampleGrid),
// row by row, as 8-bit sRGB {r, g, b}: what a page paints while the image loads, without JavaScript. Empty when
// `hash` is not a well-formed BlurHash (wrong length or digits); never throws for bad input.
struct Rgb {
    unsigned char r = 0, g = 0, b = 0;
};
std::vector<Rgb> blurhash_sample(std::string_view hash, int cols, int rows);

// Base-83 digits as BlurHash writes them (most significant first, `length` digits).
std::string base83(unsigned value, int length);

}  // namespace gesso::media
