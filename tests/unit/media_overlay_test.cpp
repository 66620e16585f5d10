// The visible watermark (media/overlay.hpp): where it is drawn, how strongly, how large, and what is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/overlay.hpp"
#include "media_cloak_images.hpp"
#include "support/expect_error.hpp"

namespace gesso::media {
namespace {

namespace fx = test::media;
namespace limits = core::limits;
using core::Errc;

// The bounding box of the pixels that differ.
cv::Rect changed_area(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat diff, grey, mask;
    cv::absdiff(a, b, diff);
    cv::cvtColor(diff, grey, diff.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    mask = grey > 0;
    if (diff.channels() == 4) {
        cv::Mat alpha;
        cv::extractChannel(diff, alpha, 3);
        mask |= alpha > 0;
    }
    return cv::boundingRect(mask);
}

VisibleWatermark mark(OverlayPosition position, double opacity = 0.6) {
    return {"@artist@gesso.example", position, opacity};
}

TEST(MediaOverlay, TheTextLandsWhereAsked) {
    const cv::Mat picture = fx::illustration_picture(800, 600, 1);
    struct Case {
        OverlayPosition position;
        cv::Rect region;  // where the whole text must be
    } cases[] = {
        {OverlayPosition::top_left, {0, 0, 400, 150}},       {OverlayPosition::top_right, {400, 0, 400, 150}},
        {OverlayPosition::bottom_left, {0, 450, 400, 150}},  {OverlayPosition::bottom_right, {400, 450, 400, 150}},
        {OverlayPosition::centre, {150, 225, 500, 150}},
    };
    for (const auto& c : cases) {
        cv::Mat m = picture.clone();
        draw_visible_watermark(m, mark(c.position));
        const cv::Rect area = changed_area(picture, m);
        ASSERT_FALSE(area.empty()) << to_string(c.position);
        EXPECT_EQ(area & c.region, area) << to_string(c.position) << ' ' << area;
        EXPECT_GT(area.width, 100) << to_string(c.position);  // the whole line, not a dot
    }
}

TEST(MediaOverlay, WhiteTextWithADarkOutlineBlendedByOpacity) {
    const cv::Mat grey(400, 600, CV_8UC3, cv::Scalar::all(128));
    cv::Mat opaque = grey.clone(), half = grey.clone(), none = grey.clone();
    draw_visible_watermark(opaque, mark(OverlayPosition::centre, 1.0));
    draw_visible_watermark(half, mark(OverlayPosition::centre, 0.5));
    draw_visible_watermark(none, mark(OverlayPosition::centre, 0.0));
    double lo = 0, hi = 0;
    cv::minMaxLoc(opaque.reshape(1), &lo, &hi);
    EXPECT_GE(hi, 250);  // the text
    EXPECT_LE(lo, 5);    // the outline
    cv::minMaxLoc(half.reshape(1), &lo, &hi);
    EXPECT_NEAR(hi, 128 + 0.5 * 127, 3);
    EXPECT_NEAR(lo, 64, 3);
    EXPECT_EQ(cv::norm(grey, none, cv::NORM_INF), 0);
}

TEST(MediaOverlay, TextScalesWithThePicture) {
    auto height_on = [](int w, int h) {
        cv::Mat picture(h, w, CV_8UC3, cv::Scalar::all(90)), m = picture.clone();
        draw_visible_watermark(m, {"Gesso", OverlayPosition::top_left, 1.0});
        return changed_area(picture, m).height;
    };
    const int small = height_on(400, 300), large = height_on(1600, 1200);
    EXPECT_NEAR(static_cast<double>(large) / small, 4.0, 0.8);
    // Cap height about kWatermarkTextHeightFraction of the short edge (outline adds a little).
    EXPECT_NEAR(large, limits::kWatermarkTextHeightFraction * 1200, 0.5 * limits::kWatermarkTextHeightFraction * 1200);
    // A line longer than the picture is wide is shrunk to fit.
    cv::Mat square(1000, 1000, CV_8UC3, cv::Scalar::all(90)), m = square.clone();
    draw_visible_watermark(m, {std::string(60, 'W'), OverlayPosition::bottom_left, 1.0});
    const cv::Rect area = changed_area(square, m);
    EXPECT_GT(area.x, 0);
    EXPECT_LT(area.br().x, 1000);
    EXPECT_GT(area.width, 900);
}

TEST(MediaOverlay, TransparentPicturesShowTheText) {
    cv::Mat clear(300, 400, CV_8UC4, cv::Scalar(0, 0, 0, 0)), m = clear.clone();
    draw_visible_watermark(m, mark(OverlayPosition::bottom_right, 0.8));
    cv::Mat alpha;
    cv::extractChannel(m, alpha, 3);
    double lo = 0, hi = 0;
    cv::minMaxLoc(alpha, &lo, &hi);
    EXPECT_NEAR(hi, 0.8 * 255, 2);
    EXPECT_EQ(lo, 0);  // the rest stays transparent
}

TEST(MediaOverlay, TinyPicturesDoNotCrash) {
    for (cv::Size s : {cv::Size(1, 1), cv::Size(8, 8), cv::Size(3, 200)}) {
        cv::Mat m(s, CV_8UC3, cv::Scalar::all(40));
        EXPECT_NO_THROW(draw_visible_watermark(m, mark(OverlayPosition::centre)));
    }
}

TEST(MediaOverlay, BadSettingsAreRefusedWithAReason) {
    cv::Mat m(100, 100, CV_8UC3, cv::Scalar::all(40));
    const cv::Mat before = m.clone();
    std::vector<VisibleWatermark> bad = {
        {"", OverlayPosition::centre, 0.5},
        {std::string(limits::kMaxWatermarkTextBytes + 1, 'a'), OverlayPosition::centre, 0.5},
        {"caf\xC3\xA9", OverlayPosition::centre, 0.5},
        {"tab\there", OverlayPosition::centre, 0.5},
        {"ok", OverlayPosition::centre, 1.5},
        {"ok", OverlayPosition::centre, -0.1},
        {"ok", OverlayPosition::centre, std::numeric_limits<double>::quiet_NaN()},
    };
    for (const auto& w : bad) {
        EXPECT_EQ(test::error_code([&] { draw_visible_watermark(m, w); }), Errc::unprocessable) << w.text;
        EXPECT_EQ(test::error_code([&] { check_visible_watermark(w); }), Errc::unprocessable) << w.text;
    }
    EXPECT_EQ(cv::norm(before, m, cv::NORM_INF), 0);  // nothing half-drawn
    EXPECT_NO_THROW(check_visible_watermark({std::string(limits::kMaxWatermarkTextBytes, 'a'), OverlayPosition::centre, 1}));
    EXPECT_EQ(parse_overlay_position("center"), OverlayPosition::centre);
    EXPECT_EQ(parse_overlay_position("top_right"), OverlayPosition::top_right);
    EXPECT_EQ(test::error_code([&] { parse_overlay_position("middle"); }), Errc::unprocessable);
}

}  // namespace
}  // namespace gesso::media
