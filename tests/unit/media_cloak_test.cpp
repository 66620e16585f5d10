// Cloak (media/cloak.hpp) and the quality measures that bound it (media/quality.hpp). PSNR is checked with
// OpenCV's own cv::PSNR, independently of media::psnr.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/cloak.hpp"
#include "media/quality.hpp"
#include "media_cloak_images.hpp"
#include "support/expect_error.hpp"

namespace gesso::media {
namespace {

namespace fx = test::media;
namespace limits = core::limits;
using core::Errc;

constexpr CloakLevel kLevels[] = {CloakLevel::low, CloakLevel::medium, CloakLevel::high};

// Mean absolute change per colour value inside `area`.
double mean_change(const cv::Mat& a, const cv::Mat& b, cv::Rect area) {
    cv::Mat diff;
    cv::absdiff(a(area), b(area), diff);
    const cv::Scalar m = cv::mean(diff);
    return (m[0] + m[1] + m[2]) / 3;
}

// Root mean square difference after both pictures are shrunk (area averaging) to a short edge of `edge`.
double rms_after_shrink(const cv::Mat& a, const cv::Mat& b, int edge) {
    const double s = static_cast<double>(edge) / std::min(a.cols, a.rows);
    cv::Mat sa, sb, fa, fb;
    cv::resize(a, sa, {}, s, s, cv::INTER_AREA);
    cv::resize(b, sb, {}, s, s, cv::INTER_AREA);
    sa.convertTo(fa, CV_32F);
    sb.convertTo(fb, CV_32F);
    return cv::norm(fa, fb, cv::NORM_L2) / std::sqrt(static_cast<double>(fa.total() * fa.channels()));
}

TEST(MediaQuality, PsnrMatchesTheDefinition) {
    const cv::Mat a = fx::painting_picture(120, 90, 1);
    EXPECT_TRUE(std::isinf(psnr(a, a)));
    // Every value moved by 5 (no clipping in this mid-grey picture): MSE 25.
    const cv::Mat grey(40, 30, CV_8UC3, cv::Scalar(100, 120, 140)), moved = grey + cv::Scalar::all(5);
    EXPECT_NEAR(psnr(grey, moved), 10 * std::log10(255.0 * 255.0 / 25), 1e-9);
    cv::Mat noisy = a.clone();
    cv::randn(noisy, cv::Scalar::all(0), cv::Scalar::all(20));
    cv::add(a, noisy, noisy);
    EXPECT_NEAR(psnr(a, noisy), cv::PSNR(a, noisy), 1e-6);
    // Alpha is not a colour: a BGRA pair differing only in alpha is identical.
    cv::Mat x, y;
    cv::cvtColor(a, x, cv::COLOR_BGR2BGRA);
    y = x.clone();
    cv::Mat alpha(y.size(), CV_8U, cv::Scalar(10));
    cv::insertChannel(alpha, y, 3);
    EXPECT_TRUE(std::isinf(psnr(x, y)));
}

TEST(MediaQuality, SsimOfFlatPicturesIsTheLuminanceTermAndFallsWithNoise) {
    // On flat pictures both variances and the covariance are 0, so SSIM is (2 mx my + C1) / (mx^2 + my^2 + C1).
    const cv::Mat a(32, 32, CV_8UC3, cv::Scalar::all(100)), b(32, 32, CV_8UC3, cv::Scalar::all(130));
    const double c1 = (0.01 * 255) * (0.01 * 255);
    EXPECT_NEAR(ssim(a, b), (2 * 100.0 * 130 + c1) / (100.0 * 100 + 130.0 * 130 + c1), 1e-4);  // float blurs
    EXPECT_NEAR(ssim(a, a), 1.0, 1e-9);
    const cv::Mat p = fx::painting_picture(200, 150, 2);
    double previous = 1.0;
    for (double sigma : {2.0, 6.0, 15.0}) {
        cv::Mat n(p.size(), CV_16SC3), noisy;
        cv::randn(n, cv::Scalar::all(0), cv::Scalar::all(sigma));
        cv::add(p, n, noisy, cv::noArray(), CV_8UC3);
        const double s = ssim(p, noisy);
        EXPECT_LT(s, previous) << sigma;
        EXPECT_NEAR(s, ssim(noisy, p), 1e-9);  // symmetric
        previous = s;
    }
}

// The textbook computation, independently of media::ssim's one-pass rewrite: whole planes in double,
// cv::GaussianBlur 11x11 sigma 1.5 (reflected borders), the SSIM formula as Wang et al. write it.
double reference_ssim(const cv::Mat& a, const cv::Mat& b) {
    const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
    double total = 0;
    for (int c = 0; c < 3; ++c) {
        cv::Mat x, y, x8, y8;
        cv::extractChannel(a, x8, c);
        cv::extractChannel(b, y8, c);
        x8.convertTo(x, CV_64F);
        y8.convertTo(y, CV_64F);
        auto blur = [](const cv::Mat& m) {
            cv::Mat out;
            cv::GaussianBlur(m, out, {11, 11}, 1.5);
            return out;
        };
        const cv::Mat mx = blur(x), my = blur(y);
        const cv::Mat vx = blur(x.mul(x)) - mx.mul(mx), vy = blur(y.mul(y)) - my.mul(my), cov = blur(x.mul(y)) - mx.mul(my);
        cv::Mat num = (2 * mx.mul(my) + c1).mul(2 * cov + c2), den = (mx.mul(mx) + my.mul(my) + c1).mul(vx + vy + c2), map;
        cv::divide(num, den, map);
        total += cv::mean(map)[0];
    }
    return total / 3;
}

TEST(MediaQuality, SsimMatchesTheTextbookComputation) {
    std::vector<std::pair<cv::Mat, cv::Mat>> pairs;
    for (cv::Size size : {cv::Size(1, 1), cv::Size(3, 5), cv::Size(12, 7), cv::Size(37, 23), cv::Size(320, 241)}) {
        cv::Mat p = fx::photo_picture(std::max(size.width, 8), std::max(size.height, 8), 21)(cv::Rect({0, 0}, size)).clone();
        for (double sigma : {0.7, 3.0, 25.0}) {  // a cloak-sized change, mild and strong noise
            cv::Mat n(p.size(), CV_16SC3), noisy;
            cv::randn(n, cv::Scalar::all(0), cv::Scalar::all(sigma));
            cv::add(p, n, noisy, cv::noArray(), CV_8UC3);
            pairs.emplace_back(p, noisy);
        }
    }
    const cv::Mat dark(60, 80, CV_8UC3, cv::Scalar(0, 2, 1)), painting = fx::painting_picture(200, 150, 22);
    pairs.emplace_back(dark, dark + cv::Scalar(3, 0, 1));  // the luminance term, near black
    pairs.emplace_back(painting, fx::painting_picture(200, 150, 23));  // unrelated pictures
    for (const auto& [a, b] : pairs) {
        EXPECT_NEAR(ssim(a, b), reference_ssim(a, b), 1e-5) << a.size();  // float sums against double
        EXPECT_EQ(ssim(a, b), ssim(b, a)) << a.size();
    }
    // Alpha plays no part: the same colours with different alpha give the colour-only value.
    const auto& [a, b] = pairs.back();
    cv::Mat x, y;
    cv::cvtColor(a, x, cv::COLOR_BGR2BGRA);
    cv::cvtColor(b, y, cv::COLOR_BGR2BGRA);
    cv::Mat alpha(y.size(), CV_8U);
    cv::randu(alpha, 0, 256);
    cv::insertChannel(alpha, y, 3);
    EXPECT_NEAR(ssim(x, y), reference_ssim(a, b), 1e-5);
}

TEST(MediaQuality, MismatchedPicturesAreACallerBug) {
    const cv::Mat a(10, 10, CV_8UC3), b(10, 11, CV_8UC3), grey(10, 10, CV_8UC1);
    EXPECT_EQ(test::error_code([&] { psnr(a, b); }), Errc::internal);
    EXPECT_EQ(test::error_code([&] { ssim(grey, grey); }), Errc::internal);
}

TEST(MediaCloak, EveryLevelStaysWithinThePerceptualBoundOnEveryKindOfPicture) {
    const std::vector<fx::NamedPicture> pictures = {
        {"flat", fx::flat_picture(320, 240)},
        {"gradient", fx::gradient_picture(320, 240)},
        {"painting", fx::painting_picture(320, 240, 3)},
        {"illustration", fx::illustration_picture(320, 240, 4)},
        {"line_art", fx::line_art_picture(320, 240, 5)},
        {"photo", fx::photo_picture(320, 240, 6)},
        {"painting_large", fx::painting_picture(1200, 900, 7)},
    };
    for (const auto& [name, picture] : pictures)
        for (CloakLevel level : kLevels) {
            cv::Mat c = picture.clone();
            const CloakResult r = cloak(c, level);
            const double p = cv::PSNR(picture, c);
            EXPECT_GE(p, limits::kCloakMinPsnr) << name << ' ' << to_string(level);
            EXPECT_GE(ssim(picture, c), limits::kCloakMinSsim) << name << ' ' << to_string(level);
            if (r.applied) {
                EXPECT_NEAR(r.psnr, p, 1e-6) << name;  // what it reports is what it did
            }
            EXPECT_EQ(r.applied, cv::norm(picture, c, cv::NORM_INF) > 0) << name << ' ' << to_string(level);
        }
}

TEST(MediaCloak, WhatItReportsIsMeasuredOnTheRoundedAndClippedResult) {
    // High contrast (many values at 0 and 255, where the perturbation is clipped) and an odd size (the ends of
    // the vectorised rows): the PSNR and SSIM it reports, and checks against the bound, are those of the
    // pixels it wrote, as OpenCV and the textbook SSIM compute them.
    cv::Mat picture;
    fx::painting_picture(401, 299, 31).convertTo(picture, -1, 3.0, -250);
    for (CloakLevel level : kLevels) {
        cv::Mat c = picture.clone();
        const CloakResult r = cloak(c, level);
        ASSERT_TRUE(r.applied) << to_string(level);
        EXPECT_NEAR(r.psnr, cv::PSNR(picture, c), 1e-9) << to_string(level);
        EXPECT_NEAR(r.ssim, reference_ssim(picture, c), 1e-5) << to_string(level);
        EXPECT_GE(cv::PSNR(picture, c), limits::kCloakMinPsnr);
        EXPECT_GE(reference_ssim(picture, c), limits::kCloakMinSsim);
    }
}

TEST(MediaCloak, TexturedPicturesAreCloakedAndHigherLevelsChangeMore) {
    for (const auto& [name, picture] :
         std::vector<fx::NamedPicture>{{"painting", fx::painting_picture(480, 360, 8)},
                                       {"illustration", fx::illustration_picture(480, 360, 9)},
                                       {"photo", fx::photo_picture(480, 360, 10)}}) {
        double previous = std::numeric_limits<double>::infinity();
        for (CloakLevel level : kLevels) {
            cv::Mat c = picture.clone();
            EXPECT_TRUE(cloak(c, level).applied) << name;
            const double p = cv::PSNR(picture, c);
            EXPECT_LT(p, previous) << name << ' ' << to_string(level);
            previous = p;
        }
    }
}

TEST(MediaCloak, AStrongLevelIsScaledDownToTheBoundInsteadOfRefused) {
    // Busy everywhere: "high" at full amplitude would go below 38 dB.
    const cv::Mat picture = fx::painting_picture(400, 300, 11);
    cv::Mat c = picture.clone();
    const CloakResult r = cloak(c, CloakLevel::high);
    ASSERT_TRUE(r.applied);
    EXPECT_LT(r.scale, 1.0);
    EXPECT_GT(r.scale, 0.0);
    const double p = cv::PSNR(picture, c);
    EXPECT_GE(p, limits::kCloakMinPsnr);
    EXPECT_LT(p, limits::kCloakMinPsnr + 1.0);  // it uses the room it has
    // Pure noise is the busiest picture there is.
    cv::Mat noise(300, 400, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
    cv::Mat n = noise.clone();
    EXPECT_TRUE(cloak(n, CloakLevel::high).applied);
    EXPECT_GE(cv::PSNR(noise, n), limits::kCloakMinPsnr);
}

TEST(MediaCloak, FlatRegionsAreLeftAloneAndBusyOnesCarryThePerturbation) {
    // Left half flat, right half textured.
    cv::Mat picture = fx::painting_picture(640, 320, 12);
    picture(cv::Rect(0, 0, 320, 320)).setTo(cv::Scalar(200, 170, 120));
    cv::Mat c = picture.clone();
    ASSERT_TRUE(cloak(c, CloakLevel::medium).applied);
    const double flat = mean_change(picture, c, cv::Rect(0, 0, 280, 320));  // away from the border
    const double busy = mean_change(picture, c, cv::Rect(340, 0, 300, 320));
    EXPECT_LT(flat, 0.02);
    EXPECT_GT(busy, 0.5);
    // A smooth gradient and a flat colour have nothing to hide it in.
    for (cv::Mat m : {fx::gradient_picture(400, 300), fx::flat_picture(400, 300)}) {
        cv::Mat before = m.clone();
        EXPECT_FALSE(cloak(m, CloakLevel::high).applied);
        EXPECT_EQ(cv::norm(before, m, cv::NORM_INF), 0);
    }
}

TEST(MediaCloak, MostlyColourNotLightnessAndItSurvivesTheExtractorsResize) {
    const cv::Mat picture = fx::photo_picture(1024, 768, 13);
    cv::Mat c = picture.clone();
    const CloakResult r = cloak(c, CloakLevel::medium);
    ASSERT_TRUE(r.applied);
    // Lightness changes less than colour: compare the luma change with the change of the colour values.
    cv::Mat y0, y1, l0, l1;
    cv::cvtColor(picture, y0, cv::COLOR_BGR2GRAY);
    cv::cvtColor(c, y1, cv::COLOR_BGR2GRAY);
    y0.convertTo(l0, CV_32F);
    y1.convertTo(l1, CV_32F);
    const double luma_rms = cv::norm(l0, l1, cv::NORM_L2) / std::sqrt(static_cast<double>(l0.total()));
    const double colour_rms = 255.0 / std::pow(10.0, r.psnr / 20);
    EXPECT_LT(luma_rms, 0.6 * colour_rms);
    // Noise of the same PSNR is averaged away by the shrink to an extractor's input size; the cloak's
    // patterns, sized for that input, are not.
    cv::Mat noise(picture.size(), CV_16SC3), noisy;
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(colour_rms));
    cv::add(picture, noise, noisy, cv::noArray(), CV_8UC3);
    ASSERT_NEAR(cv::PSNR(picture, noisy), r.psnr, 0.5);
    EXPECT_GT(rms_after_shrink(picture, c, 224), 1.5 * rms_after_shrink(picture, noisy, 224));
}

TEST(MediaCloak, TheSameUploadIsCloakedTheSameWay) {
    const cv::Mat picture = fx::painting_picture(300, 200, 14);
    cv::Mat a = picture.clone(), b = picture.clone(), other = picture.clone();
    cloak(a, CloakLevel::medium);
    cloak(b, CloakLevel::medium);
    EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0);
    EXPECT_EQ(cloak_seed(picture), cloak_seed(picture.clone()));
    cloak(other, CloakLevel::medium, cloak_seed(picture) + 1);
    EXPECT_GT(cv::norm(a, other, cv::NORM_INF), 0);
    cv::Mat changed = picture.clone();
    changed.at<cv::Vec3b>(0, 0)[0] ^= 1;
    EXPECT_NE(cloak_seed(changed), cloak_seed(picture));
}

TEST(MediaCloak, OffDoesNothingAlphaIsKeptAndOtherFormatsAreACallerBug) {
    const cv::Mat picture = fx::painting_picture(200, 150, 15);
    cv::Mat off = picture.clone();
    const CloakResult r = cloak(off, CloakLevel::off);
    EXPECT_FALSE(r.applied);
    EXPECT_EQ(cv::norm(picture, off, cv::NORM_INF), 0);

    cv::Mat bgra;
    cv::cvtColor(picture, bgra, cv::COLOR_BGR2BGRA);
    cv::Mat alpha(bgra.size(), CV_8U);
    cv::randu(alpha, 0, 256);
    cv::insertChannel(alpha, bgra, 3);
    cv::Mat cloaked = bgra.clone();
    EXPECT_TRUE(cloak(cloaked, CloakLevel::high).applied);
    cv::Mat after;
    cv::extractChannel(cloaked, after, 3);
    EXPECT_EQ(cv::norm(alpha, after, cv::NORM_INF), 0);
    EXPECT_GE(psnr(bgra, cloaked), limits::kCloakMinPsnr);

    cv::Mat grey(50, 50, CV_8UC1, cv::Scalar(9));
    EXPECT_EQ(test::error_code([&] { cloak(grey, CloakLevel::low); }), Errc::internal);
}

TEST(MediaCloak, LevelsParseFromTheUploadParameter) {
    EXPECT_EQ(parse_cloak_level("off"), CloakLevel::off);
    EXPECT_EQ(parse_cloak_level("low"), CloakLevel::low);
    EXPECT_EQ(parse_cloak_level("medium"), CloakLevel::medium);
    EXPECT_EQ(parse_cloak_level("high"), CloakLevel::high);
    for (std::string_view bad : {"", "HIGH", "max", "1"})
        EXPECT_EQ(test::error_code([&] { parse_cloak_level(bad); }), Errc::unprocessable) << bad;
}

}  // namespace
}  // namespace gesso::media
