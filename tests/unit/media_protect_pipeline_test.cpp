// Cloak and visible watermark inside process_image: applied to both served derivatives, bounded, repeatable,
// and invisible to the hashes (PDQ and blurhash describe the clean picture).
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/pipeline.hpp"
#include "media/quality.hpp"
#include "media_cloak_images.hpp"
#include "media_fixtures.hpp"
#include "support/expect_error.hpp"

namespace gesso::media {
namespace {

namespace fx = test::media;
namespace limits = core::limits;
using core::Errc;

PipelineOptions with_cloak(CloakLevel level) {
    PipelineOptions o;
    o.cloak = level;
    return o;
}

TEST(MediaProtectPipeline, BothDerivativesAreCloakedWithinTheBoundAndHashesStayClean) {
    // PNG in, PNG out: lossless, so the served pixels can be compared exactly.
    const std::string in = fx::encode(fx::painting_picture(1600, 1000, 21), ".png");
    const ProcessedImage clean = process_image(in, PipelineOptions{});
    const ProcessedImage cloaked = process_image(in, with_cloak(CloakLevel::medium));
    EXPECT_FALSE(clean.cloaked);
    EXPECT_TRUE(cloaked.cloaked);
    for (auto d : {&ProcessedImage::full, &ProcessedImage::preview}) {
        const cv::Mat a = fx::decode((clean.*d).bytes, cv::IMREAD_COLOR), b = fx::decode((cloaked.*d).bytes, cv::IMREAD_COLOR);
        ASSERT_EQ(a.size(), b.size());
        EXPECT_GT(cv::norm(a, b, cv::NORM_INF), 0);
        EXPECT_GE(cv::PSNR(a, b), limits::kCloakMinPsnr);
        EXPECT_GE(ssim(a, b), limits::kCloakMinSsim);
    }
    EXPECT_EQ(cloaked.pdq.hash.hex(), clean.pdq.hash.hex());
    EXPECT_EQ(cloaked.blurhash, clean.blurhash);
    // Same upload, same bytes.
    EXPECT_EQ(process_image(in, with_cloak(CloakLevel::medium)).full.bytes, cloaked.full.bytes);
}

TEST(MediaProtectPipeline, JpegAndSmallImagesAreCloakedToo) {
    // A small image is its own preview: both must be cloaked, neither twice.
    const cv::Mat picture = fx::photo_picture(500, 400, 22);
    const std::string in = fx::encode(picture, ".png");
    const ProcessedImage out = process_image(in, with_cloak(CloakLevel::high));
    EXPECT_TRUE(out.cloaked);
    const cv::Mat full = fx::decode(out.full.bytes, cv::IMREAD_COLOR), preview = fx::decode(out.preview.bytes, cv::IMREAD_COLOR);
    EXPECT_EQ(cv::norm(full, preview, cv::NORM_INF), 0);
    EXPECT_GE(cv::PSNR(picture, full), limits::kCloakMinPsnr);

    const std::string jpeg = fx::encode(fx::painting_picture(900, 700, 23), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95});
    const ProcessedImage j = process_image(jpeg, with_cloak(CloakLevel::low));
    EXPECT_TRUE(j.cloaked);
    EXPECT_EQ(j.full.type, ImageType::jpeg);
}

TEST(MediaProtectPipeline, APictureWithNothingToHideItInIsReportedUncloaked) {
    const ProcessedImage out = process_image(fx::encode(fx::gradient_picture(600, 400), ".png"), with_cloak(CloakLevel::high));
    EXPECT_FALSE(out.cloaked);
}

TEST(MediaProtectPipeline, WatermarkGoesOnBothDerivativesOnlyWhereAsked) {
    const std::string in = fx::encode(fx::illustration_picture(1200, 800, 24), ".png");
    PipelineOptions o;
    o.watermark = VisibleWatermark{"@artist@gesso.example", OverlayPosition::bottom_right, 0.7};
    const ProcessedImage clean = process_image(in, PipelineOptions{});
    const ProcessedImage marked = process_image(in, o);
    EXPECT_TRUE(marked.watermarked);
    EXPECT_FALSE(marked.cloaked);
    for (auto d : {&ProcessedImage::full, &ProcessedImage::preview}) {
        const cv::Mat a = fx::decode((clean.*d).bytes, cv::IMREAD_COLOR), b = fx::decode((marked.*d).bytes, cv::IMREAD_COLOR);
        cv::Mat diff, grey;
        cv::absdiff(a, b, diff);
        cv::cvtColor(diff, grey, cv::COLOR_BGR2GRAY);
        const cv::Rect area = cv::boundingRect(grey > 0);
        ASSERT_FALSE(area.empty());
        EXPECT_GE(area.x, a.cols / 2) << area;  // bottom right quadrant
        EXPECT_GE(area.y, a.rows / 2) << area;
    }
    EXPECT_EQ(marked.pdq.hash.hex(), clean.pdq.hash.hex());
    EXPECT_EQ(marked.blurhash, clean.blurhash);
}

TEST(MediaProtectPipeline, BadWatermarkSettingsAreRefusedBeforeAnyWork) {
    PipelineOptions o;
    o.cloak = CloakLevel::medium;
    o.watermark = VisibleWatermark{std::string(limits::kMaxWatermarkTextBytes + 1, 'x'), OverlayPosition::centre, 0.5};
    EXPECT_EQ(test::error_code([&] { process_image("not even an image", o); }), Errc::unprocessable);
    o.watermark->text = "ok";
    o.watermark->opacity = 2;
    EXPECT_EQ(test::error_code([&] { process_image("not even an image", o); }), Errc::unprocessable);
}

}  // namespace
}  // namespace gesso::media
