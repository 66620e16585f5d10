// Safe intake: type by magic bytes, limits from the header before decoding, clean refusals of bombs,
// truncated, corrupt and unsupported files, EXIF orientation, and nothing of the original's metadata served.
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/decode.hpp"
#include "media/encode.hpp"
#include "media/pipeline.hpp"
#include "media/probe.hpp"
#include "media/xmp.hpp"
#include "media_fixtures.hpp"
#include "support/expect_error.hpp"

namespace gesso::media {
namespace {

namespace fx = test::media;
namespace limits = core::limits;
using core::Errc;

std::string patched_png_ihdr(std::string png, std::uint32_t w, std::uint32_t h) {
    // IHDR data starts at 16; rewrite width and height, then the CRC over type + data.
    std::string data = png.substr(16, 13);
    std::string wh;
    fx::put_be(wh, w, 4);
    fx::put_be(wh, h, 4);
    data.replace(0, 8, wh);
    return png.substr(0, 8) + fx::png_chunk("IHDR", data) + png.substr(33);
}

TEST(MediaProbe, ReadsTypeAndDimensionsFromHeaders) {
    const cv::Mat m = fx::picture(123, 45, 1);
    struct Case {
        std::string bytes;
        ImageType type;
    } cases[] = {{fx::encode(m, ".jpg"), ImageType::jpeg},
                 {fx::encode(m, ".png"), ImageType::png},
                 {fx::encode(m, ".webp"), ImageType::webp},
                 {fx::encode(m, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}), ImageType::webp},  // lossless VP8L
                 {fx::gif(123, 45, {{255, 0, 0}}, {std::vector<std::uint8_t>(123 * 45, 0)}), ImageType::gif}};
    for (const auto& c : cases) {
        auto p = probe_image(c.bytes);
        EXPECT_EQ(p.type, c.type);
        EXPECT_EQ(p.width, 123);
        EXPECT_EQ(p.height, 45);
        EXPECT_EQ(p.orientation, 1);
    }
}

TEST(MediaProbe, RefusesOtherTypesNamingThem) {
    struct Case {
        std::string bytes;
        std::string name;
    } cases[] = {{std::string("\0\0\0\x18"
                              "ftypheic\0\0\0\0",
                              16),
                  "HEIC"},
                 {std::string("\0\0\0\x1C"
                              "ftypavif\0\0\0\0",
                              16),
                  "AVIF"},
                 {std::string("II*\0\x08\0\0\0", 8), "TIFF"},
                 {"BM\x36\0\0\0\0\0", "BMP"},
                 {"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"},
                 {"%PDF-1.7\n", "PDF"},
                 {"hello, world", "unknown"}};
    for (const auto& c : cases) {
        auto [code, message] = test::failure([&] { probe_image(c.bytes); });
        EXPECT_EQ(code, Errc::unprocessable) << c.name;
        EXPECT_NE(message.find(c.name), std::string::npos) << message;
        EXPECT_NE(message.find("JPEG, PNG, WebP, GIF"), std::string::npos) << message;
    }
    EXPECT_EQ(test::error_code([] { probe_image(""); }), Errc::unprocessable);
}

TEST(MediaProbe, RefusesDecompressionBombsFromTheHeader) {
    // A 2 KB PNG that declares 50000 x 50000 pixels: refused without decoding.
    const std::string small = fx::encode(fx::picture(16, 16, 2), ".png");
    auto [code, message] = test::failure([&] { probe_image(patched_png_ihdr(small, 50000, 50000)); });
    EXPECT_EQ(code, Errc::too_large);
    EXPECT_NE(message.find("width"), std::string::npos) << message;

    // Each side under its limit, the product over the pixel limit.
    static_assert(10000LL * 10000 > limits::kMaxImagePixels && 10000 <= limits::kMaxImageWidth);
    auto [code2, message2] = test::failure([&] { probe_image(patched_png_ihdr(small, 10000, 10000)); });
    EXPECT_EQ(code2, Errc::too_large);
    EXPECT_NE(message2.find("pixel count"), std::string::npos) << message2;

    // A JPEG whose frame header claims 65000 rows.
    std::string jpeg = fx::encode(fx::picture(16, 16, 2), ".jpg");
    auto sof = jpeg.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    jpeg[sof + 5] = '\xFD';
    jpeg[sof + 6] = '\xE8';
    EXPECT_EQ(test::error_code([&] { probe_image(jpeg); }), Errc::too_large);

    // A GIF declaring 60000 x 60000 in its logical screen.
    std::string gif = fx::gif(4, 4, {{0, 0, 0}}, {std::vector<std::uint8_t>(16, 0)});
    gif[6] = gif[8] = '\x60';
    gif[7] = gif[9] = '\xEA';
    EXPECT_EQ(test::error_code([&] { probe_image(gif); }), Errc::too_large);

    // A file over the byte limit is refused before its type is even looked at.
    std::string huge(limits::kMaxImageBytes + 1, '\0');
    huge.replace(0, small.size(), small);
    EXPECT_EQ(test::error_code([&] { probe_image(huge); }), Errc::too_large);
}

TEST(MediaIntake, TruncatedFilesAreRefusedAtManyLengths) {
    const cv::Mat m = fx::picture(40, 30, 3);
    const std::string files[] = {fx::encode(m, ".jpg"), fx::encode(m, ".png"), fx::encode(m, ".webp"),
                                 fx::gif(40, 30, {{1, 2, 3}, {200, 100, 50}}, {std::vector<std::uint8_t>(1200, 1)})};
    PipelineOptions options;
    for (const auto& f : files) {
        ASSERT_NO_THROW(process_image(f, options));
        for (std::size_t cut = 0; cut + 1 < f.size(); cut += std::max<std::size_t>(1, f.size() / 97)) {
            auto code = test::error_of([&] { process_image(std::string_view(f).substr(0, cut), options); });
            // A GIF cut inside its pixel data still yields a (partly transparent) first frame, as browsers do.
            if (sniff_image_type(f) == ImageType::gif && !code) continue;
            ASSERT_TRUE(code.has_value()) << "accepted a file cut at " << cut << " of " << f.size();
            EXPECT_EQ(*code, Errc::unprocessable);
        }
    }
}

TEST(MediaIntake, CorruptBytesGiveAnErrorOrAnImageNeverACrash) {
    const cv::Mat m = fx::picture(48, 32, 4);
    const std::string files[] = {fx::encode(m, ".jpg"), fx::encode(m, ".png"), fx::encode(m, ".webp"),
                                 fx::gif(48, 32, {{1, 2, 3}, {9, 9, 9}}, {std::vector<std::uint8_t>(48 * 32, 1)})};
    cv::RNG rng(99);
    PipelineOptions options;
    int refused = 0, accepted = 0;
    for (const auto& f : files) {
        for (int round = 0; round < 60; ++round) {
            std::string bad = f;
            for (int k = 0; k < 1 + round % 8; ++k)
                bad[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(bad.size())))] =
                    static_cast<char>(rng.uniform(0, 256));
            try {
                auto out = process_image(bad, options);
                EXPECT_FALSE(out.full.bytes.empty());
                ++accepted;
            } catch (const core::Error&) {
                ++refused;
            }
        }
    }
    EXPECT_EQ(refused + accepted, 240);
}

