// media/sniff: image type from magic bytes only.
#include <gtest/gtest.h>

#include <string>

#include "media/sniff.hpp"

namespace gesso::media {
namespace {

// The first bytes of real files, as their format specifications define them.
std::string bytes(std::initializer_list<unsigned char> b) { return std::string(b.begin(), b.end()); }

class MagicBytes : public ::testing::Test {
protected:
    // JPEG: SOI marker FF D8, then an APP0 (JFIF) marker FF E0.
    const std::string jpeg = bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00});
    // JPEG straight into an EXIF APP1 marker, as cameras write it.
    const std::string jpeg_exif = bytes({0xFF, 0xD8, 0xFF, 0xE1, 0x12, 0x34, 'E', 'x', 'i', 'f', 0x00, 0x00});
    // PNG: the 8-byte signature, then the IHDR chunk length and type.
    const std::string png =
        bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 'I', 'H', 'D', 'R'});
    // WebP: RIFF, little-endian file size, WEBP, then the VP8 chunk.
    const std::string webp = bytes({'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '});
    const std::string gif87 = "GIF87a\x01\x00\x01\x00";
    const std::string gif89 = "GIF89a\x01\x00\x01\x00";
};

TEST_F(MagicBytes, RecognisesEachSupportedFormat) {
    EXPECT_EQ(sniff_image_type(jpeg), ImageType::jpeg);
    EXPECT_EQ(sniff_image_type(jpeg_exif), ImageType::jpeg);
    EXPECT_EQ(sniff_image_type(png), ImageType::png);
    EXPECT_EQ(sniff_image_type(webp), ImageType::webp);
    EXPECT_EQ(sniff_image_type(gif87), ImageType::gif);
    EXPECT_EQ(sniff_image_type(gif89), ImageType::gif);
}

TEST_F(MagicBytes, ExactSignatureLengthIsEnough) {
    EXPECT_EQ(sniff_image_type(jpeg.substr(0, 3)), ImageType::jpeg);
    EXPECT_EQ(sniff_image_type(png.substr(0, 8)), ImageType::png);
    EXPECT_EQ(sniff_image_type(webp.substr(0, 12)), ImageType::webp);
    EXPECT_EQ(sniff_image_type(gif89.substr(0, 6)), ImageType::gif);
}

TEST_F(MagicBytes, TruncatedSignaturesAreUnknown) {
    EXPECT_EQ(sniff_image_type(""), ImageType::unknown);
    EXPECT_EQ(sniff_image_type(jpeg.substr(0, 2)), ImageType::unknown);
    EXPECT_EQ(sniff_image_type(png.substr(0, 7)), ImageType::unknown);
    EXPECT_EQ(sniff_image_type(webp.substr(0, 11)), ImageType::unknown);
    EXPECT_EQ(sniff_image_type(webp.substr(0, 4)), ImageType::unknown);
    EXPECT_EQ(sniff_image_type(gif89.substr(0, 5)), ImageType::unknown);
}

TEST_F(MagicBytes, LookAlikesAreUnknown) {
    // A RIFF container that is audio, not WebP.
    EXPECT_EQ(sniff_image_type(bytes({'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '})),
              ImageType::unknown);
    EXPECT_EQ(sniff_image_type("GIF88a\x01\x00"), ImageType::unknown);
    // PNG signature with the line-ending bytes mangled (a text-mode transfer): not PNG.
    EXPECT_EQ(sniff_image_type(bytes({0x89, 'P', 'N', 'G', 0x0A, 0x1A, 0x0A, 0x00})), ImageType::unknown);
    // Case matters: magic bytes are bytes.
    EXPECT_EQ(sniff_image_type("gif89a\x01\x00"), ImageType::unknown);
}

TEST_F(MagicBytes, OtherFormatsAndTextAreUnknown) {
    EXPECT_EQ(sniff_image_type("BM\x36\x00\x0C\x00"), ImageType::unknown);  // BMP
    EXPECT_EQ(sniff_image_type("%PDF-1.7\n"), ImageType::unknown);
    EXPECT_EQ(sniff_image_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), ImageType::unknown);
    EXPECT_EQ(sniff_image_type(bytes({0x00, 0x00, 0x00, 0x1C, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f'})),
              ImageType::unknown);  // AVIF is not (yet) accepted
    EXPECT_EQ(sniff_image_type(std::string(64, '\0')), ImageType::unknown);
}

TEST_F(MagicBytes, SignatureMustBeAtTheStart) {
    EXPECT_EQ(sniff_image_type(" " + png), ImageType::unknown);
    EXPECT_EQ(sniff_image_type("junk" + jpeg), ImageType::unknown);
}

TEST(MimeTypes, OnePerTypeAndOctetStreamForUnknown) {
    EXPECT_EQ(mime_type(ImageType::jpeg), "image/jpeg");
    EXPECT_EQ(mime_type(ImageType::png), "image/png");
    EXPECT_EQ(mime_type(ImageType::webp), "image/webp");
    EXPECT_EQ(mime_type(ImageType::gif), "image/gif");
    EXPECT_EQ(mime_type(ImageType::unknown), "application/octet-stream");
}

}  // namespace
}  // namespace gesso::media
