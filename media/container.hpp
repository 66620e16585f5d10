#pragma once
// The blocks image containers are made of, walked without decoding pixels: JPEG marker segments, PNG chunks,
// RIFF (WebP) chunks. Each walker stops at the first malformed block and reports it as `truncated`, and stops
// after limits::kMaxMetadataBlocks blocks. Views point into the caller's buffer.
#include <cstddef>
#include <string_view>
#include <vector>

namespace gesso::media {

struct JpegSegment {
    unsigned char marker = 0;  // the byte after 0xFF, e.g. 0xE1 for APP1, 0xC0 for SOF0
    std::size_t offset = 0;    // of the 0xFF byte
    std::string_view payload;  // after the 2-byte length
};

struct PngChunk {
    std::string_view type;   // 4 ASCII letters
    std::size_t offset = 0;  // of the length field
    std::string_view data;
};

struct RiffChunk {
    std::string_view fourcc;
    std::size_t offset = 0;  // of the fourcc
    std::string_view data;
};

template <class Block>
struct Walk {
    std::vector<Block> blocks;
    bool truncated = false;  // a block ran past the end of the buffer or was malformed
};

// Segments from SOI up to and including the first SOS (entropy-coded data is not walked).
Walk<JpegSegment> jpeg_segments(std::string_view data);
// Chunks after the 8-byte signature up to and including IEND. CRCs are not checked here.
Walk<PngChunk> png_chunks(std::string_view data);
// Chunks after the 12-byte "RIFF....WEBP" header.
Walk<RiffChunk> riff_chunks(std::string_view data);

// One PNG chunk, length + type + data + CRC32 over type and data.
std::string png_chunk(std::string_view type, std::string_view data);
// CRC32 as PNG and zlib define it.
unsigned long crc32_of(std::string_view data);

}  // namespace gesso::media