TEST(MediaIntake, AnimatedGifBecomesItsFirstFrame) {
    const std::vector<cv::Vec3b> palette = {{255, 0, 0}, {0, 0, 255}, {0, 255, 0}};
    std::vector<std::uint8_t> first(20 * 10, 0), second(20 * 10, 1);
    for (int x = 0; x < 20; ++x) first[static_cast<std::size_t>(9 * 20 + x)] = 2;  // bottom row green
    auto out = process_image(fx::gif(20, 10, palette, {first, second}), PipelineOptions{});
    EXPECT_EQ(out.full.type, ImageType::png);
    cv::Mat px = fx::decode(out.full.bytes, cv::IMREAD_COLOR);
    ASSERT_EQ(px.size(), cv::Size(20, 10));
    EXPECT_EQ(px.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 255));  // red (BGR), from frame one, not blue
    EXPECT_EQ(px.at<cv::Vec3b>(9, 5), cv::Vec3b(0, 255, 0));

    // The transparent index stays transparent.
    auto t = process_image(fx::gif(4, 4, palette, {std::vector<std::uint8_t>(16, 1)}, 1), PipelineOptions{});
    cv::Mat tp = fx::decode(t.full.bytes);
    ASSERT_EQ(tp.channels(), 4);
    EXPECT_EQ(tp.at<cv::Vec4b>(2, 2)[3], 0);
}

TEST(MediaIntake, AnimatedWebpAndOversizedGifFramesAreRefusedClearly) {
    std::string webp = embed_xmp(encode_image(fx::picture(20, 20, 1), ImageType::webp, 80), ImageType::webp, "<x/>");
    ASSERT_EQ(webp.substr(12, 4), "VP8X");
    webp[20] = static_cast<char>(webp[20] | 0x02);  // the animation flag
    auto [code, message] = test::failure([&] { probe_image(webp); });
    EXPECT_EQ(code, Errc::unprocessable);
    EXPECT_NE(message.find("animated WebP"), std::string::npos) << message;

    // A 4x4 GIF whose frame descriptor claims 4000x4000.
    std::string gif = fx::gif(4, 4, {{0, 0, 0}}, {std::vector<std::uint8_t>(16, 0)});
    const auto frame = gif.find(',');  // image separator; width and height follow left and top
    ASSERT_NE(frame, std::string::npos);
    gif[frame + 5] = gif[frame + 7] = '\xA0';
    gif[frame + 6] = gif[frame + 8] = '\x0F';
    EXPECT_EQ(test::error_code([&] { process_image(gif, PipelineOptions{}); }), Errc::unprocessable);
}

