#include "media/blurhash.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "media/derivatives.hpp"

namespace gesso::media {
namespace {

constexpr std::string_view kDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

const std::array<double, 256>& srgb_to_linear_table() {
    static const std::array<double, 256> table = [] {
        std::array<double, 256> t{};
        for (int i = 0; i < 256; ++i) {
            double v = i / 255.0;
            t[static_cast<std::size_t>(i)] = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        }
        return t;
    }();
    return table;
}

int linear_to_srgb(double v) {
    v = std::clamp(v, 0.0, 1.0);
    if (v <= 0.0031308) return static_cast<int>(v * 12.92 * 255 + 0.5);
    return static_cast<int>((1.055 * std::pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
}

double sign_pow(double v, double e) { return std::copysign(std::pow(std::abs(v), e), v); }

// The value of base-83 digits; -1 if one is not a digit.
long decode83(std::string_view digits) {
    long value = 0;
    for (char c : digits) {
        auto at = kDigits.find(c);
        if (at == std::string_view::npos) return -1;
        value = value * 83 + static_cast<long>(at);
    }
    return value;
}

}  // namespace

std::vector<Rgb> blurhash_sample(std::string_view hash, int cols, int rows) {
    const int grid = core::limits::kBlurhashSampleGrid;
    if (cols < 1 || rows < 1 || cols > grid || rows > grid || hash.size() < 6) return {};
    const long size_flag = decode83(hash.substr(0, 1));
    if (size_flag < 0) return {};
    const int cx = static_cast<int>(size_flag % 9) + 1, cy = static_cast<int>(size_flag / 9) + 1;
    if (hash.size() != static_cast<std::size_t>(4 + 2 * cx * cy)) return {};
    const long quantised_max = decode83(hash.substr(1, 1));
    const long dc = decode83(hash.substr(2, 4));
    if (quantised_max < 0 || dc < 0) return {};
    const double max_value = (quantised_max + 1) / 166.0;
    const auto& lin = srgb_to_linear_table();
    std::vector<std::array<double, 3>> factors;
    factors.push_back({lin[static_cast<std::size_t>((dc >> 16) & 255)], lin[static_cast<std::size_t>((dc >> 8) & 255)],
                       lin[static_cast<std::size_t>(dc & 255)]});
    for (int k = 1; k < cx * cy; ++k) {
        const long ac = decode83(hash.substr(static_cast<std::size_t>(4 + 2 * k), 2));
        if (ac < 0 || ac >= 19 * 19 * 19) return {};
        auto unq = [&](long q) { return sign_pow((static_cast<double>(q) - 9) / 9, 2.0) * max_value; };
        factors.push_back({unq(ac / (19 * 19)), unq((ac / 19) % 19), unq(ac % 19)});
    }
    std::vector<Rgb> out;
    out.reserve(static_cast<std::size_t>(cols * rows));
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            const double px = (x + 0.5) / cols, py = (y + 0.5) / rows;
            std::array<double, 3> c{0, 0, 0};
            for (int j = 0; j < cy; ++j) {
                for (int i = 0; i < cx; ++i) {
                    const double basis = std::cos(std::numbers::pi * i * px) * std::cos(std::numbers::pi * j * py);
                    const auto& f = factors[static_cast<std::size_t>(j * cx + i)];
                    for (int n = 0; n < 3; ++n) c[static_cast<std::size_t>(n)] += basis * f[static_cast<std::size_t>(n)];
                }
            }
            out.push_back({static_cast<unsigned char>(linear_to_srgb(c[0])), static_cast<unsigned char>(linear_to_srgb(c[1])),
                           static_cast<unsigned char>(linear_to_srgb(c[2]))});
        }
    }
    return out;
}

std::string base83(unsigned value, int length) {
    std::string out(static_cast<std::size_t>(length), '0');
    for (int i = length - 1; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[value % 83];
        value /= 83;
    }
    return out;
}

std::string blurhash(const cv::Mat& input, int cx, int cy) {
    if (cx < 1 || cx > 9 || cy < 1 || cy > 9)
        throw core::Error(core::Errc::unprocessable, "blurhash components must be 1..9");
    cv::Mat image = fit_long_edge(input, core::limits::kBlurhashSampleEdge);
    const int w = image.cols, h = image.rows, ch = image.channels();
    const auto& lin = srgb_to_linear_table();
    // Separable basis: cos(pi*i*x/w) per column and cos(pi*j*y/h) per row.
    std::vector<double> bx(static_cast<std::size_t>(cx * w)), by(static_cast<std::size_t>(cy * h));
    for (int i = 0; i < cx; ++i)
        for (int x = 0; x < w; ++x) bx[static_cast<std::size_t>(i * w + x)] = std::cos(std::numbers::pi * i * x / w);
    for (int j = 0; j < cy; ++j)
        for (int y = 0; y < h; ++y) by[static_cast<std::size_t>(j * h + y)] = std::cos(std::numbers::pi * j * y / h);
    std::vector<std::array<double, 3>> factors(static_cast<std::size_t>(cx * cy), {0, 0, 0});
    for (int y = 0; y < h; ++y) {
        const uchar* row = image.ptr<uchar>(y);
        for (int x = 0; x < w; ++x) {
            const uchar* px = row + x * ch;
            const double r = lin[px[2]], g = lin[px[1]], b = lin[px[0]];
            for (int j = 0; j < cy; ++j) {
                const double fy = by[static_cast<std::size_t>(j * h + y)];
                for (int i = 0; i < cx; ++i) {
                    const double basis = fy * bx[static_cast<std::size_t>(i * w + x)];
                    auto& f = factors[static_cast<std::size_t>(j * cx + i)];
                    f[0] += basis * r;
                    f[1] += basis * g;
                    f[2] += basis * b;
                }
            }
        }
    }
    for (std::size_t k = 0; k < factors.size(); ++k) {
        const double norm = (k == 0 ? 1.0 : 2.0) / (static_cast<double>(w) * h);
        for (auto& c : factors[k]) c *= norm;
    }

    std::string out = base83(static_cast<unsigned>((cx - 1) + (cy - 1) * 9), 1);
    double max_value = 1;
    if (factors.size() > 1) {
        double actual = 0;
        for (std::size_t k = 1; k < factors.size(); ++k)
            for (double c : factors[k]) actual = std::max(actual, std::abs(c));
        const int quantised = std::clamp(static_cast<int>(std::floor(actual * 166 - 0.5)), 0, 82);
        max_value = (quantised + 1) / 166.0;
        out += base83(static_cast<unsigned>(quantised), 1);
    } else {
        out += base83(0, 1);
    }
    const auto& dc = factors[0];
    out += base83(
        static_cast<unsigned>((linear_to_srgb(dc[0]) << 16) + (linear_to_srgb(dc[1]) << 8) + linear_to_srgb(dc[2])), 4);
    for (std::size_t k = 1; k < factors.size(); ++k) {
        auto q = [&](double v) {
            return std::clamp(static_cast<int>(std::floor(sign_pow(v / max_value, 0.5) * 9 + 9.5)), 0, 18);
        };
        const auto& f = factors[k];
        out += base83(static_cast<unsigned>(q(f[0]) * 19 * 19 + q(f[1]) * 19 + q(f[2])), 2);
    }
    return out;
}

}  // namespace gesso::media
