#pragma once
// Generated pictures of the kinds artists post, for the cloak tests and the cloak harness
// (bench/media_cloak_variants.cpp includes this file too): each is deterministic for its seed.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace gesso::test::media {

// One flat colour.
inline cv::Mat flat_picture(int w, int h) { return cv::Mat(h, w, CV_8UC3, cv::Scalar(180, 140, 90)); }

// A smooth two-way colour gradient, like a clear sky.
inline cv::Mat gradient_picture(int w, int h) {
    cv::Mat m(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(230 - 120.0 * y / h), static_cast<uchar>(150 + 60.0 * x / w),
                                              static_cast<uchar>(70 + 90.0 * (x + y) / (w + h)));
    return m;
}

// Painting-like: a multi-scale coloured texture (noise blurred at several scales) under semi-opaque strokes.
inline cv::Mat painting_picture(int w, int h, int seed) {
    cv::RNG rng(static_cast<std::uint64_t>(seed) * 104729 + 3);
    cv::Mat acc(h, w, CV_32FC3, cv::Scalar::all(0));
    for (double sigma : {40.0, 12.0, 3.0, 1.0}) {
        cv::Mat n(h, w, CV_32FC3);
        rng.fill(n, cv::RNG::NORMAL, 0.0, 1.0);
        cv::GaussianBlur(n, n, {0, 0}, sigma);
        cv::Scalar mean, dev;
        cv::meanStdDev(n, mean, dev);
        acc += n * (30.0 / std::max(1e-6, dev[0]));
    }
    acc += cv::Scalar(120, 110, 100);
    cv::Mat m;
    acc.convertTo(m, CV_8UC3);
    for (int i = 0; i < 60; ++i) {
        cv::Mat layer = m.clone();
        cv::Point a(rng.uniform(0, w), rng.uniform(0, h)), b(rng.uniform(0, w), rng.uniform(0, h));
        cv::line(layer, a, b, cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256)),
                 rng.uniform(3, std::max(4, w / 30)), cv::LINE_AA);
        cv::addWeighted(layer, 0.5, m, 0.5, 0, m);
    }
    return m;
}

// Flat illustration: hard-edged shapes of flat colour (cel shading), no texture inside them.
inline cv::Mat illustration_picture(int w, int h, int seed) {
    cv::RNG rng(static_cast<std::uint64_t>(seed) * 7919 + 11);
    cv::Mat m(h, w, CV_8UC3, cv::Scalar(235, 225, 210));
    for (int i = 0; i < 14; ++i) {
        cv::Scalar c(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
        cv::Point p(rng.uniform(0, w), rng.uniform(0, h));
        const int r = rng.uniform(w / 20 + 1, w / 5 + 2);
        if (i % 3 == 0)
            cv::circle(m, p, r, c, cv::FILLED, cv::LINE_AA);
        else if (i % 3 == 1)
            cv::rectangle(m, cv::Rect(p.x - r, p.y - r / 2, 2 * r, r), c, cv::FILLED);
        else
            cv::ellipse(m, p, {r, r / 3}, rng.uniform(0, 180), 0, 360, c, cv::FILLED, cv::LINE_AA);
    }
    return m;
}

// Line art: thin dark anti-aliased strokes and curves on white paper.
inline cv::Mat line_art_picture(int w, int h, int seed) {
    cv::RNG rng(static_cast<std::uint64_t>(seed) * 31337 + 5);
    cv::Mat m(h, w, CV_8UC3, cv::Scalar::all(255));
    for (int i = 0; i < 40; ++i) {
        std::vector<cv::Point> curve;
        cv::Point2d p(rng.uniform(0, w), rng.uniform(0, h));
        double angle = rng.uniform(0.0, 2 * CV_PI);
        for (int k = 0; k < 30; ++k) {
            curve.emplace_back(cv::Point(static_cast<int>(p.x), static_cast<int>(p.y)));
            angle += rng.uniform(-0.3, 0.3);
            p += cv::Point2d(std::cos(angle), std::sin(angle)) * (w / 80.0);
        }
        cv::polylines(m, curve, false, cv::Scalar::all(rng.uniform(0, 60)), rng.uniform(1, 3), cv::LINE_AA);
    }
    return m;
}

// Photo-like: gradients, soft shapes and sensor noise.
inline cv::Mat photo_picture(int w, int h, int seed) {
    cv::RNG rng(static_cast<std::uint64_t>(seed) * 65537 + 7);
    cv::Mat m = gradient_picture(w, h);
    for (int i = 0; i < 40; ++i)
        cv::circle(m, {rng.uniform(0, w), rng.uniform(0, h)}, rng.uniform(w / 40 + 1, w / 6 + 2),
                   cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256)), cv::FILLED, cv::LINE_AA);
    cv::GaussianBlur(m, m, {0, 0}, 2.0);
    cv::Mat noise(m.size(), CV_16SC3);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, 6.0);
    cv::Mat out;
    cv::add(m, noise, out, cv::noArray(), CV_8UC3);
    return out;
}

struct NamedPicture {
    std::string name;
    cv::Mat pixels;
};

// The harness's set: the kinds above at one size.
inline std::vector<NamedPicture> cloak_test_set(int w, int h) {
    return {{"painting", painting_picture(w, h, 1)},     {"illustration", illustration_picture(w, h, 2)},
            {"line_art", line_art_picture(w, h, 3)},     {"photo", photo_picture(w, h, 4)},
            {"painting_2", painting_picture(w, h, 5)},   {"gradient", gradient_picture(w, h)}};
}

}  // namespace gesso::test::media
