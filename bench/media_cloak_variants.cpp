// Writes the inputs of the cloak harness (tools/cloak-harness/): for each generated test picture
// (tests/unit/media_cloak_images.hpp, at the size of a served derivative), the variants
//   original, cloak_<level> (low, medium, high), noise_<level> (i.i.d. Gaussian noise at the same PSNR as
//   that cloak, found by bisection),
// each after the transforms
//   none, jpeg75 (JPEG quality 75), resize50 (half size, area), blur1 (Gaussian sigma 1),
//   noise_upscale (Gaussian noise sigma 4, then 2x bicubic upscale; a cheap stand-in for the noisy
//   upscaling that removes adversarial perturbations),
// then brought to the input of an ImageNet CNN the way common pipelines do (short side to 224 with area
// averaging, centre crop 224x224) and written as binary PPM (RGB). manifest.csv lists every file with the
// variant's PSNR and SSIM against the original (measured before the transform, by media/quality.hpp).
//
//   gesso_cloak_variants OUT_DIR [width=1024 height=768]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "../tests/unit/media_cloak_images.hpp"
#include "media/cloak.hpp"
#include "media/quality.hpp"

namespace {

using namespace gesso;

cv::Mat gaussian_noise(const cv::Mat& image, double sigma, std::uint64_t seed) {
    cv::Mat noise(image.size(), CV_32FC3);
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    cv::Mat f, out;
    image.convertTo(f, CV_32FC3);
    f += noise;
    f.convertTo(out, CV_8UC3);  // rounds and clips
    return out;
}

// Noise whose PSNR against `image` is within 0.02 dB of `target` (bisection on sigma).
cv::Mat noise_at_psnr(const cv::Mat& image, double target, std::uint64_t seed) {
    double lo = 0.01, hi = 64;
    cv::Mat best = image.clone();
    for (int i = 0; i < 40; ++i) {
        const double mid = std::sqrt(lo * hi);
        cv::Mat n = gaussian_noise(image, mid, seed);
        const double p = media::psnr(image, n);
        best = n;
        if (std::abs(p - target) < 0.02) break;
        (p > target ? lo : hi) = mid;
    }
    return best;
}

cv::Mat transform(const cv::Mat& m, const std::string& name) {
    cv::Mat out;
    if (name == "jpeg75") {
        std::vector<uchar> buf;
        cv::imencode(".jpg", m, buf, {cv::IMWRITE_JPEG_QUALITY, 75});
        return cv::imdecode(buf, cv::IMREAD_COLOR);
    }
    if (name == "resize50") {
        cv::resize(m, out, {}, 0.5, 0.5, cv::INTER_AREA);
        return out;
    }
    if (name == "blur1") {
        cv::GaussianBlur(m, out, {0, 0}, 1.0);
        return out;
    }
    if (name == "noise_upscale") {
        cv::resize(gaussian_noise(m, 4.0, 99), out, {}, 2.0, 2.0, cv::INTER_CUBIC);
        return out;
    }
    return m;
}

// Short side to 224 (area averaging), centre crop 224x224, RGB PPM.
void write_cnn_input(const cv::Mat& m, const std::filesystem::path& path) {
    constexpr int kSide = 224;
    const double s = static_cast<double>(kSide) / std::min(m.cols, m.rows);
    cv::Mat r;
    cv::resize(m, r, {std::max(kSide, static_cast<int>(std::lround(m.cols * s))),
                      std::max(kSide, static_cast<int>(std::lround(m.rows * s)))},
               0, 0, cv::INTER_AREA);
    cv::Mat crop = r(cv::Rect((r.cols - kSide) / 2, (r.rows - kSide) / 2, kSide, kSide)), rgb;
    cv::cvtColor(crop, rgb, cv::COLOR_BGR2RGB);
    std::ofstream out(path, std::ios::binary);
    out << "P6\n" << kSide << ' ' << kSide << "\n255\n";
    for (int y = 0; y < kSide; ++y) out.write(reinterpret_cast<const char*>(rgb.ptr(y)), kSide * 3);
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR [width height]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    const int w = argc > 3 ? std::atoi(argv[2]) : 1024, h = argc > 3 ? std::atoi(argv[3]) : 768;
    std::filesystem::create_directories(dir / "cnn");
    std::filesystem::create_directories(dir / "png");
    std::ofstream manifest(dir / "manifest.csv");
    manifest << "image,variant,transform,psnr,ssim,scale,file\n";
    const char* transforms[] = {"none", "jpeg75", "resize50", "blur1", "noise_upscale"};
    for (const auto& [name, picture] : test::media::cloak_test_set(w, h)) {
        struct Variant {
            std::string name;
            cv::Mat pixels;
            double scale;
        };
        std::vector<Variant> variants{{"original", picture, 0}};
        for (auto level : {media::CloakLevel::low, media::CloakLevel::medium, media::CloakLevel::high}) {
            cv::Mat c = picture.clone();
            const auto r = media::cloak(c, level);
            const std::string l(media::to_string(level));
            variants.push_back({"cloak_" + l, c, r.scale});
            const double p = media::psnr(picture, c);
            variants.push_back({"noise_" + l, std::isfinite(p) ? noise_at_psnr(picture, p, 7) : picture.clone(), 0});
        }
        for (const auto& v : variants) {
            const double p = media::psnr(picture, v.pixels), q = media::ssim(picture, v.pixels);
            cv::imwrite((dir / "png" / (name + "_" + v.name + ".png")).string(), v.pixels);
            for (const char* t : transforms) {
                const std::string file = "cnn/" + name + "_" + v.name + "_" + t + ".ppm";
                write_cnn_input(transform(v.pixels, t), dir / file);
                manifest << name << ',' << v.name << ',' << t << ',' << (std::isfinite(p) ? p : 999.0) << ',' << q
                         << ',' << v.scale << ',' << file << '\n';
            }
            std::printf("%-13s %-14s PSNR %7.2f dB  SSIM %.4f  scale %.3f\n", name.c_str(), v.name.c_str(),
                        std::isfinite(p) ? p : 999.0, q, v.scale);
        }
    }
    return 0;
}
