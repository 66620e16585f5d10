#pragma once
// PDQ perceptual hash (Meta's ThreatExchange algorithm, implemented from its published description): luma,
// two passes of Jarosz box filters, decimation to 64x64, a 16x16 DCT (without the DC row/column), bits set
// where a coefficient exceeds the median. Near-identical pictures differ in few of the 256 bits.
#include <array>
#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>

namespace gesso::media {

struct PdqHash {
    // Bit k (0..255) is word k/16, bit k%16, where k = 16 * dct_row + dct_column.
    std::array<std::uint16_t, 16> words{};
    bool operator==(const PdqHash&) const = default;
    // 64 hex digits, most significant word (15) first, as Meta's tools print it.
    std::string hex() const;
    // Parses hex(); throws core::Error(bad_request) on anything else.
    static PdqHash from_hex(std::string_view hex);
};

int hamming_distance(const PdqHash& a, const PdqHash& b);

struct PdqResult {
    PdqHash hash;
    int quality = 0;  // 0..100; at or below limits::kPdqMinQuality - 1 the image is too flat to compare
};

// The hash of 8-bit BGR or BGRA `image` (alpha ignored). Like Meta's reference tools, an image larger than
// limits::kPdqSampleEdge on either side is first scaled to kPdqSampleEdge x kPdqSampleEdge. Images under 5
// pixels on a side get an all-zero hash of quality 0.
PdqResult pdq_hash(const cv::Mat& image);

// The hashes of the image's eight dihedral variants (as is, rotated 90/180/270, flipped horizontally,
// flipped vertically, transposed, transversed), sharing one downsampling. A repost that was flipped or
// rotated matches one of them.
std::array<PdqResult, 8> pdq_dihedral_hashes(const cv::Mat& image);

}  // namespace gesso::media