// The stored picture for EXIF orientation `o` of an upright `u`, from the TIFF definition of where the
// 0th row and 0th column lie (written as pixel loops, independent of cv::rotate/flip).
cv::Mat stored_for(const cv::Mat& u, int o) {
    const int H = u.rows, W = u.cols;
    const bool swap = o >= 5;
    cv::Mat s(swap ? W : H, swap ? H : W, u.type());
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c) {
            int ur = r, uc = c;
            switch (o) {
                case 2: uc = W - 1 - c; break;
                case 3:
                    ur = H - 1 - r;
                    uc = W - 1 - c;
                    break;
                case 4: ur = H - 1 - r; break;
                case 5:
                    ur = c;
                    uc = r;
                    break;
                case 6:
                    ur = c;
                    uc = W - 1 - r;
                    break;
                case 7:
                    ur = H - 1 - c;
                    uc = W - 1 - r;
                    break;
                case 8:
                    ur = H - 1 - c;
                    uc = r;
                    break;
                default: break;
            }
            s.at<cv::Vec3b>(r, c) = u.at<cv::Vec3b>(ur, uc);
        }
    return s;
}

TEST(MediaIntake, AllEightExifOrientationsComeOutUpright) {
    // Upright: 120x60, four flat quadrants (red, green / blue, white), so JPEG noise does not matter.
    cv::Mat u(60, 120, CV_8UC3);
    const cv::Vec3b q[4] = {{0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {255, 255, 255}};
    for (int y = 0; y < 60; ++y)
        for (int x = 0; x < 120; ++x) u.at<cv::Vec3b>(y, x) = q[(y >= 30) * 2 + (x >= 60)];
    for (int o = 1; o <= 8; ++o) {
        const std::string jpeg =
            fx::with_exif(fx::encode(stored_for(u, o), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}),
                          fx::tiff({{0x0112, 3, 1, fx::short_value(static_cast<std::uint16_t>(o))}}));
        EXPECT_EQ(probe_image(jpeg).orientation, o);
        auto out = process_image(jpeg, PipelineOptions{});
        EXPECT_EQ(out.original.width, 120) << o;
        EXPECT_EQ(out.original.height, 60) << o;
        cv::Mat px = fx::decode(out.full.bytes, cv::IMREAD_COLOR);
        ASSERT_EQ(px.size(), cv::Size(120, 60)) << o;
        const cv::Point centres[4] = {{30, 15}, {90, 15}, {30, 45}, {90, 45}};
        for (int k = 0; k < 4; ++k) {
            const auto got = px.at<cv::Vec3b>(centres[k]);
            for (int c = 0; c < 3; ++c) EXPECT_NEAR(got[c], q[k][c], 12) << "orientation " << o << " quadrant " << k;
        }
    }
}

TEST(MediaIntake, NoOriginalMetadataSurvives) {
    const std::string secret_make = "SecretCam-Maker", secret_model = "Model-X-123456",
                      secret_desc = "thumbnail-and-description-secret";
    std::string gps_lat;  // 3 RATIONALs: 52/1 31/1 12/1
    for (std::uint32_t v : {52u, 1u, 31u, 1u, 12u, 1u}) fx::put_le(gps_lat, v, 4);
    const std::string exif = fx::tiff({fx::ascii(0x010F, secret_make),
                                       fx::ascii(0x0110, secret_model),
                                       fx::ascii(0x010E, secret_desc),
                                       {0x0112, 3, 1, fx::short_value(1)}},
                                      {fx::ascii(0x9003, "2024:01:02 03:04:05")},
                                      {fx::ascii(0x0001, "N"), {0x0002, 5, 3, gps_lat}, fx::ascii(0x0003, "E")});
    const std::string jpeg = fx::with_exif(fx::encode(fx::picture(300, 200, 5), ".jpg"), exif);
    const std::string png = fx::with_chunk(fx::encode(fx::picture(300, 200, 5), ".png"), fx::png_chunk("eXIf", exif));
    for (const auto& in : {jpeg, png}) {
        ASSERT_NE(in.find(secret_make), std::string::npos);
        auto out = process_image(in, PipelineOptions{});
        for (const auto* d : {&out.full, &out.preview}) {
            EXPECT_EQ(d->bytes.find("Exif"), std::string::npos);
            EXPECT_EQ(d->bytes.find("eXIf"), std::string::npos);
            EXPECT_EQ(d->bytes.find(secret_make), std::string::npos);
            EXPECT_EQ(d->bytes.find(secret_model), std::string::npos);
            EXPECT_EQ(d->bytes.find(secret_desc), std::string::npos);
            EXPECT_EQ(d->bytes.find("2024:01:02"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace gesso::media
