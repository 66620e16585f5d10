#pragma once
// Stable Diffusion's invisible watermark, as its reference scripts embed it with the `invisible-watermark`
// library ("dwtDct"): YUV, U channel, one Haar DWT level, the low band cut into 4x4 blocks, and in each block's
// DCT the largest coefficient (ignoring DC) quantised so that (|c| mod 36) > 18 encodes a 1. Block k carries
// bit k mod (payload length); bits are decided by majority over all blocks. Anyone can forge the mark and
// resizing, cropping or recompression destroys it: read it only at the original size.
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace gesso::media {

struct WatermarkMatch {
    std::string name;  // "Stable Diffusion v1 (\"StableDiffusionV1\")" or "SDXL (0xB3EC907BB19E)"
    int matching_bits = 0;
    int total_bits = 0;
};

// The payload bits (MSB first) of the two known marks.
const std::vector<int>& sd_v1_watermark_bits();  // the 17 bytes "StableDiffusionV1": 136 bits
const std::vector<int>& sdxl_watermark_bits();   // 0xB3EC907BB19E: 48 bits

// One vote per 4x4 block of the U channel's Haar low band, row by row: 1 when the block's largest non-DC
// DCT coefficient sits in the upper half of its 36-step quantisation cell.
std::vector<unsigned char> dwt_dct_block_votes(const cv::Mat& pixels);
// Block k votes for bit k mod bit_count; empty when there are fewer blocks than bits.
std::vector<int> bits_from_votes(const std::vector<unsigned char>& votes, std::size_t bit_count);

// Decodes `bit_count` bits from 8-bit BGR/BGRA `pixels` (empty when the image is smaller than one block
// per bit). Each bit is 1 when more than half of its blocks vote 1.
std::vector<int> decode_dwt_dct_bits(const cv::Mat& pixels, std::size_t bit_count);

// The known mark found in `pixels`: one whose decoded bits agree with its payload on more than 35 of 48
// (SDXL) or 102 of 136 (v1, the same 75% share) bits; at or below 27/48 (56%) a mark is absent, and in
// between Gesso reports nothing. Images over limits::kMaxWatermarkPixels are not examined.
std::optional<WatermarkMatch> detect_sd_watermark(const cv::Mat& pixels);

}  // namespace gesso::media
